"""The demo's on-site data: the 2024 edition's arrivals, dated on its days, and a desk login."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from congress.editions.models import Congress
from congress.onsite import selectors
from congress.onsite.models import CertificateSettings, CheckIn, DeskRole

pytestmark = pytest.mark.django_db


def test_seed_demo_checks_delegates_in_on_the_2024_days(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "accueil@demo.congres-solidarites.fr" in out
    congress = Congress.objects.get(slug="congres-solidarites-2024")
    check_ins = CheckIn.objects.filter(registration__congress=congress)
    assert check_ins.count() > 0
    assert set(check_ins.values_list("day", flat=True)) == set(congress.days)
    for arrival in check_ins:
        local = timezone.localtime(arrival.checked_in_at).date()
        assert local == arrival.day
    figures = selectors.attendance_figures(congress)
    assert all(0 < day.arrived < day.expected for day in figures)
    assert DeskRole.objects.filter(user__email="accueil@demo.congres-solidarites.fr").count() == 2
    assert CertificateSettings.objects.get(congress=congress).signature
    count = check_ins.count()
    call_command("seed_demo", "--quiet-logins")
    assert CheckIn.objects.filter(registration__congress=congress).count() == count
