"""Guards of orders and of the waiting list: each test fails when its guard is removed."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from congress.audit.models import AuditEntry
from congress.organisations.models import Organisation
from congress.payments.models import Invoice
from congress.registrations import seats, services
from congress.registrations.models import (
    Order,
    OrderState,
    Registration,
    RegistrationStatus,
    WaitlistEntry,
    WaitlistState,
)
from tests.congress.registrations.conftest import delegate
from tests.factories import TariffFactory, UserFactory

pytestmark = pytest.mark.django_db


def org_of(user):
    return user.memberships.get().organisation


def database_rows():
    """What an order guard must leave untouched."""
    return (
        sorted(Order.objects.values_list("pk", "state", "paid_at", "cancelled_at")),
        sorted(Registration.objects.values_list("pk", "status")),
        Invoice.objects.count(),
        AuditEntry.objects.count(),
    )


def create(edition, by, tariff, delegates, organisation=None, **extra):
    return services.order_create(
        congress=edition,
        by=by,
        organisation=organisation,
        tariff=tariff,
        delegates=delegates,
        **extra,
    )


def refused(call, *args, **kwargs):
    before = database_rows()
    with pytest.raises(ValidationError) as error:
        call(*args, **kwargs)
    assert database_rows() == before
    return error.value


def test_order_with_a_tariff_of_another_edition_is_refused(edition, ccas_manager):
    other = TariffFactory()
    error = refused(create, edition, ccas_manager, other, [delegate(1)], org_of(ccas_manager))
    assert error.message_dict == {"tariff": ["Ce tarif n'appartient pas à cette édition."]}


def test_empty_order_is_refused(edition, tariffs, ccas_manager):
    error = refused(create, edition, ccas_manager, tariffs["public"], [], org_of(ccas_manager))
    assert error.messages == ["Inscrivez au moins une personne."]


def test_individual_order_of_several_people_is_refused(edition, tariffs):
    person = UserFactory()
    error = refused(create, edition, person, tariffs["individual"], [delegate(1), delegate(2)])
    assert error.messages == ["Une inscription individuelle ne concerne qu'une personne."]


def test_days_outside_the_edition_are_refused(edition, tariffs, ccas_manager):
    day_after = (edition.end_date + datetime.timedelta(days=1)).isoformat()
    error = refused(
        create,
        edition,
        ccas_manager,
        tariffs["public"],
        [delegate(1, days=[edition.start_date.isoformat(), day_after])],
        org_of(ccas_manager),
    )
    assert error.message_dict == {"days": ["Ces jours ne font pas partie du congrès."]}


def test_delegate_without_email_is_refused(edition, tariffs, ccas_manager):
    error = refused(
        create,
        edition,
        ccas_manager,
        tariffs["public"],
        [delegate(1), {"full_name": "Sans adresse", "email": ""}],
        org_of(ccas_manager),
    )
    assert error.message_dict == {"email": ["Indiquez l'adresse e-mail de chaque personne."]}


def test_same_email_twice_in_one_order_is_refused(edition, tariffs, ccas_manager):
    twice = [delegate(1), delegate(2, email="DELEGUE1@example.org")]
    error = refused(create, edition, ccas_manager, tariffs["public"], twice, org_of(ccas_manager))
    assert error.messages == ["La même adresse e-mail figure deux fois dans la commande."]


def test_public_body_without_siret_is_refused(edition, tariffs, ccas_manager):
    organisation = org_of(ccas_manager)
    Organisation.objects.filter(pk=organisation.pk).update(siret="")
    organisation.refresh_from_db()
    error = refused(create, edition, ccas_manager, tariffs["public"], [delegate(1)], organisation)
    assert error.messages == ["Le SIRET de l'organisme est nécessaire pour la facture."]


# --- confirmation, expiry, cancellation, payments received -----------------------------------


@pytest.fixture
def pending_card_order(edition, tariffs, association_manager, stripe_settings):
    order = create(
        edition, association_manager, tariffs["association"], [delegate(1)],
        org_of(association_manager),
    )  # fmt: skip
    assert order.state == OrderState.PENDING_PAYMENT
    return order


@pytest.fixture
def invoiced_order(edition, tariffs, ccas_manager):
    return create(edition, ccas_manager, tariffs["public"], [delegate(1)], org_of(ccas_manager))


def test_resending_the_confirmation_of_an_unconfirmed_registration_is_refused(
    pending_card_order, association_manager, mailoutbox
):
    registration = pending_card_order.registrations.get()
    with pytest.raises(ValidationError) as error:
        services.registration_resend_confirmation(registration=registration, by=association_manager)
    assert error.value.messages == ["Seule une inscription confirmée a une confirmation."]
    assert mailoutbox == []


def test_resending_a_confirmation_is_refused_to_a_stranger(invoiced_order, mailoutbox):
    with pytest.raises(PermissionDenied):
        services.registration_resend_confirmation(
            registration=invoiced_order.registrations.get(), by=UserFactory()
        )
    assert mailoutbox == []


def test_the_orders_manager_and_the_organisers_resend_a_confirmed_registrations_ticket(
    invoiced_order, ccas_manager, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    registration = invoiced_order.registrations.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    before = database_rows()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_resend_confirmation(registration=registration, by=ccas_manager)
        services.registration_resend_confirmation(registration=registration, by=organiser)
    assert [m.to for m in mailoutbox] == [[registration.email], [registration.email]]
    assert [name for name, _content, _kind in mailoutbox[0].attachments] == [
        f"billet-{registration.congress.slug}-{registration.pk}.pdf",
        f"{registration.congress.slug}.ics",
    ]
    # A resend changes nothing but the audit log: who sent it again, to whom.
    assert database_rows()[:3] == before[:3]
    entries = AuditEntry.objects.filter(action="registration.resend_confirmation")
    assert list(entries.order_by("pk").values_list("actor", "target_id")) == [
        (ccas_manager.pk, str(registration.pk)),
        (organiser.pk, str(registration.pk)),
    ]


def test_resending_the_confirmation_of_a_person_without_an_address_is_refused(
    invoiced_order, organiser, mailoutbox, django_capture_on_commit_callbacks
):
    registration = invoiced_order.registrations.get()
    Registration.objects.filter(pk=registration.pk).update(email="")
    registration.refresh_from_db()
    before = database_rows()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        services.registration_resend_confirmation(registration=registration, by=organiser)
    assert error.value.messages == ["Cette personne n'a pas donné d'adresse e-mail."]
    assert (mailoutbox, database_rows()) == ([], before)


def test_expiring_an_order_no_longer_pending_changes_nothing(invoiced_order):
    before = database_rows()
    order = services.order_expire(order=invoiced_order)
    assert order.state == OrderState.AWAITING_MANDATE
    assert database_rows() == before


def test_cancelling_an_already_cancelled_order_is_refused(invoiced_order, ccas_manager):
    services.order_cancel(order=invoiced_order, by=ccas_manager)
    error = refused(services.order_cancel, order=invoiced_order, by=ccas_manager)
    assert error.messages == ["Cette commande est déjà annulée."]
    assert Invoice.objects.filter(order=invoiced_order).count() == 2  # one credit note only


def test_cancelling_is_refused_to_someone_else(invoiced_order, association_manager):
    before = database_rows()
    with pytest.raises(PermissionDenied):
        services.order_cancel(order=invoiced_order, by=association_manager)
    assert database_rows() == before


def test_recording_a_payment_on_a_pending_card_order_confirms_it(pending_card_order, organiser):
    order = services.order_record_payment(
        order=pending_card_order,
        by=organiser,
        paid_on=datetime.date(2026, 3, 1),
        reference="VIR-42",
    )
    order.refresh_from_db()
    assert (order.state, order.paid_at, order.payment_reference) == (
        OrderState.PAID,
        datetime.date(2026, 3, 1),
        "VIR-42",
    )
    assert order.expires_at is None
    assert list(order.registrations.values_list("status", flat=True)) == [
        RegistrationStatus.CONFIRMED
    ]


@pytest.mark.parametrize("state", [OrderState.FREE, OrderState.PAID, OrderState.CANCELLED])
def test_recording_a_payment_on_an_order_not_awaiting_one_is_refused(
    invoiced_order, organiser, state
):
    Order.objects.filter(pk=invoiced_order.pk).update(state=state)
    error = refused(
        services.order_record_payment,
        order=invoiced_order,
        by=organiser,
        paid_on=datetime.date(2026, 3, 1),
        reference="VIR-42",
    )
    assert error.messages == ["Cette commande n'attend pas de paiement."]


def test_recording_a_payment_is_refused_to_a_manager(invoiced_order, ccas_manager):
    before = database_rows()
    with pytest.raises(PermissionDenied):
        services.order_record_payment(
            order=invoiced_order, by=ccas_manager, paid_on=datetime.date(2026, 3, 1), reference="x"
        )
    assert database_rows() == before


# --- waiting list -----------------------------------------------------------------------------


def speaker_order(edition, tariffs, person):
    return create(edition, person, tariffs["speaker"], [{}], invitation_code="INTERVENANT-2024")


def test_waitlist_skips_a_person_whose_tariff_is_full_and_offers_the_next(
    edition, tariffs, ccas_manager
):
    edition.capacity = 2
    edition.save()
    tariffs["public"].quota = 1
    tariffs["public"].save()
    create(edition, ccas_manager, tariffs["public"], [delegate(1)], org_of(ccas_manager))
    speaker = UserFactory()
    freed = speaker_order(edition, tariffs, speaker)
    wants_public = seats.waitlist_join(congress=edition, by=UserFactory(), tariff=tariffs["public"])
    wants_any = seats.waitlist_join(congress=edition, by=UserFactory())
    services.order_cancel(order=freed, by=speaker)
    wants_public.refresh_from_db()
    wants_any.refresh_from_db()
    assert (wants_public.state, wants_any.state) == (WaitlistState.WAITING, WaitlistState.OFFERED)


def test_leaving_an_offered_place_passes_it_on(edition, tariffs, ccas_manager):
    edition.capacity = 1
    edition.save()
    order = create(edition, ccas_manager, tariffs["public"], [delegate(1)], org_of(ccas_manager))
    first, second = UserFactory(), UserFactory()
    entry1 = seats.waitlist_join(congress=edition, by=first)
    entry2 = seats.waitlist_join(congress=edition, by=second)
    services.order_cancel(order=order, by=ccas_manager)
    entry1.refresh_from_db()
    assert entry1.state == WaitlistState.OFFERED
    seats.waitlist_leave(entry=entry1, by=first)
    entry1.refresh_from_db()
    entry2.refresh_from_db()
    assert (entry1.state, entry2.state) == (WaitlistState.CANCELLED, WaitlistState.OFFERED)


def test_leaving_someone_elses_waitlist_entry_is_refused(edition, tariffs, ccas_manager):
    edition.capacity = 1
    edition.save()
    create(edition, ccas_manager, tariffs["public"], [delegate(1)], org_of(ccas_manager))
    entry = seats.waitlist_join(congress=edition, by=UserFactory())
    with pytest.raises(PermissionDenied):
        seats.waitlist_leave(entry=entry, by=UserFactory())
    entry.refresh_from_db()
    assert entry.state == WaitlistState.WAITING


def test_joining_the_waitlist_anonymously_is_refused(edition):
    with pytest.raises(PermissionDenied):
        seats.waitlist_join(congress=edition, by=AnonymousUser())
    assert WaitlistEntry.objects.count() == 0


def test_unknown_delegate_fields_are_a_programming_error(edition, tariffs, ccas_manager):
    before = database_rows()
    with pytest.raises(TypeError, match="Unknown delegate fields: \\['salary'\\]"):
        create(
            edition, ccas_manager, tariffs["public"], [delegate(1, salary="1")],
            org_of(ccas_manager),
        )  # fmt: skip
    assert database_rows() == before


def test_expiring_due_orders_counts_only_those_it_expired(pending_card_order, monkeypatch):
    """A card payment may land between the query of due orders and the lock on one of them:
    that order stays paid and is not counted as expired."""
    real_expire = services.order_expire

    def paid_meanwhile(*, order):
        Order.objects.filter(pk=order.pk).update(state=OrderState.PAID)
        return real_expire(order=order)

    monkeypatch.setattr(services, "order_expire", paid_meanwhile)
    later = pending_card_order.expires_at + datetime.timedelta(minutes=1)
    assert services.orders_expire_due(now=later) == 0
    pending_card_order.refresh_from_db()
    assert pending_card_order.state == OrderState.PAID
    assert pending_card_order.registrations.get().status == RegistrationStatus.PENDING


def test_expiring_due_orders_expires_them_and_frees_the_places(pending_card_order):
    later = pending_card_order.expires_at + datetime.timedelta(minutes=1)
    assert services.orders_expire_due(now=pending_card_order.expires_at) == 1  # due at that time
    pending_card_order.refresh_from_db()
    assert pending_card_order.state == OrderState.EXPIRED
    assert pending_card_order.registrations.get().status == RegistrationStatus.EXPIRED
    assert services.orders_expire_due(now=later) == 0  # nothing left to expire
