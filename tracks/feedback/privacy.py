"""Personal data of the feedback sub-domain (GDPR export and erasure): only which surveys the
person has answered. Their answers name no one: they are not personal data and stay."""

from tracks.feedback.models import SurveyParticipation


def export(user) -> dict:
    return {
        "surveys_answered": [
            {
                "congress": p.congress.name,
                "workshop": p.session.title if p.session else None,
            }
            for p in SurveyParticipation.objects.filter(user=user).select_related(
                "congress", "session"
            )
        ]
    }


def erase(user) -> None:
    SurveyParticipation.objects.filter(user=user).delete()
