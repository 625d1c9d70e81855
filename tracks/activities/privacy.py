"""Personal data of public sign-up (GDPR export and erasure): the registrations made with the
person's account or their e-mail address."""

from django.db.models import Q

from tracks.activities.models import ActivityRegistration


def _of(user):
    return ActivityRegistration.objects.filter(Q(user=user) | Q(email=user.email.lower()))


def export(user) -> dict:
    return {
        "public_registrations": [
            {
                "congress": r.congress.name,
                "activity": r.session.title if r.session else "",
                "full_name": r.full_name,
                "email": r.email,
                "status": r.status,
                "registered_at": r.created_at.isoformat(),
            }
            for r in _of(user).select_related("congress", "session").order_by("created_at")
        ]
    }


def erase(user) -> None:
    # Places given up: a person waiting is not promoted (organisers see the free place).
    _of(user).delete()
