"""The key figures of the dashboard and the report use actual attendance (the welcome desk's
arrivals) once there is one, registrations until then."""

import pytest

from congress.onsite.models import CheckIn
from congress.registrations.models import RegistrationStatus
from reports import selectors
from reports.figures import key_figure_charts
from tests.congress.onsite.conftest import delegate
from tests.factories import CongressFactory, TariffFactory

pytestmark = pytest.mark.django_db


def _figures(congress) -> dict:
    figures, _charts = key_figure_charts(congress, list(congress.tracks.all()), [])
    return dict(figures)


def test_key_figures_switch_to_people_present_once_arrivals_are_recorded():
    congress = CongressFactory()
    tariff = TariffFactory(congress=congress)
    came, came_both_days, *_absent = (
        delegate(congress, tariff=tariff, name=name) for name in ("Ana", "Bea", "Cid", "Eve")
    )
    cancelled = delegate(congress, tariff=tariff, name="Dan", status=RegistrationStatus.CANCELLED)
    figures = _figures(congress)
    assert figures["participants (inscriptions confirmées)"] == "4"
    assert "participants présents (arrivées à l'accueil)" not in figures

    first, second = congress.days
    CheckIn.objects.create(registration=came, day=first)
    for day in (first, second):
        CheckIn.objects.create(registration=came_both_days, day=day)
    CheckIn.objects.create(registration=cancelled, day=first)  # came, then cancelled

    counts = selectors.registration_figures(congress)
    assert (counts.confirmed, counts.cancelled, counts.present) == (4, 1, 3)
    figures = _figures(congress)
    assert figures["participants présents (arrivées à l'accueil)"] == "3"
    assert figures["inscriptions confirmées"] == "4"
    assert "participants (inscriptions confirmées)" not in figures


def test_key_figures_agree_with_their_number_and_the_edition_s_life():
    """« 1 participant », never « 1 participants »; workshops « prévus » until the edition has
    ended, « tenus » after (issue 14)."""
    from datetime import timedelta

    from django.utils import timezone

    congress = CongressFactory()
    delegate(congress, tariff=TariffFactory(congress=congress), name="Ana")
    figures = _figures(congress)
    assert figures["participant (inscription confirmée)"] == "1"
    assert figures["atelier prévu"] == "0"  # French: 0 takes the singular
    assert figures["organisation engagée"] == "0"
    past = CongressFactory(
        start_date=timezone.localdate() - timedelta(days=30),
        end_date=timezone.localdate() - timedelta(days=29),
    )
    assert _figures(past)["atelier tenu"] == "0"
