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
