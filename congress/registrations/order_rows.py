"""The rows of a new order written before the edition's lock is taken (issue 18): the lock is
held until the commit, so `services.order_create` writes first what does not depend on the
places left, and only counts them under the lock."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.core import pagecache
from congress.editions.cached import live_scope
from congress.editions.models import Congress
from congress.registrations.models import (
    ACTIVE_REGISTRATION_STATUSES,
    Registration,
    RegistrationStatus,
)
from congress.registrations.sorting import order_sort_name

# The rows an order and its registrations point to, read by the service a moment before: Django's
# full_clean would read each of them again to check it exists (issue 18).
ROWS_JUST_READ = ["congress", "organisation", "placed_by", "tariff", "user"]


def refuse_already_registered(congress: Congress, emails_seen: set[str]) -> None:
    already = set(
        Registration.objects.filter(
            congress=congress, email__in=emails_seen, status__in=ACTIVE_REGISTRATION_STATUSES
        ).values_list("email", flat=True)
    )
    if already:
        raise ValidationError(
            _("Déjà inscrit·e à cette édition : %(emails)s.")
            % {"emails": ", ".join(sorted(already))}
        )


def registrations_write(
    order, tariff, delegates, by, emails_seen, status=RegistrationStatus.PENDING
) -> list[Registration]:
    # A registration joins an account only once the account has proved the address.
    # (Registered alone: the person who placed the order.)
    users = (
        {
            u.email: u
            for u in User.objects.filter(email__in=emails_seen, email_confirmed_at__isnull=False)
        }
        if order.organisation is not None
        else {}
    )
    registrations = []
    sort_name = order_sort_name(order)
    for delegate in delegates:
        registration = Registration(
            order=order,
            congress=order.congress,
            tariff=tariff,
            user=by if order.organisation is None else users.get(delegate["email"]),
            price=tariff.price,
            sort_name=sort_name,
            status=status,
            **delegate,
        )
        # Its fields checked, as the order's; the one active registration per address is
        # checked above and by the database (the IntegrityError below).
        registration.full_clean(exclude=["order", *ROWS_JUST_READ], validate_constraints=False)
        registrations.append(registration)
    try:
        with transaction.atomic():
            Registration.objects.bulk_create(registrations)
        pagecache.bump(live_scope(order.congress_id))  # no signal for a bulk_create
    except IntegrityError:
        # The same person registered by another order at the same moment (one active
        # registration per address and edition): the first committed wins.
        refuse_already_registered(order.congress, emails_seen)
        raise
    return registrations
