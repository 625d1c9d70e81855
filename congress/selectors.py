"""Reads of the congress app that join several models."""

from django.db.models import Count, Prefetch, Q, QuerySet

from congress.models import Congress, Invitation, Membership, Organisation, Room, Venue


def congress_for_home(congress: Congress) -> Congress:
    """The edition with its venues, rooms and tracks, in three queries."""
    return (
        Congress.objects.filter(pk=congress.pk)
        .prefetch_related(
            Prefetch("venues", queryset=Venue.objects.prefetch_related("rooms")),
            "tracks",
        )
        .get()
    )


def congress_list_visible() -> QuerySet[Congress]:
    return Congress.objects.visible().annotate(track_count=Count("tracks")).order_by("-start_date")


def organisation_directory(*, search: str = "", kind: str = "", departement: str = ""):
    qs = Organisation.objects.listed().only(
        "name", "slug", "kind", "commune", "departement", "website"
    )
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(commune__icontains=search))
    if kind:
        qs = qs.filter(kind=kind)
    if departement:
        qs = qs.filter(departement=departement)
    return qs.order_by("name")


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by("-role", "user__full_name")


def organisation_pending_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def user_memberships(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")


def venues_with_rooms(congress: Congress) -> QuerySet[Venue]:
    return congress.venues.prefetch_related(
        Prefetch("rooms", queryset=Room.objects.order_by("order", "name"))
    )


# === BEGIN registration (registration branch) =================================================

from congress.models import (  # noqa: E402
    CONFIRMED_ORDER_STATES,
    Order,
    Registration,
    Tariff,
    WaitlistEntry,
    WaitlistState,
)


def tariffs_for_sale(congress: Congress) -> QuerySet[Tariff]:
    return congress.tariffs.order_by("order", "price")


def user_orders(user) -> QuerySet[Order]:
    """Orders the user placed or is registered in, with their registrations."""
    return (
        Order.objects.filter(Q(placed_by=user) | Q(registrations__user=user))
        .distinct()
        .select_related("congress", "organisation")
        .prefetch_related("registrations")
        .order_by("-created_at")
    )


def user_waitlist(user) -> QuerySet[WaitlistEntry]:
    return WaitlistEntry.objects.filter(
        user=user, state__in=[WaitlistState.WAITING, WaitlistState.OFFERED]
    ).select_related("congress")


def user_live_offer(user, congress: Congress) -> WaitlistEntry | None:
    from django.utils import timezone

    return WaitlistEntry.objects.filter(
        congress=congress,
        user=user,
        state=WaitlistState.OFFERED,
        offered_until__gt=timezone.now(),
    ).first()


def organisation_orders(organisation: Organisation) -> QuerySet[Order]:
    return (
        organisation.orders.select_related("congress")
        .annotate(delegate_count=Count("registrations"))
        .order_by("-created_at")
    )


def order_with_details(congress: Congress, pk: int) -> Order:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Order.objects.select_related("congress", "organisation", "placed_by").prefetch_related(
            Prefetch("registrations", queryset=Registration.objects.select_related("tariff")),
            "invoices",
        ),
        pk=pk,
        congress=congress,
    )


def registrations_board(
    congress: Congress,
    *,
    tariff: str = "",
    kind: str = "",
    state: str = "",
    departement: str = "",
) -> QuerySet[Registration]:
    qs = Registration.objects.filter(congress=congress).select_related(
        "tariff", "order", "order__organisation"
    )
    if tariff:
        qs = qs.filter(tariff_id=tariff)
    if kind == "individual":
        qs = qs.filter(order__organisation__isnull=True)
    elif kind:
        qs = qs.filter(order__organisation__kind=kind)
    if state:
        qs = qs.filter(order__state=state)
    if departement:
        qs = qs.filter(order__organisation__departement=departement)
    return qs.order_by("order__organisation__name", "full_name", "pk")


def registration_totals(congress: Congress) -> dict:
    from django.db.models import Sum

    confirmed = Registration.objects.filter(
        congress=congress, order__state__in=CONFIRMED_ORDER_STATES
    )
    orders = Order.objects.filter(congress=congress)
    return {
        "confirmed": confirmed.count(),
        "pending": Registration.objects.filter(congress=congress, status="pending").count(),
        "paid_amount": orders.filter(state="paid").aggregate(s=Sum("total"))["s"] or 0,
        "awaiting_amount": orders.filter(state="awaiting_mandate").aggregate(s=Sum("total"))["s"]
        or 0,
    }


def congress_waitlist(congress: Congress) -> QuerySet[WaitlistEntry]:
    return (
        congress.waitlist.filter(state__in=[WaitlistState.WAITING, WaitlistState.OFFERED])
        .select_related("user", "tariff", "organisation")
        .order_by("created_at", "pk")
    )


# === END registration =========================================================================
