"""Who answers a survey and who reads its results.

A workshop's survey: the people signed up to it. The edition's survey: the people with a
confirmed registration. Results of a workshop: its moderators, the moderators of its track and
the edition's organisers; the edition's results and the questions: organisers only."""

from congress.editions.permissions import is_organiser
from congress.registrations.permissions import is_participant
from tracks.models import WorkshopSignup
from tracks.permissions import is_moderator


def can_answer_session_survey(user, session) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if not session.session_type.is_workshop:
        return False
    return WorkshopSignup.objects.filter(session=session, user=user).exists()


def can_answer_edition_survey(user, congress) -> bool:
    return is_participant(user, congress)


def can_read_session_results(user, session) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    if is_organiser(user, session.congress):
        return True
    if session.track is not None and is_moderator(user, session.track):
        return True
    return any(m.pk == user.pk for m in session.moderators.all())


def can_manage_surveys(user, congress) -> bool:
    return is_organiser(user, congress)
