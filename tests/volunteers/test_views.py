"""Pages of volunteering: what each person sees and may do, query counts of the lists,
abuse attempts through the URLs, the certificate PDF."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import CongressFactory, MembershipFactory, UserFactory
from tests.factories.volunteers import (
    MissionFactory,
    ShiftFactory,
    TrainingSessionFactory,
    VolunteerProfileFactory,
)
from tests.spaces import plain
from tests.volunteers.conftest import make_trained
from volunteers.models import (
    ApplicationStatus,
    Mission,
    MissionApplication,
    ShiftSignup,
    TrainingBooking,
    VolunteerProfile,
)

pytestmark = pytest.mark.django_db


def test_signing_up_as_volunteer_saves_the_profile(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("volunteer_profile_edit"),
        {"availability": ["tue_pm", "sat_am"], "skills": ["street"], "languages": "français",
         "accessibility_needs": ""},
    )  # fmt: skip
    assert response.status_code == 302
    assert VolunteerProfile.objects.get(user=user).availability == ["tue_pm", "sat_am"]
    form = client.get(reverse("volunteer_profile_edit")).context["form"]
    assert form.initial["availability"] == ["tue_pm", "sat_am"]


def test_a_tampered_choice_is_refused_with_a_summary_and_nothing_saved(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("volunteer_profile_edit"), {"availability": ["someday"]})
    assert response.status_code == 400
    assert "error-summary" in response.content.decode()
    assert VolunteerProfile.objects.count() == 0


def test_a_volunteer_cannot_read_another_volunteers_profile(client, volunteer):
    other = VolunteerProfileFactory(accessibility_needs="Malvoyante").user
    client.force_login(volunteer)
    assert client.get(reverse("volunteer_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("volunteer_detail", args=[volunteer.pk])).status_code == 200


def test_a_manager_reads_the_profile_of_an_applicant_only(client, association, manager, volunteer):
    other = VolunteerProfileFactory().user
    MissionApplication.objects.create(
        mission=MissionFactory(organisation=association), user=volunteer
    )
    MissionApplication.objects.create(mission=MissionFactory(), user=other)
    client.force_login(manager)
    assert client.get(reverse("volunteer_detail", args=[volunteer.pk])).status_code == 200
    assert client.get(reverse("volunteer_detail", args=[other.pk])).status_code == 404


def test_booking_a_training_then_cancelling(client, volunteer, training):
    session = TrainingSessionFactory(training=training)
    client.force_login(volunteer)
    response = client.post(reverse("training_book", args=[session.pk]), follow=True)
    assert "Votre place est réservée." in response.content.decode()
    assert TrainingBooking.objects.filter(session=session, user=volunteer).count() == 1
    client.post(reverse("training_cancel", args=[session.pk]))
    assert TrainingBooking.objects.count() == 0


def test_booking_without_a_profile_leads_to_the_profile_form(client, stranger, training):
    client.force_login(stranger)
    response = client.post(reverse("training_book", args=[TrainingSessionFactory().pk]))
    assert response.url == reverse("volunteer_profile_edit")
    assert TrainingBooking.objects.count() == 0


def test_a_full_session_puts_the_next_person_on_the_waiting_list(client, training):
    session = TrainingSessionFactory(training=training, capacity=1)
    for _ in range(2):
        person = VolunteerProfileFactory().user
        client.force_login(person)
        response = client.post(reverse("training_book", args=[session.pk]), follow=True)
    assert "liste d&#x27;attente" in response.content.decode()


def test_the_trainer_records_attendance(client, training, volunteer):
    manager = MembershipFactory(organisation=training.organisation, role="manager").user
    session = TrainingSessionFactory(training=training)
    booking = TrainingBooking.objects.create(session=session, user=volunteer, status="booked")
    session.starts_at = timezone.now() - timedelta(hours=2)
    session.save()
    client.force_login(manager)
    url = reverse("training_attendance", args=[session.pk])
    assert volunteer.full_name in client.get(url).content.decode()
    assert client.post(url, {"present": [str(booking.pk)]}).status_code == 302
    booking.refresh_from_db()
    assert booking.attended is True
    assert client.post(url, {"present": ["x"]}).status_code == 400
    assert client.post(url, {"present": ["999999"]}).status_code == 400


def test_a_volunteer_cannot_record_attendance(client, volunteer, training):
    session = TrainingSessionFactory(training=training)
    client.force_login(volunteer)
    assert client.get(reverse("training_attendance", args=[session.pk])).status_code == 403


def test_applying_to_a_mission_refused_before_the_training_accepted_after(
    client, volunteer, training
):
    mission = MissionFactory(required_training=training)
    client.force_login(volunteer)
    url = reverse("mission_apply", args=[mission.pk])
    page = client.post(url, {"message": "Bonjour"}, follow=True).content.decode()
    assert "demande d&#x27;avoir suivi la formation" in page
    assert mission.applications.count() == 0
    make_trained(volunteer, training)
    client.post(url, {"message": "Bonjour"})
    assert mission.applications.get().message == "Bonjour"


def test_applying_without_a_profile_leads_to_the_profile_form(client, stranger):
    client.force_login(stranger)
    response = client.post(reverse("mission_apply", args=[MissionFactory().pk]))
    assert response.url == reverse("volunteer_profile_edit")


def test_the_manager_posts_a_mission(client, association, manager):
    client.force_login(manager)
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    data = {"title": "Maraude", "description": "Avec l'équipe.", "place": "Paris 10e", "day": day,
            "start": "19:00", "end": "22:00", "volunteers_needed": "3", "skills": ["street"]}  # fmt: skip
    response = client.post(reverse("mission_create", args=[association.slug]), data)
    mission = Mission.objects.get()
    assert response.url == reverse("mission_applications", args=[mission.pk])
    assert (mission.organisation_id, mission.volunteers_needed) == (association.pk, 3)
    bad = client.post(reverse("mission_create", args=[association.slug]), {**data, "end": "18:00"})
    assert bad.status_code == 400
    assert "error-summary" in bad.content.decode()
    assert Mission.objects.count() == 1


def test_an_association_cannot_edit_another_associations_mission(client, manager):
    theirs = MissionFactory(title="Leur mission")
    client.force_login(manager)
    assert client.get(reverse("mission_edit", args=[theirs.pk])).status_code == 403
    response = client.post(reverse("mission_edit", args=[theirs.pk]), {"title": "Piratée"})
    assert response.status_code == 403
    assert client.get(reverse("mission_applications", args=[theirs.pk])).status_code == 403
    theirs.refresh_from_db()
    assert theirs.title == "Leur mission"


def test_the_manager_edits_their_own_mission(client, association, manager):
    mission = MissionFactory(organisation=association)
    client.force_login(manager)
    page = client.get(reverse("mission_edit", args=[mission.pk])).content.decode()
    assert mission.title in page
    start = timezone.localtime(mission.starts_at)
    data = {"title": "Nouveau titre", "description": "D", "place": "P", "day": start.date().isoformat(),
            "start": "09:00", "end": "08:00", "volunteers_needed": "0"}  # fmt: skip
    assert client.post(reverse("mission_edit", args=[mission.pk]), data).status_code == 400
    data.update(end="11:00", volunteers_needed="1")
    MissionApplication.objects.create(
        mission=mission, user=VolunteerProfileFactory().user, status="accepted"
    )
    MissionApplication.objects.create(
        mission=mission, user=VolunteerProfileFactory().user, status="accepted"
    )
    response = client.post(reverse("mission_edit", args=[mission.pk]), data)
    assert response.status_code == 400  # two already accepted: the service's error on the field
    assert "déjà acceptés" in response.content.decode()


def test_accepting_declining_and_recording_hours(client, association, manager, volunteer):
    mission = MissionFactory(organisation=association)
    application = MissionApplication.objects.create(mission=mission, user=volunteer)
    other = MissionApplication.objects.create(mission=mission, user=VolunteerProfileFactory().user)
    client.force_login(manager)
    decide = "application_decide"
    client.post(reverse(decide, args=[mission.pk, application.pk]), {"decision": "accept"})
    client.post(reverse(decide, args=[mission.pk, other.pk]), {"decision": "decline"})
    again = client.post(
        reverse(decide, args=[mission.pk, other.pk]), {"decision": "accept"}, follow=True
    )
    assert "déjà reçu une réponse" in again.content.decode()
    statuses = dict(mission.applications.values_list("user_id", "status"))
    assert statuses[volunteer.pk] == ApplicationStatus.ACCEPTED
    assert statuses[other.user_id] == ApplicationStatus.DECLINED
    Mission.objects.filter(pk=mission.pk).update(
        starts_at=timezone.now() - timedelta(hours=4), ends_at=timezone.now() - timedelta(hours=1)
    )
    url = reverse("application_hours", args=[mission.pk, application.pk])
    assert "Indiquez" in client.post(url, {"hours": "abc"}, follow=True).content.decode()
    client.post(url, {"hours": "3"})
    application.refresh_from_db()
    assert application.hours == 3


def test_hours_for_a_volunteer_who_never_applied_are_refused(client, association, manager):
    mission = MissionFactory(organisation=association)
    elsewhere = MissionApplication.objects.create(
        mission=MissionFactory(), user=VolunteerProfileFactory().user, status="accepted"
    )
    client.force_login(manager)
    response = client.post(
        reverse("application_hours", args=[mission.pk, elsewhere.pk]), {"hours": "3"}
    )
    assert response.status_code == 404
    theirs = reverse("application_hours", args=[elsewhere.mission_id, elsewhere.pk])
    assert client.post(theirs, {"hours": "3"}).status_code == 403
    elsewhere.refresh_from_db()
    assert elsewhere.hours is None


def test_the_commitment_certificate_lists_missions_hours_and_trainings(client, volunteer, training):
    from pypdf import PdfReader

    make_trained(volunteer, training)
    mission = MissionFactory(title="Maraude du soir", starts_at=timezone.now() - timedelta(days=2))
    MissionApplication.objects.create(mission=mission, user=volunteer, status="accepted", hours=3)
    client.force_login(volunteer)
    response = client.get(reverse("commitment_certificate"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(
        page.extract_text() for page in PdfReader(BytesIO(response.content)).pages
    ).replace("\xa0", " ")
    assert "Passeport de l'engagement" in text
    assert "Maraude du soir" in text
    assert plain("Total des heures d'engagement : 3") in plain(text)
    assert training.title in text


def test_picking_shifts_and_an_overlapping_one_refused(client, volunteer):
    congress = CongressFactory()
    desk = ShiftFactory(congress=congress, title="Accueil")
    overlapping = ShiftFactory(congress=congress, title="Orientation", starts_at=desk.starts_at)
    client.force_login(volunteer)
    client.post(reverse("shift_signup", args=[congress.slug, desk.pk]))
    page = client.post(reverse("shift_signup", args=[congress.slug, overlapping.pk]), follow=True)
    assert "chevauche" in page.content.decode()
    assert list(ShiftSignup.objects.values_list("shift__title", flat=True)) == ["Accueil"]
    client.post(reverse("shift_leave", args=[congress.slug, desk.pk]))
    assert ShiftSignup.objects.count() == 0


def test_shift_signup_without_a_profile_leads_to_the_profile_form(client, stranger):
    shift = ShiftFactory()
    client.force_login(stranger)
    response = client.post(reverse("shift_signup", args=[shift.congress.slug, shift.pk]))
    assert response.url == reverse("volunteer_profile_edit")


def test_organisers_create_shifts_and_see_the_gaps(client, volunteer):
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    ShiftFactory(congress=congress, title="Steward Salle Loire", capacity=3)
    client.force_login(organiser)
    url = reverse("staff_shifts", args=[congress.slug])
    page = client.get(url).content.decode()
    assert "Steward Salle Loire" in page and "il manque 3 bénévoles" in page
    data = {"title": "Guide", "place": "Parvis", "day": congress.start_date.isoformat(),
            "start": "12:00", "end": "11:00", "capacity": "2"}  # fmt: skip
    assert client.post(url, data).status_code == 400
    data["end"] = "13:00"
    assert client.post(url, data).status_code == 302
    assert congress.volunteer_shifts.get(title="Guide").grants_desk_role is False
    data.update(title="Accueil du samedi", grants_desk_role="on")
    assert client.post(url, data).status_code == 302
    assert congress.volunteer_shifts.get(title="Accueil du samedi").grants_desk_role is True
    assert "donne le droit d'enregistrer les arrivées" in client.get(url).content.decode()
    client.force_login(volunteer)
    assert client.get(url).status_code == 403


def test_a_draft_editions_shifts_are_hidden(client, volunteer):
    congress = CongressFactory(status="draft")
    client.force_login(volunteer)
    assert client.get(reverse("shift_list", args=[congress.slug])).status_code == 404


def test_volunteer_predicates_refuse_inactive_accounts(volunteer):
    from volunteers.permissions import can_view_volunteer, can_volunteer

    assert (can_volunteer(volunteer), can_view_volunteer(volunteer, volunteer)) == (True, True)
    volunteer.is_active = False
    assert (can_volunteer(volunteer), can_view_volunteer(volunteer, volunteer)) == (False, False)


def test_a_superuser_sees_any_volunteer_profile(volunteer):
    from volunteers.permissions import can_view_volunteer

    assert can_view_volunteer(UserFactory(is_superuser=True), volunteer) is True


def test_accessibility_needs_are_shown_only_once_accepted(client, association, manager):
    person = VolunteerProfileFactory(accessibility_needs="Malvoyante").user
    application = MissionApplication.objects.create(
        mission=MissionFactory(organisation=association), user=person
    )
    client.force_login(manager)
    url = reverse("volunteer_detail", args=[person.pk])
    assert "Malvoyante" not in client.get(url).content.decode()
    application.status = "accepted"
    application.save()
    assert "Malvoyante" in client.get(url).content.decode()
    client.force_login(person)
    assert "Malvoyante" in client.get(url).content.decode()


def test_can_see_volunteer_needs_refuses_inactive_accounts_and_grants_superusers(volunteer):
    from volunteers.permissions import can_see_volunteer_needs

    assert can_see_volunteer_needs(UserFactory(is_superuser=True), volunteer) is True
    assert can_see_volunteer_needs(volunteer, volunteer) is True
    volunteer.is_active = False
    assert can_see_volunteer_needs(volunteer, volunteer) is False
