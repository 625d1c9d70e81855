"""Who prints what; the geometry of label stock and the size of names."""

import pytest
from django.contrib.auth.models import AnonymousUser

from congress.editions.models import CongressStatus
from reports.printed import permissions
from reports.printed.stock import STOCKS, name_font_size, organisation_font_size
from tests.factories import UserFactory

STAFF_PREDICATES = (
    "can_print_badges",
    "can_print_signs",
    "can_edit_invitation",
    "can_preview_printed_programme",
)


@pytest.mark.parametrize("name", STAFF_PREDICATES)
def test_staff_predicates_for_organisers_only(printed, name):
    predicate = getattr(permissions, name)
    congress = printed.congress
    assert predicate(printed.organiser, congress) is True
    assert predicate(printed.manager, congress) is False
    assert predicate(AnonymousUser(), congress) is False
    printed.organiser.is_active = False
    assert predicate(printed.organiser, congress) is False


def test_programme_public_once_published(printed):
    congress = printed.congress
    assert permissions.is_public(congress) is True
    congress.status = CongressStatus.DRAFT
    assert permissions.is_public(congress) is False
    assert permissions.can_preview_printed_programme(UserFactory(), congress) is False


def test_label_positions_stay_on_the_page():
    for stock in STOCKS.values():
        positions = stock.positions()
        assert len(positions) == stock.per_page
        for left, top in positions:
            assert left >= 0 and top >= 0
            assert left + stock.label_width <= stock.page_width + 0.01
            assert top + stock.label_height <= stock.page_height + 0.01
    assert STOCKS["a4-8"].positions()[:3] == [(4.65, 13.1), (106.25, 13.1), (4.65, 80.8)]


def test_names_shrink_with_length_down_to_a_floor():
    label, a6 = STOCKS["a4-8"], STOCKS["a6"]
    assert name_font_size("Paul Martin", label) == 24
    assert name_font_size("Paul Martin", a6) == 34
    long = "Marie-Bénédicte Anne-Charlotte de La Rochefoucauld-Montmorency"
    assert len(long) >= 60
    assert name_font_size(long, label) == 13
    assert name_font_size(long, a6) == 16
    middle = name_font_size("Jean-Christophe Dupont-Aignan de Montalembert", label)
    assert 13 < middle < 24
    assert name_font_size("", label) == 24
    assert organisation_font_size("CCAS", label) == 10.5
    assert organisation_font_size("x " * 80, a6) == 11
