"""The name the registrations board sorts delegates by, kept on each registration (issue 18).

The board lists an edition's delegates by their order's organisation, or, for an order placed
without one, by the person who placed it; then by order and by name. Read through the order,
that sort joined four tables over every delegate of the edition before the first row could be
shown (most of the board's time at 4,000 delegates). So each registration keeps that name
(`Registration.sort_name`): it is written with the registration, and the two ways it can change
later are followed here, like the page cache follows what its pages show: an organisation
renamed, a person who placed an order without organisation renamed (or erased). An order's
organisation and buyer never change, and neither can be deleted while it has orders (PROTECT).
"""

from django.db.models.signals import post_save

from congress.accounts.models import User
from congress.organisations.models import Organisation
from congress.registrations.models import Order, Registration


def order_sort_name(order: Order) -> str:
    """The name the board sorts `order`'s delegates by."""
    return order.organisation.name if order.organisation_id else order.placed_by.full_name


def _follow(orders, name: str) -> None:
    """Give `name` to the registrations of `orders` that hold another one. Filtered on the
    registration's own `order_id` (an indexed subquery over the orders): a filter through the
    order makes Django update `WHERE id IN (registrations joined to orders)`, which PostgreSQL
    planned as a scan of every registration per save (a minute a save at demo scale)."""
    Registration.objects.filter(order__in=orders.values("pk")).exclude(sort_name=name).update(
        sort_name=name
    )


def _organisation_saved(sender, instance: Organisation, update_fields=None, **kwargs) -> None:
    if update_fields is not None and "name" not in update_fields:
        return
    _follow(Order.objects.filter(organisation=instance), instance.name)


def _person_saved(sender, instance: User, update_fields=None, **kwargs) -> None:
    if update_fields is not None and "full_name" not in update_fields:
        return  # a login's last_login, an address confirmed...
    _follow(Order.objects.filter(placed_by=instance, organisation__isnull=True), instance.full_name)


def follow_renames() -> None:
    """Connected once, when the app is ready (`cached.watch_models`)."""
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="sort-name:org")
    post_save.connect(_person_saved, sender=User, dispatch_uid="sort-name:person")
