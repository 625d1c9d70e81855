"""Permission predicates of lent rooms: an association's managers book in its name."""

from congress.organisations.permissions import can_manage_organisation


def can_book_room(user, organisation) -> bool:
    """The managers of the association the booking is for (never another one's name);
    `can_manage_organisation` refuses anonymous and deactivated accounts."""
    return can_manage_organisation(user, organisation)


def can_manage_place(user, place) -> bool:
    """The managers of the place (the organisation lending the rooms) answer booking requests
    and keep its rooms."""
    return can_manage_organisation(user, place)
