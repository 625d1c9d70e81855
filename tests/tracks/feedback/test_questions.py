"""The organisers' questions: add, reorder, remove before answers exist, then only hide."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.spaces import plain
from tests.tracks.feedback.conftest import question
from tracks.feedback import services
from tracks.feedback.models import QuestionKind, QuestionScope, SurveyQuestion

pytestmark = pytest.mark.django_db


def add(setting, by=None, **fields):
    fields.setdefault("label", "Qu'avez-vous appris ?")
    fields.setdefault("kind", QuestionKind.LONG_TEXT)
    fields.setdefault("scope", QuestionScope.BOTH)
    fields.setdefault("required", False)
    return services.question_add(congress=setting.congress, by=by or setting.organiser, **fields)


def labels(congress):
    return list(SurveyQuestion.objects.filter(congress=congress).values_list("label", flat=True))


def test_question_add_puts_it_last(feedback):
    add(feedback, label="Première")
    second = add(feedback, label=" Seconde ", kind=QuestionKind.CHOICE, options="Oui\nNon\n")
    assert labels(feedback.congress) == ["Première", "Seconde"]
    assert second.option_list == ["Oui", "Non"]


def test_question_add_checks_the_choices(feedback):
    with pytest.raises(ValidationError) as error:
        add(feedback, kind=QuestionKind.CHOICE, options="Un seul")
    assert error.value.message_dict == {"options": ["Un choix unique demande au moins deux choix."]}
    with pytest.raises(ValidationError):
        add(feedback, kind=QuestionKind.SHORT_TEXT, options="A\nB")
    assert labels(feedback.congress) == []


@pytest.mark.parametrize("role", ["participant", "moderator", "other_moderator"])
def test_question_services_refuse_non_organisers(feedback, role):
    user = getattr(feedback, role)
    existing = question(feedback.congress)
    with pytest.raises(PermissionDenied):
        add(feedback, by=user)
    with pytest.raises(PermissionDenied):
        services.question_move(question=existing, by=user, up=True)
    with pytest.raises(PermissionDenied):
        services.question_remove(question=existing, by=user)
    with pytest.raises(PermissionDenied):
        services.question_set_hidden(question=existing, by=user, hidden=True)
    with pytest.raises(PermissionDenied):
        services.survey_settings_save(
            congress=feedback.congress, by=user, sessions_close_at=None, edition_closes_at=None
        )
    assert labels(feedback.congress) == [existing.label]


def test_question_move_swaps_with_its_neighbour(feedback):
    a, b, c = (question(feedback.congress, label=x) for x in "ABC")
    services.question_move(question=c, by=feedback.organiser, up=True)
    assert labels(feedback.congress) == ["A", "C", "B"]
    services.question_move(question=a, by=feedback.organiser, up=False)
    assert labels(feedback.congress) == ["C", "A", "B"]
    services.question_move(question=c, by=feedback.organiser, up=True)  # already first
    services.question_move(question=b, by=feedback.organiser, up=False)  # already last
    assert labels(feedback.congress) == ["C", "A", "B"]


def test_question_remove_before_answers(feedback):
    existing = question(feedback.congress)
    services.question_remove(question=existing, by=feedback.organiser)
    assert labels(feedback.congress) == []


def test_question_with_answers_can_only_be_hidden(feedback):
    existing = question(feedback.congress, label="Déjà posée")
    services.survey_answer(
        user=feedback.participant,
        congress=feedback.congress,
        session=feedback.workshop,
        rating=4,
        answers={existing.pk: "Une réponse"},
    )
    with pytest.raises(ValidationError) as error:
        services.question_remove(question=existing, by=feedback.organiser)
    assert plain(error.value.messages) == plain(
        ["Cette question a déjà des réponses : vous pouvez seulement la masquer."]
    )
    services.question_set_hidden(question=existing, by=feedback.organiser, hidden=True)
    existing.refresh_from_db()
    assert existing.is_hidden is True
    services.question_set_hidden(question=existing, by=feedback.organiser, hidden=False)
    existing.refresh_from_db()
    assert existing.is_hidden is False
