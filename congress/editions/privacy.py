"""Personal data of the editions sub-domain (GDPR export and erasure): the addresses left to be
told when a programme is published (issue 15)."""

from congress.editions.alerts import ProgrammeAlert


def _of(user):
    return ProgrammeAlert.objects.filter(email=user.email.lower())


def export(user) -> dict:
    return {
        "programme_alerts": [
            {
                "congress": alert.congress.name,
                "email": alert.email,
                "asked_at": alert.created_at.isoformat(),
                "confirmed_at": alert.confirmed_at.isoformat() if alert.confirmed_at else "",
            }
            for alert in _of(user).select_related("congress").order_by("created_at")
        ]
    }


def erase(user) -> None:
    _of(user).delete()
