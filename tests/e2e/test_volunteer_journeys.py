"""Volunteering journey (issue 17): a person signs up as a volunteer, books a training, is
refused a mission that requires it, is recorded present by the trainer, applies again and is
accepted by the association; picks two shifts (an overlapping third is refused) and downloads
their commitment passport."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from tests.e2e.conftest import log_in
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from tests.factories.volunteers import (
    MissionFactory,
    ShiftFactory,
    TrainingFactory,
    TrainingSessionFactory,
)
from volunteers.models import MissionApplication, ShiftSignup, TrainingSession, VolunteerProfile

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def place():
    fabrique = OrganisationFactory(name="La Fabrique de la Solidarité", slug="fabrique")
    trainer = UserFactory(email="fatou@fabrique.fr", full_name="Fatou Formatrice")
    MembershipFactory(organisation=fabrique, user=trainer, role="manager")
    training = TrainingFactory(
        organisation=fabrique, title="Aller à la rencontre des personnes sans abri",
        trainer=trainer, capacity=12,
    )  # fmt: skip
    session = TrainingSessionFactory(training=training)
    association = OrganisationFactory(name="Maraudes du 10e")
    manager = MembershipFactory(
        organisation=association, role="manager",
        user=UserFactory(email="louise@maraudes.fr", full_name="Louise Gestionnaire"),
    ).user  # fmt: skip
    mission = MissionFactory(
        organisation=association, title="Maraude du soir", required_training=training
    )
    congress = CongressFactory(is_current=True)
    day = congress.start_date
    tz = timezone.get_current_timezone()

    def at(hour, minute=0):
        return timezone.datetime.combine(day, time(hour, minute), tzinfo=tz)

    ShiftFactory(congress=congress, title="Accueil et badges", starts_at=at(8), ends_at=at(10))
    ShiftFactory(congress=congress, title="Steward Salle Loire", starts_at=at(10), ends_at=at(12))
    ShiftFactory(congress=congress, title="Orientation", starts_at=at(9), ends_at=at(11))
    return dict(
        trainer=trainer, session=session, manager=manager, mission=mission, congress=congress
    )


def test_a_volunteer_trains_applies_is_accepted_and_picks_shifts(new_browser, place):
    person = UserFactory(email="alice@benevole.fr", full_name="Alice Martin")
    web = new_browser()
    page = web.page
    log_in(web, person.email, TEST_PASSWORD)

    # Signing up as a volunteer.
    web.go("/volunteers/")
    web.axe()
    page.get_by_role("link", name="Devenir bénévole").click()
    page.get_by_label("mardi après-midi").check()
    page.get_by_label("Maraudes, aller vers").check()
    page.get_by_label("Langues parlées").fill("français, anglais")
    web.axe(context="profile form")
    page.get_by_role("button", name="Enregistrer mon profil").click()
    page.get_by_text("Votre profil de bénévole est enregistré.").wait_for()
    assert VolunteerProfile.objects.get(user=person).availability == ["tue_pm"]

    # Booking the training.
    web.go("/volunteers/trainings/")
    web.axe()
    page.get_by_role("link", name="Aller à la rencontre des personnes sans abri").click()
    web.axe(context="training session")
    page.get_by_role("button", name="Réserver ma place").click()
    page.get_by_text("Votre place est réservée.").first.wait_for()

    # The mission requires the training: refused before it.
    mission = place["mission"]
    web.go(f"/volunteers/missions/{mission.pk}/")
    web.axe()
    page.get_by_role("button", name="Proposer mon aide").click()
    page.get_by_text("Cette mission demande d'avoir suivi la formation").wait_for()
    assert MissionApplication.objects.count() == 0

    # The session takes place; the trainer records Alice present.
    session = place["session"]
    TrainingSession.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() - timedelta(hours=3), ends_at=timezone.now() - timedelta(hours=1)
    )
    trainer = new_browser()
    log_in(trainer, place["trainer"].email, TEST_PASSWORD)
    trainer.go(f"/volunteers/trainings/{session.pk}/attendance/")
    trainer.axe()
    trainer.page.get_by_label("Alice Martin").check()
    trainer.page.get_by_role("button", name="Enregistrer les présences").click()
    trainer.page.get_by_text("1 personne présente").wait_for()

    # Accepted after the training.
    web.go(f"/volunteers/missions/{mission.pk}/")
    page.get_by_label("Un mot pour l'association (facultatif)").fill("Disponible le soir.")
    page.get_by_role("button", name="Proposer mon aide").click()
    page.get_by_text("Votre proposition d'aide est envoyée à l'association.").wait_for()

    # The association accepts.
    manager = new_browser()
    log_in(manager, place["manager"].email, TEST_PASSWORD)
    manager.go(f"/volunteers/missions/{mission.pk}/applications/")
    manager.axe()
    manager.page.get_by_role("button", name="Accepter Alice Martin").click()
    manager.page.get_by_text("Candidature de Alice Martin acceptée.").wait_for()
    assert MissionApplication.objects.get().status == "accepted"

    # Two shifts, the overlapping third refused.
    congress = place["congress"]
    web.go(f"/congresses/{congress.slug}/volunteers/shifts/")
    web.axe()
    page.get_by_role("button", name="Choisir le créneau Accueil et badges").click()
    page.get_by_text("Créneau « Accueil et badges » choisi.").wait_for()
    page.get_by_role("button", name="Choisir le créneau Steward Salle Loire").click()
    page.get_by_text("Créneau « Steward Salle Loire » choisi.").wait_for()
    page.get_by_role("button", name="Choisir le créneau Orientation").click()
    page.get_by_text("Ce créneau chevauche un autre de vos créneaux").wait_for()
    web.axe(context="shifts after the refusal")
    assert sorted(ShiftSignup.objects.values_list("shift__title", flat=True)) == [
        "Accueil et badges", "Steward Salle Loire",
    ]  # fmt: skip

    # The commitment passport.
    web.go("/volunteers/")
    web.axe()
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mon passeport de l'engagement (PDF)").click()
    assert download.value.suggested_filename == "passeport-engagement.pdf"

    # Every page of the journey fits a 320 px wide screen.
    pages = [
        (web, "/volunteers/"), (web, "/volunteers/profile/"), (web, "/volunteers/trainings/"),
        (web, f"/volunteers/trainings/{session.pk}/"), (web, "/volunteers/missions/"),
        (web, f"/volunteers/missions/{mission.pk}/"),
        (web, f"/congresses/{congress.slug}/volunteers/shifts/"),
        (trainer, f"/volunteers/trainings/{session.pk}/attendance/"),
        (manager, f"/volunteers/missions/{mission.pk}/applications/"),
    ]  # fmt: skip
    overflowing = []
    for browser, path in pages:
        browser.page.set_viewport_size({"width": 320, "height": 800})
        browser.go(path)
        overflow = browser.page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        if overflow > 0:
            overflowing.append((path, overflow))
    assert overflowing == []
