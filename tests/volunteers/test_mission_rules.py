"""Rules of missions (volunteers/missions/services.py), each stated with its exact outcome:
posting, applying, the association's answer, the hours given, withdrawing an offer of help."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.volunteers import MissionFactory, TrainingFactory, VolunteerProfileFactory
from tests.spaces import plain
from tests.volunteers.conftest import make_trained
from volunteers.missions import services
from volunteers.models import ApplicationStatus, Mission, MissionApplication

pytestmark = pytest.mark.django_db

MANAGERS_ONLY = "Seuls les gestionnaires de l'association gèrent ses missions."


def fields(**changes):
    start = timezone.now() + timedelta(days=15)
    values = {
        "title": "Distribution alimentaire",
        "description": "Préparer et servir les colis.",
        "place": "Halle Pajol, Paris 18e",
        "starts_at": start,
        "ends_at": start + timedelta(hours=4),
        "volunteers_needed": 3,
    }
    return values | changes


def apply(mission, status=ApplicationStatus.PENDING, **user):
    return MissionApplication.objects.create(
        mission=mission, user=VolunteerProfileFactory(**user).user, status=status
    )


@pytest.fixture
def mission(association):
    return MissionFactory(organisation=association, volunteers_needed=2)


# Posting


def test_a_posted_mission_keeps_every_field_and_the_skills_in_their_own_order(association, manager):
    training = TrainingFactory(organisation=association)
    values = fields(required_training=training, skills=["first_aid", "food", "food"])
    posted = services.mission_save(organisation=association, by=manager, **values)
    stored = Mission.objects.get(pk=posted.pk)
    assert (
        stored.organisation,
        stored.title,
        stored.description,
        stored.place,
        stored.starts_at,
        stored.ends_at,
        stored.volunteers_needed,
        stored.required_training,
        stored.skills,
    ) == (
        association,
        "Distribution alimentaire",
        "Préparer et servir les colis.",
        "Halle Pajol, Paris 18e",
        values["starts_at"],
        values["ends_at"],
        3,
        training,
        ["food", "first_aid"],
    )


def test_a_mission_without_skills_or_training_has_none(association, manager):
    posted = services.mission_save(organisation=association, by=manager, **fields())
    stored = Mission.objects.get(pk=posted.pk)
    assert (stored.skills, stored.required_training) == ([], None)


def test_editing_changes_the_same_mission_and_may_drop_its_training(association, manager):
    mission = MissionFactory(
        organisation=association, required_training=TrainingFactory(organisation=association)
    )
    edited = services.mission_save(
        organisation=association, by=manager, mission=mission, **fields(title="Collecte")
    )
    assert edited.pk == mission.pk
    stored = Mission.objects.get(pk=mission.pk)
    assert (stored.title, stored.required_training, stored.volunteers_needed) == (
        "Collecte",
        None,
        3,
    )
    assert Mission.objects.count() == 1


def test_posting_refusals_say_why(association, manager):
    with pytest.raises(ValidationError) as refused:
        services.mission_save(
            organisation=association, by=manager, **fields(skills=["street", "juggling"])
        )
    assert refused.value.message_dict == {"skills": ["Compétence inconnue."]}
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as refused:
        services.mission_save(
            organisation=association, by=manager, **fields(starts_at=start, ends_at=start)
        )
    assert refused.value.message_dict == {
        "ends_at": ["La fin de la mission doit suivre son début."]
    }
    assert not Mission.objects.exists()


def test_only_the_associations_managers_post(association):
    member = MembershipFactory(organisation=association, role="member").user
    with pytest.raises(PermissionDenied) as refused:
        services.mission_save(organisation=association, by=member, **fields())
    assert str(refused.value) == MANAGERS_ONLY


def test_a_manager_of_the_mission_but_posting_in_another_name_is_refused(manager, association):
    theirs = MissionFactory(organisation=OrganisationFactory(), title="Leur mission")
    with pytest.raises(PermissionDenied) as refused:
        services.mission_save(organisation=association, by=manager, mission=theirs, **fields())
    assert str(refused.value) == MANAGERS_ONLY
    assert Mission.objects.get(pk=theirs.pk).title == "Leur mission"


def test_the_volunteers_needed_may_equal_those_accepted_not_fewer(association, manager, mission):
    apply(mission, ApplicationStatus.ACCEPTED)
    apply(mission, ApplicationStatus.ACCEPTED)
    apply(mission, ApplicationStatus.PENDING)
    apply(mission, ApplicationStatus.DECLINED)
    services.mission_save(
        organisation=association, by=manager, mission=mission, **fields(volunteers_needed=2)
    )
    assert Mission.objects.get(pk=mission.pk).volunteers_needed == 2
    with pytest.raises(ValidationError) as refused:
        services.mission_save(
            organisation=association, by=manager, mission=mission, **fields(volunteers_needed=1)
        )
    assert refused.value.message_dict == {
        "volunteers_needed": ["Plus de bénévoles sont déjà acceptés pour cette mission."]
    }
    assert Mission.objects.get(pk=mission.pk).volunteers_needed == 2


# Applying


def test_an_offer_of_help_is_pending_with_its_message_trimmed_and_the_managers_hear_it(
    association, mission, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=association, role="manager", user__email="resp@example.org")
    volunteer = VolunteerProfileFactory().user
    with django_capture_on_commit_callbacks(execute=True):
        application = services.mission_apply(
            mission=mission, user=volunteer, message="  Disponible le soir.  "
        )
    stored = MissionApplication.objects.get(pk=application.pk)
    assert (stored.mission, stored.user, stored.message, stored.status) == (
        mission,
        volunteer,
        "Disponible le soir.",
        ApplicationStatus.PENDING,
    )
    assert [m.to for m in mail.outbox] == [["resp@example.org"]]


def test_applying_refusals_say_why(mission, volunteer, stranger):
    with pytest.raises(PermissionDenied) as refused:
        services.mission_apply(mission=mission, user=stranger)
    assert str(refused.value) == "Inscrivez-vous comme bénévole avant de proposer votre aide."
    services.mission_apply(mission=mission, user=volunteer)
    with pytest.raises(ValidationError) as refused:
        services.mission_apply(mission=mission, user=volunteer)
    assert refused.value.messages == ["Vous avez déjà proposé votre aide pour cette mission."]
    started = MissionFactory(starts_at=timezone.now() - timedelta(minutes=5))
    with pytest.raises(ValidationError) as refused:
        services.mission_apply(mission=started, user=volunteer)
    assert refused.value.messages == ["Cette mission a déjà commencé."]
    assert MissionApplication.objects.count() == 1


def test_someone_elses_offer_does_not_stop_mine(mission, volunteer):
    apply(mission)
    assert services.mission_apply(mission=mission, user=volunteer).user == volunteer


def test_the_required_training_is_named_and_another_training_does_not_count(volunteer):
    training = TrainingFactory(title="Premiers secours")
    make_trained(volunteer, TrainingFactory(title="Écoute"))
    mission = MissionFactory(required_training=training)
    with pytest.raises(ValidationError) as refused:
        services.mission_apply(mission=mission, user=volunteer)
    assert plain(refused.value.messages) == [
        "Cette mission demande d'avoir suivi la formation « Premiers secours »."
    ]
    make_trained(volunteer, training)
    assert services.mission_apply(mission=mission, user=volunteer).pk


# The association's answer


def test_accepting_up_to_the_number_needed_then_full(
    association, manager, mission, django_capture_on_commit_callbacks
):
    first = apply(mission, user__email="premier@example.org")
    second = apply(mission)
    third = apply(mission)
    with django_capture_on_commit_callbacks(execute=True):
        decided = services.application_decide(application=first, accept=True, by=manager)
    assert decided.status == ApplicationStatus.ACCEPTED
    stored = MissionApplication.objects.get(pk=first.pk)
    assert stored.status == ApplicationStatus.ACCEPTED
    assert stored.decided_at is not None
    assert [m.to for m in mail.outbox] == [["premier@example.org"]]
    services.application_decide(application=second, accept=True, by=manager)
    with pytest.raises(ValidationError) as refused:
        services.application_decide(application=third, accept=True, by=manager)
    assert refused.value.messages == ["La mission a déjà tous les bénévoles recherchés."]
    assert MissionApplication.objects.get(pk=third.pk).status == ApplicationStatus.PENDING
    declined = services.application_decide(application=third, accept=False, by=manager)
    assert MissionApplication.objects.get(pk=declined.pk).status == ApplicationStatus.DECLINED


def test_declined_offers_leave_the_places_free(manager, mission):
    apply(mission, ApplicationStatus.DECLINED)
    apply(mission, ApplicationStatus.DECLINED)
    pending = apply(mission)
    services.application_decide(application=pending, accept=True, by=manager)
    assert MissionApplication.objects.get(pk=pending.pk).status == ApplicationStatus.ACCEPTED


def test_an_answered_offer_is_not_answered_again_even_from_a_stale_copy(manager, mission):
    application = apply(mission)
    stale = MissionApplication.objects.get(pk=application.pk)
    services.application_decide(application=application, accept=False, by=manager)
    with pytest.raises(ValidationError) as refused:
        services.application_decide(application=stale, accept=True, by=manager)
    assert refused.value.messages == ["Cette candidature a déjà reçu une réponse."]
    assert MissionApplication.objects.get(pk=application.pk).status == ApplicationStatus.DECLINED


def test_another_associations_manager_does_not_answer(mission):
    application = apply(mission)
    outsider = MembershipFactory(role="manager").user
    with pytest.raises(PermissionDenied) as refused:
        services.application_decide(application=application, accept=True, by=outsider)
    assert str(refused.value) == MANAGERS_ONLY
    assert MissionApplication.objects.get(pk=application.pk).decided_at is None


# Hours


@pytest.fixture
def done(association):
    """A mission of the association that ended yesterday."""
    start = timezone.now() - timedelta(days=1, hours=4)
    return MissionFactory(
        organisation=association, starts_at=start, ends_at=start + timedelta(hours=3)
    )


def test_hours_from_a_little_to_a_whole_day_are_recorded(manager, done):
    application = apply(done, ApplicationStatus.ACCEPTED)
    for hours in (Decimal("0.25"), Decimal(24)):
        recorded = services.application_record_hours(
            application=application, hours=hours, by=manager
        )
        assert recorded.hours == hours
        assert MissionApplication.objects.get(pk=application.pk).hours == hours


def test_hours_out_of_range_are_refused_with_the_range(manager, done):
    application = apply(done, ApplicationStatus.ACCEPTED)
    for hours in (Decimal(0), Decimal("-1"), Decimal("24.01")):
        with pytest.raises(ValidationError) as refused:
            services.application_record_hours(application=application, hours=hours, by=manager)
        assert refused.value.message_dict == {
            "hours": ["Indiquez un nombre d'heures entre 0 et 24."]
        }
    assert MissionApplication.objects.get(pk=application.pk).hours is None


def test_hours_refusals_say_why(association, manager, done):
    pending = apply(done)
    with pytest.raises(ValidationError) as refused:
        services.application_record_hours(application=pending, hours=Decimal(2), by=manager)
    assert refused.value.messages == ["Seules les heures des bénévoles acceptés sont enregistrées."]
    coming = apply(MissionFactory(organisation=association), ApplicationStatus.ACCEPTED)
    with pytest.raises(ValidationError) as refused:
        services.application_record_hours(application=coming, hours=Decimal(2), by=manager)
    assert refused.value.messages == ["Les heures s'enregistrent une fois la mission terminée."]
    accepted = apply(done, ApplicationStatus.ACCEPTED)
    with pytest.raises(PermissionDenied) as refused:
        services.application_record_hours(
            application=accepted, hours=Decimal(2), by=MembershipFactory(role="manager").user
        )
    assert str(refused.value) == MANAGERS_ONLY
    assert MissionApplication.objects.get(pk=accepted.pk).hours is None


# Withdrawing


def test_withdrawing_an_accepted_offer_frees_the_place_and_tells_the_managers(
    association, mission, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=association, role="manager", user__email="resp@example.org")
    application = apply(mission, ApplicationStatus.ACCEPTED)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.application_withdraw(application=application, by=application.user) is True
    assert not MissionApplication.objects.filter(pk=application.pk).exists()
    assert [m.to for m in mail.outbox] == [["resp@example.org"]]


def test_withdrawing_a_pending_offer_tells_nobody(
    association, mission, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=association, role="manager")
    application = apply(mission)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.application_withdraw(application=application, by=application.user) is False
    assert not MissionApplication.objects.filter(pk=application.pk).exists()
    assert mail.outbox == []


def test_withdrawing_refusals_say_why(mission, volunteer):
    application = apply(mission)
    with pytest.raises(PermissionDenied) as refused:
        services.application_withdraw(application=application, by=volunteer)
    assert str(refused.value) == "Vous ne pouvez retirer que vos propres candidatures."
    Mission.objects.filter(pk=mission.pk).update(starts_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError) as refused:
        services.application_withdraw(application=application, by=application.user)
    assert plain(refused.value.messages) == [
        "La mission a commencé : sa candidature ne se retire plus."
    ]
    assert MissionApplication.objects.filter(pk=application.pk).exists()
    MissionApplication.objects.filter(pk=application.pk).delete()
    with pytest.raises(ValidationError) as refused:
        services.application_withdraw(application=application, by=application.user)
    assert refused.value.messages == ["Cette candidature est déjà retirée."]


def test_an_inactive_manager_posts_nothing(association, manager):
    manager.is_active = False
    manager.save()
    with pytest.raises(PermissionDenied):
        services.mission_save(organisation=association, by=manager, **fields())
    assert not Mission.objects.exists()


# The very moment a mission starts or ends


@pytest.fixture
def frozen(monkeypatch):
    """Time stands still: `timezone.now()` is this instant for the whole test."""
    now = timezone.now().replace(microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


def test_a_mission_starting_this_very_moment_takes_no_offer_and_keeps_them(mission, frozen):
    Mission.objects.filter(pk=mission.pk).update(starts_at=frozen)
    mission.refresh_from_db()
    application = apply(mission)
    with pytest.raises(ValidationError, match="Cette mission a déjà commencé."):
        services.mission_apply(mission=mission, user=VolunteerProfileFactory().user)
    with pytest.raises(ValidationError, match="La mission a commencé"):
        services.application_withdraw(application=application, by=application.user)
    assert MissionApplication.objects.filter(mission=mission).count() == 1


def test_hours_are_recorded_from_the_moment_the_mission_ends(association, manager, frozen):
    ended = MissionFactory(
        organisation=association, starts_at=frozen - timedelta(hours=2), ends_at=frozen
    )
    application = apply(ended, ApplicationStatus.ACCEPTED)
    services.application_record_hours(application=application, hours=Decimal(2), by=manager)
    assert MissionApplication.objects.get(pk=application.pk).hours == Decimal(2)


def test_a_mission_may_call_for_every_skill(association, manager):
    from volunteers.models import Skill

    posted = services.mission_save(
        organisation=association, by=manager, **fields(skills=list(Skill.values))
    )
    assert Mission.objects.get(pk=posted.pk).skills == list(Skill.values)


def test_an_offer_to_another_mission_does_not_stop_this_one(association, mission, volunteer):
    services.mission_apply(mission=MissionFactory(organisation=association), user=volunteer)
    assert services.mission_apply(mission=mission, user=volunteer).mission == mission
    assert MissionApplication.objects.filter(user=volunteer).count() == 2


def test_an_offer_without_a_message_has_an_empty_message(mission, volunteer):
    application = services.mission_apply(mission=mission, user=volunteer)
    assert MissionApplication.objects.get(pk=application.pk).message == ""


def test_the_managers_hear_who_withdrew(association, mission, django_capture_on_commit_callbacks):
    MembershipFactory(organisation=association, role="manager")
    application = apply(
        mission, ApplicationStatus.ACCEPTED, user__full_name="Fatou Diallo-Marchand"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.application_withdraw(application=application, by=application.user)
    assert "Fatou Diallo-Marchand a retiré sa candidature" in plain(mail.outbox[0].body)
