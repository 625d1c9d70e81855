"""Reads of the accounts sub-domain: what is a person's, by account or by proven address."""

from django.db.models import Q


def owned_by(user, *, user_field: str | None = "user", email_field: str = "email") -> Q:
    """Rows that are this person's: linked to their account, or (once the account has proved
    the address by a confirmation link) filed for their address and linked to no account.

    Every read or erasure that matches people by e-mail goes through here: an account that
    merely claims an address must never see, nor erase, what was filed for that address.
    """
    mine = Q(**{user_field: user}) if user_field else Q(pk__in=[])
    if user.is_authenticated and user.email_confirmed_at is not None:
        by_address = Q(**{f"{email_field}__iexact": user.email})
        if user_field:
            by_address &= Q(**{f"{user_field}__isnull": True})
        mine |= by_address
    return mine
