"""Reads of the organisations sub-domain: public directory, members, invitations."""

from django.db.models import Q, QuerySet

from congress.core.collation import FrenchCollate, by_name
from congress.organisations.models import Invitation, Membership, Organisation


def organisation_directory(*, search: str = "", kind: str = "", departement: str = ""):
    qs = Organisation.objects.listed().only(
        "name", "slug", "kind", "commune", "departement", "country", "website"
    )
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(commune__icontains=search))
    if kind:
        qs = qs.filter(kind=kind)
    if departement:
        qs = qs.filter(departement=departement)
    return qs.order_by(*by_name("name"))


def organisation_members(organisation: Organisation) -> QuerySet[Membership]:
    return organisation.memberships.select_related("user").order_by(
        "-role", FrenchCollate("user__full_name")
    )


def organisation_pending_invitations(organisation: Organisation) -> QuerySet[Invitation]:
    return organisation.invitations.filter(
        accepted_at__isnull=True, revoked_at__isnull=True
    ).select_related("invited_by")


def user_memberships(user) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")
