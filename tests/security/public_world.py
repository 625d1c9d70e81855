"""The public programmes of the permission matrix's world (issue 15): a week of activities with
places and public sign-up, an evening with stands, speakers, press, partners' proposals and an
announced edition's programme alert."""

from django.utils import timezone

from congress.editions.alerts import ProgrammeAlert, alert_token
from congress.editions.partners import Partner
from tests.factories import CongressFactory, SessionFactory, SessionTypeFactory, VenueFactory
from tracks.activities import mine as activity_mine
from tracks.activities import services as activity_services
from tracks.activity_proposals.models import ActivityProposal
from tracks.press import services as press_services
from tracks.press.models import PressAccreditation
from tracks.speakers.models import SpeakerProfile
from tracks.stands.models import Stand, StandApplication


def add_public_programmes(w) -> None:
    """A week, an evening, speakers, press, a partner's proposal, an alert."""
    o = w.objects
    # --- issue 15: a public week of activities and an evening with stands ------------------
    o["week"] = week = CongressFactory(slug="matrix-week", kind="programme")
    o["activity"] = activity = SessionFactory(
        congress=week,
        session_type=SessionTypeFactory(congress=week, is_workshop=False),
        registration_required=True,
        is_online=True,
        online_url="https://visio.example.org/matrix",
    )
    o["week_venue"] = activity.room.venue
    o["empty_venue"] = VenueFactory(congress=week, name="Lieu vide de la matrice")
    o["spare_activity"] = SessionFactory(
        congress=week, session_type=activity.session_type, room=activity.room
    )
    week.organisers.add(w.users["organiser"])  # manages its places and activities
    o["evening"] = evening = CongressFactory(slug="matrix-evening", kind="evening", capacity=100)
    evening.organisers.add(w.users["organiser"])  # decides on stand applications
    o["stand"] = Stand.objects.create(
        congress=evening, name="Stand de la matrice", holder_kind="association", number="01"
    )
    public = activity_services.activity_register(
        congress=week, session=activity, full_name="Public Inscrit", email="public@example.org"
    )
    o["public_token"] = activity_services.registration_token(public)
    o["person_token"] = activity_mine.person_token(week, "public@example.org")
    o["stand_application"] = StandApplication.objects.create(
        congress=evening, applicant=w.users["manager_a"], name="Demande de la matrice",
        holder_kind="association", contact_email="stand@example.org", description="Nos actions",
    )  # fmt: skip
    # Speakers and press (issue 15): member_a's confirmed profile, a profile to confirm, a line
    # of the first workshop's speakers without a profile yet, a journalist's request.
    edition = o["edition"]
    o["speaker"] = SpeakerProfile.objects.create(
        congress=edition, name="Intervenante de la matrice", user=w.users["member_a"],
        confirmed_at=timezone.now(),
    )  # fmt: skip
    o["speaker_pending"] = SpeakerProfile.objects.create(congress=edition, name="À confirmer")
    SessionFactory._meta.model.objects.filter(pk=o["workshop_1"].pk).update(
        speakers="Personne Importée, Chercheuse, Université du Maine"
    )
    o["press"] = press = PressAccreditation.objects.create(
        congress=edition, full_name="Journaliste Matrice", media="Le Média", card_number="M1",
        email="presse@example.org", phone="0600000000",
    )  # fmt: skip
    o["press_token"] = press_services.request_token(press)
    # An accepted journalist of the edition held today, for the welcome desk's check-in.
    o["press_today"] = PressAccreditation.objects.create(
        congress=o["today_edition"], full_name="Journaliste du jour", media="Le Média",
        card_number="M2", email="presse.jour@example.org", phone="0600000000", status="accepted",
    )  # fmt: skip
    # Partners' proposals (issue 15): organisation A is a partner of the week with its own place;
    # the week's programme is out, late proposals allowed.
    week.features = {"late_partner_activities": True}
    week.save(update_fields=["features"])
    o["partner_a"] = partner_a = Partner.objects.create(
        congress=week, name="Partenaire de la matrice", organisation=o["org_a"]
    )
    o["partner_venue"] = VenueFactory(congress=week, name="Lieu du partenaire", host=partner_a)
    o["activity_proposal"] = ActivityProposal.objects.create(
        congress=week, partner=partner_a, venue=o["partner_venue"],
        proposed_by=w.users["manager_a"], title="Proposition de la matrice",
        session_type=activity.session_type, description="Portes ouvertes",
        starts_at=activity.starts_at, ends_at=activity.ends_at, capacity=10,
    )  # fmt: skip
    o["announced"] = announced = CongressFactory(
        slug="matrix-announced", kind="programme", programme_published=False
    )
    o["alert_token"] = alert_token(
        ProgrammeAlert.objects.create(congress=announced, email="alerte@example.org")
    )
