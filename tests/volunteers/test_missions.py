"""Missions: posting, applying (the required training), answering, hours, the passport."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from tests.factories import MembershipFactory, OrganisationFactory
from tests.factories.volunteers import MissionFactory, VolunteerProfileFactory
from tests.volunteers.conftest import make_trained
from volunteers.missions import selectors, services
from volunteers.missions.permissions import can_manage_mission, can_post_mission
from volunteers.models import ApplicationStatus, Mission, MissionApplication

pytestmark = pytest.mark.django_db


def _fields(**overrides):
    start = timezone.now() + timedelta(days=15)
    fields = dict(
        title="Maraude du soir", description="Avec l'équipe mobile.", place="Paris 10e",
        starts_at=start, ends_at=start + timedelta(hours=3), volunteers_needed=2,
        required_training=None, skills=["street"],
    )  # fmt: skip
    fields.update(overrides)
    return fields


def test_a_manager_posts_then_edits_a_mission(association, manager):
    mission = services.mission_save(organisation=association, by=manager, **_fields())
    services.mission_save(
        organisation=association, by=manager, mission=mission, **_fields(title="Maraude de nuit")
    )
    mission.refresh_from_db()
    assert (mission.title, mission.organisation_id, mission.skills) == (
        "Maraude de nuit", association.pk, ["street"],
    )  # fmt: skip


def test_an_association_cannot_edit_another_associations_mission(association, manager):
    theirs = MissionFactory(title="Leur mission")
    with pytest.raises(PermissionDenied):
        services.mission_save(organisation=association, by=manager, mission=theirs, **_fields())
    with pytest.raises(PermissionDenied):
        services.mission_save(
            organisation=theirs.organisation, by=manager, mission=theirs, **_fields()
        )
    theirs.refresh_from_db()
    assert theirs.title == "Leur mission"


def test_a_member_who_is_not_manager_cannot_post(association):
    member = MembershipFactory(organisation=association, role="member").user
    with pytest.raises(PermissionDenied):
        services.mission_save(organisation=association, by=member, **_fields())
    assert Mission.objects.count() == 0


def test_mission_save_refuses_unknown_skills_and_reversed_times(association, manager):
    with pytest.raises(ValidationError) as error:
        services.mission_save(organisation=association, by=manager, **_fields(skills=["magic"]))
    assert "skills" in error.value.error_dict
    start = timezone.now() + timedelta(days=3)
    with pytest.raises(ValidationError) as error:
        services.mission_save(
            organisation=association, by=manager, **_fields(starts_at=start, ends_at=start)
        )
    assert "ends_at" in error.value.error_dict
    assert Mission.objects.count() == 0


def test_fewer_volunteers_needed_than_already_accepted_is_refused(association, manager, volunteer):
    mission = MissionFactory(organisation=association, volunteers_needed=2)
    MissionApplication.objects.create(mission=mission, user=volunteer, status="accepted")
    MissionApplication.objects.create(
        mission=mission, user=VolunteerProfileFactory().user, status="accepted"
    )
    with pytest.raises(ValidationError) as error:
        services.mission_save(
            organisation=association, by=manager, mission=mission, **_fields(volunteers_needed=1)
        )
    assert "volunteers_needed" in error.value.error_dict


def test_applying_is_refused_before_the_required_training_and_accepted_after(training, volunteer):
    mission = MissionFactory(required_training=training)
    with pytest.raises(ValidationError, match="Aller à la rencontre des personnes sans abri"):
        services.mission_apply(mission=mission, user=volunteer)
    assert mission.applications.count() == 0

    make_trained(volunteer, training)
    application = services.mission_apply(mission=mission, user=volunteer, message=" Dispo ")

    assert (application.status, application.message) == (ApplicationStatus.PENDING, "Dispo")


def test_applying_needs_a_profile_a_future_mission_and_only_once(volunteer, stranger):
    mission = MissionFactory()
    with pytest.raises(PermissionDenied):
        services.mission_apply(mission=mission, user=stranger)
    services.mission_apply(mission=mission, user=volunteer)
    with pytest.raises(ValidationError, match="déjà proposé"):
        services.mission_apply(mission=mission, user=volunteer)
    started = MissionFactory(starts_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="déjà commencé"):
        services.mission_apply(mission=started, user=volunteer)
    assert MissionApplication.objects.count() == 1


def test_the_association_accepts_until_the_mission_is_full(association, manager):
    mission = MissionFactory(organisation=association, volunteers_needed=1)
    first, second = (
        services.mission_apply(mission=mission, user=VolunteerProfileFactory().user)
        for _ in range(2)
    )
    services.application_decide(application=first, accept=True, by=manager)
    with pytest.raises(ValidationError, match="tous les bénévoles"):
        services.application_decide(application=second, accept=True, by=manager)
    declined = services.application_decide(application=second, accept=False, by=manager)
    assert declined.status == ApplicationStatus.DECLINED
    with pytest.raises(ValidationError, match="déjà reçu une réponse"):
        services.application_decide(application=first, accept=False, by=manager)
    first.refresh_from_db()
    assert first.status == ApplicationStatus.ACCEPTED


def test_another_association_cannot_answer_an_application(manager, volunteer):
    application = services.mission_apply(mission=MissionFactory(), user=volunteer)
    with pytest.raises(PermissionDenied):
        services.application_decide(application=application, accept=True, by=manager)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.PENDING


def _finished(mission):
    Mission.objects.filter(pk=mission.pk).update(
        starts_at=timezone.now() - timedelta(hours=5), ends_at=timezone.now() - timedelta(hours=2)
    )
    mission.refresh_from_db()


def test_hours_are_recorded_after_the_mission_for_accepted_volunteers(association, manager):
    mission = MissionFactory(organisation=association)
    person = VolunteerProfileFactory().user
    application = services.mission_apply(mission=mission, user=person)
    services.application_decide(application=application, accept=True, by=manager)
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="une fois la mission terminée"):
        services.application_record_hours(application=application, hours=Decimal(3), by=manager)
    _finished(mission)
    application.refresh_from_db()
    services.application_record_hours(application=application, hours=Decimal("2.5"), by=manager)
    assert selectors.commitment(person)["hours"] == Decimal("2.5")
    assert [a.pk for a in selectors.commitment(person)["missions"]] == [application.pk]


def test_hours_refused_for_a_pending_or_declined_application(association, manager, volunteer):
    mission = MissionFactory(organisation=association)
    application = services.mission_apply(mission=mission, user=volunteer)
    _finished(mission)
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="bénévoles acceptés"):
        services.application_record_hours(application=application, hours=Decimal(3), by=manager)
    application.refresh_from_db()
    assert application.hours is None


def test_hours_out_of_range_or_by_a_stranger_are_refused(association, manager, volunteer, stranger):
    mission = MissionFactory(organisation=association)
    application = MissionApplication.objects.create(
        mission=mission, user=volunteer, status=ApplicationStatus.ACCEPTED
    )
    _finished(mission)
    application.refresh_from_db()
    with pytest.raises(ValidationError):
        services.application_record_hours(application=application, hours=Decimal(30), by=manager)
    with pytest.raises(ValidationError):
        services.application_record_hours(application=application, hours=Decimal(0), by=manager)
    with pytest.raises(PermissionDenied):
        services.application_record_hours(application=application, hours=Decimal(2), by=stranger)
    application.refresh_from_db()
    assert application.hours is None


def test_missions_for_a_volunteer_put_matching_ones_first(training, volunteer):
    tuesday_evening = timezone.make_aware(timezone.datetime(2027, 1, 12, 18, 0))
    monday_morning = timezone.make_aware(timezone.datetime(2027, 1, 11, 9, 0))
    off_hours = MissionFactory(title="Lundi matin", starts_at=monday_morning)
    needs_training = MissionFactory(
        title="Formation requise", starts_at=tuesday_evening, required_training=training
    )
    other_skill = MissionFactory(title="Numérique", starts_at=tuesday_evening, skills=["digital"])
    fitting = MissionFactory(title="Maraude", starts_at=tuesday_evening + timedelta(days=7))
    MissionFactory(title="Passée", starts_at=timezone.now() - timedelta(days=1))

    missions = selectors.missions_for(volunteer)

    assert [m.title for m in missions] == [
        "Maraude",
        "Lundi matin",
        "Formation requise",
        "Numérique",
    ]
    by_title = {m.title: m.match for m in missions}
    assert by_title["Maraude"].full is True
    assert by_title["Lundi matin"].available is False
    assert by_title["Formation requise"].trained is False
    assert by_title["Numérique"].skilled is False
    assert {off_hours.pk, needs_training.pk, other_skill.pk, fitting.pk} == {m.pk for m in missions}


def test_missions_for_a_visitor_carry_no_match(stranger):
    MissionFactory()
    assert [m.match for m in selectors.missions_for(stranger)] == [None]


def test_mission_predicates_refuse_other_associations_and_inactive_managers(association, manager):
    mission = MissionFactory(organisation=association)
    other = OrganisationFactory()
    assert can_manage_mission(manager, mission) is True
    assert can_post_mission(manager, other) is False
    manager.is_active = False
    assert can_post_mission(manager, association) is False


def test_an_application_already_withdrawn_is_not_withdrawn_twice(volunteer):
    mission = MissionFactory()
    application = services.mission_apply(mission=mission, user=volunteer)
    assert services.application_withdraw(application=application, by=volunteer) is False
    with pytest.raises(ValidationError, match="déjà retirée"):
        services.application_withdraw(application=application, by=volunteer)
    assert MissionApplication.objects.count() == 0
