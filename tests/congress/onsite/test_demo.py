"""The demo's on-site data: the 2024 edition's arrivals, dated on its days, and a desk login."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from congress.accounts.models import User
from congress.editions.models import Congress
from congress.onsite import selectors
from congress.onsite.models import CertificateSettings, CheckIn, DeskRole
from congress.registrations.models import OrderState, PaymentMethod, Registration
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def test_seed_demo_checks_delegates_in_on_the_2024_days(capsys, client):
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
    # Walk-ins: registered at the desk on the morning they came, paid there or to invoice,
    # checked in at the moment they were registered, by the desk volunteer.
    walk_ins = Registration.objects.filter(congress=congress, order__walk_in=True)
    assert walk_ins.count() == 5
    for walk_in in walk_ins.select_related("order"):
        first = walk_in.check_ins.order_by("day").first()
        assert first.checked_in_at == walk_in.created_at == walk_in.order.created_at
        assert first.by.email == "accueil@demo.congres-solidarites.fr"
        assert walk_in.days[0] == first.day.isoformat()
        assert 8 <= timezone.localtime(first.checked_in_at).hour < 10
    orders = {r.order.payment_method: r.order.state for r in walk_ins.select_related("order")}
    assert orders == {
        PaymentMethod.ON_SITE: OrderState.PAID,
        PaymentMethod.INVOICE: OrderState.AWAITING_MANDATE,
    }
    assert walk_ins.exclude(declared_organisation="").count() == 4
    # Counted by the live figures and shown on the organisers' board, found at the desk.
    assert [day.walk_ins for day in selectors.attendance_figures(congress)] == [3, 2]
    client.force_login(User.objects.get(email="organisateur@demo.congres-solidarites.fr"))
    board = plain(client.get(f"/staff/{congress.slug}/onsite/").content.decode())
    assert "Dont 3 personnes inscrites sur place à l'accueil." in board
    assert "Dont 2 personnes inscrites sur place à l'accueil." in board
    tessier = walk_ins.get(full_name="Jean-Marc Tessier").pk
    assert selectors.desk_search(congress, "SABLE-sur") == [tessier]
    count = check_ins.count()
    call_command("seed_demo", "--quiet-logins")
    assert CheckIn.objects.filter(registration__congress=congress).count() == count
    assert walk_ins.count() == 5
