"""Places: every action that takes or releases a place locks the edition's row first
(`lock_congress`), so the capacity check and the write happen under one lock. The waiting list
lives here because freeing a place offers it to the next person."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.accounts.models import User
from congress.core import mail, pagecache
from congress.editions.cached import live_scope
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from congress.registrations import emails, selectors
from congress.registrations.models import (
    ACTIVE_REGISTRATION_STATUSES,
    Registration,
    Tariff,
    TariffAudience,
    WaitlistEntry,
    WaitlistState,
)


class PlacesUnavailable(ValidationError):
    """The edition or the tariff is full: the caller may offer the waitlist."""


def lock_congress(congress_pk: int) -> Congress:
    """Take the edition's row lock: every seat taken or released goes through it."""
    return Congress.objects.select_for_update().get(pk=congress_pk)


def seats_held(
    congress: Congress, *, tariff: Tariff | None = None, exclude_offer=None, exclude_order=None
) -> int:
    """Places held: active registrations plus live waitlist offers (but `exclude_order`'s own,
    written before the lock was taken)."""
    registrations = Registration.objects.filter(
        congress=congress, status__in=ACTIVE_REGISTRATION_STATUSES
    )
    if exclude_order is not None:
        registrations = registrations.exclude(order=exclude_order)
    offers = WaitlistEntry.objects.filter(
        congress=congress, state=WaitlistState.OFFERED, offered_until__gt=timezone.now()
    )
    if tariff is not None:
        registrations = registrations.filter(tariff=tariff)
        offers = offers.filter(tariff=tariff)
    if exclude_offer is not None:
        offers = offers.exclude(pk=exclude_offer.pk)
    return registrations.count() + offers.count()


def next_offer_lapse(congress: Congress, now):
    """When the first waiting-list offer still holding a place lapses (None: no such offer):
    the places left change then, with no write."""
    return (
        WaitlistEntry.objects.filter(
            congress=congress, state=WaitlistState.OFFERED, offered_until__gt=now
        )
        .order_by("offered_until")
        .values_list("offered_until", flat=True)
        .first()
    )


def places_left(
    congress: Congress, *, tariff: Tariff | None = None, exclude_offer=None, exclude_order=None
):
    """Free places (None = unlimited), for the edition and, if given, the tariff's quota."""
    lefts = []
    others = {"exclude_offer": exclude_offer, "exclude_order": exclude_order}
    if congress.capacity is not None:
        lefts.append(congress.capacity - seats_held(congress, **others))
    if tariff is not None and tariff.quota is not None:
        lefts.append(tariff.quota - seats_held(congress, tariff=tariff, **others))
    return max(0, min(lefts)) if lefts else None


def refuse_when_full(congress: Congress, tariff, wanted: int, **excluded) -> None:
    """Refuse `wanted` places when fewer are left (the edition's or the tariff's), offering the
    waiting list; `excluded`: see `seats_held`."""
    left = places_left(congress, tariff=tariff, **excluded)
    if left is None or left >= wanted:
        return
    raise PlacesUnavailable(
        (
            ngettext(
                "Il ne reste que %(n)s place : vous pouvez vous inscrire sur la liste d'attente.",
                "Il ne reste que %(n)s places : vous pouvez vous inscrire sur la liste d'attente.",
                left,
            )
            if left
            else _("Il ne reste plus de place : vous pouvez vous inscrire sur la liste d'attente.")
        )
        % {"n": left},
        code="full",
    )


def tariff_is_allowed(tariff: Tariff, *, organisation, invitation_code: str = "") -> bool:
    if tariff.audience == TariffAudience.INVITED:
        return bool(invitation_code) and invitation_code.strip() == tariff.invitation_code
    if tariff.audience == TariffAudience.INDIVIDUAL:
        return organisation is None
    if tariff.audience == TariffAudience.PUBLIC_BODY:
        return organisation is not None and organisation.is_public_body
    return organisation is not None and not organisation.is_public_body


def _live_offer(congress: Congress, user, *, lock: bool = True) -> WaitlistEntry | None:
    """The person's waiting-list offer still holding a place; `lock`: its row locked (only
    under the edition's lock, which is always taken first)."""
    entries = WaitlistEntry.objects.select_for_update() if lock else WaitlistEntry.objects
    return entries.filter(
        congress=congress,
        user=user,
        state=WaitlistState.OFFERED,
        offered_until__gt=timezone.now(),
    ).first()


def waitlist_join(
    *, congress: Congress, by: User, tariff: Tariff | None = None, organisation=None
) -> WaitlistEntry:
    with transaction.atomic():
        if not by.is_authenticated:
            raise PermissionDenied(_("Connectez-vous pour rejoindre la liste d'attente."))
        window = selectors.registration_window(congress)
        if not window.is_open and not is_organiser(by, congress):
            raise ValidationError(window.refusal(), code="registration_closed")
        congress = lock_congress(congress.pk)
        if WaitlistEntry.objects.filter(
            congress=congress, user=by, state__in=[WaitlistState.WAITING, WaitlistState.OFFERED]
        ).exists():
            raise ValidationError(_("Vous êtes déjà sur la liste d'attente."))
        if places_left(congress, tariff=tariff) != 0:
            raise ValidationError(_("Des places sont disponibles : inscrivez-vous directement."))
        entry = WaitlistEntry(congress=congress, user=by, tariff=tariff, organisation=organisation)
        entry.full_clean()
        entry.save()
        return entry


def waitlist_advance(*, congress: Congress) -> list[WaitlistEntry]:
    """Offer freed places to the next people waiting (caller holds the edition's lock)."""
    now = timezone.now()
    lapsed = WaitlistEntry.objects.filter(
        congress=congress, state=WaitlistState.OFFERED, offered_until__lte=now
    )
    if lapsed.update(state=WaitlistState.LAPSED):
        pagecache.bump(live_scope(congress.pk))
    offered = []
    for entry in (
        WaitlistEntry.objects.filter(congress=congress, state=WaitlistState.WAITING)
        .select_related("tariff", "user")
        .order_by("created_at", "pk")
    ):
        if places_left(congress, tariff=entry.tariff) == 0:
            if places_left(congress) == 0:
                break
            continue
        entry.state = WaitlistState.OFFERED
        entry.offered_at = now
        entry.offered_until = now + timedelta(hours=settings.WAITLIST_OFFER_HOURS)
        entry.save(update_fields=["state", "offered_at", "offered_until"])
        offered.append(entry)
    for entry in offered:
        mail.send_after_commit(emails.send_waitlist_offer, entry)
    return offered


def waitlist_offers_move_on(*, congress: Congress) -> list[WaitlistEntry]:
    """Lapse offers past their time and pass the places on."""
    with transaction.atomic():
        congress = lock_congress(congress.pk)
        return waitlist_advance(congress=congress)


def waitlist_leave(*, entry: WaitlistEntry, by: User) -> WaitlistEntry:
    with transaction.atomic():
        if entry.user_id != by.pk and not is_organiser(by, entry.congress):
            raise PermissionDenied(_("Cette inscription en liste d'attente n'est pas la vôtre."))
        lock_congress(entry.congress_id)
        # The state as it is under the lock, not as the caller read it: an offer made since
        # (waitlist_advance runs under the same lock) is passed on now, not at the next advance.
        entry.refresh_from_db(fields=["state"])
        was_offered = entry.state == WaitlistState.OFFERED
        entry.state = WaitlistState.CANCELLED
        entry.save(update_fields=["state"])
        if was_offered:
            waitlist_advance(congress=entry.congress)
        return entry
