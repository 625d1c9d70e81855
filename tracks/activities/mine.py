"""« Mes activités »: a person's registrations in one edition, reached without an account
through a signed link e-mailed on request (issue 15).

The link names the edition and the e-mail address, signed, and lasts a week; asking for it
answers the same whether or not the address holds registrations (nobody learns who registered),
and only an address holding some receives a message. Requests are counted per address and per
client so the form cannot be used to flood someone's mailbox."""

from django.core import signing
from django.db.models import QuerySet

from congress.core import throttling
from congress.core.mail import send_after_commit
from congress.editions.models import Congress
from tracks.activities import emails
from tracks.activities.models import ActivityRegistration

LIST_SALT = "tracks.activities.mine"  # a namespace, not a secret
LINK_MAX_AGE = 7 * 24 * 3600
LINK_PER_EMAIL = throttling.Limit("activities-link-email", attempts=3, window_seconds=3600)
LINK_PER_CLIENT = throttling.Limit("activities-link-client", attempts=20, window_seconds=3600)


def person_token(congress: Congress, email: str) -> str:
    return signing.dumps({"c": congress.pk, "e": email.strip().lower()}, salt=LIST_SALT)


def email_from_token(congress: Congress, token: str) -> str | None:
    try:
        payload = signing.loads(token, salt=LIST_SALT, max_age=LINK_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired included
        return None
    if not isinstance(payload, dict) or payload.get("c") != congress.pk:
        return None
    email = payload.get("e")
    return email if isinstance(email, str) else None


def registrations_of(congress: Congress, *, email: str | None = None, user=None) -> QuerySet:
    """The person's registrations in the edition, newest activity last; by address or by the
    account that made them."""
    qs = ActivityRegistration.objects.filter(congress=congress)
    if email is not None:
        qs = qs.filter(email=email.strip().lower())
    elif user is not None and user.is_authenticated:
        qs = qs.filter(user=user)
    else:
        return qs.none()
    return qs.select_related("session__room__venue", "session__session_type").order_by(
        "session__starts_at", "created_at", "pk"
    )


def link_request_blocked(email: str, client: str) -> bool:
    email = email.strip().lower()
    return throttling.is_blocked(LINK_PER_EMAIL, email) or throttling.is_blocked(
        LINK_PER_CLIENT, client
    )


def my_activities_link_send(*, congress: Congress, email: str, client: str) -> bool:
    """E-mail the signed link to the address when it holds registrations in the edition;
    return whether a message went (the page says the same either way)."""
    email = email.strip().lower()
    throttling.record_attempt(LINK_PER_EMAIL, email)
    throttling.record_attempt(LINK_PER_CLIENT, client)
    if not ActivityRegistration.objects.filter(congress=congress, email=email).exists():
        return False
    send_after_commit(
        emails.send_my_activities_link, congress, email, person_token(congress, email)
    )
    return True
