"""One "world" for the permission matrix: an edition with two tracks, two organisations,
a user for every role, and objects of every kind (some of them belonging to another
organisation, another track or another edition, to be guessed at)."""

from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from congress.editions.alerts import ProgrammeAlert, alert_token
from congress.editions.models import CongressStatus
from congress.editions.partners import Partner
from congress.onsite import tokens as onsite_tokens
from congress.onsite.models import CheckIn, DeskRole
from congress.organisations import services
from congress.organisations.models import Invitation, MembershipRole
from congress.payments import services as payments_services
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    TariffAudience,
    WaitlistEntry,
)
from messaging.delivery import unsubscribe_token
from messaging.models import Message, MessageRecipient, MessageStatus, RecipientStatus
from proposals import services as proposal_services
from proposals.models import ProposalState
from proposals.outcomes.consolidation import services as consolidation_services
from proposals.outcomes.endorsements import services as endorsement_services
from proposals.outcomes.followup import services as followup_services
from proposals.outcomes.models import PolicyProposal, Revision
from proposals.outcomes.recording import services as outcome_services
from reports.models import BadgeGuest, Report, ReportScope, ReportStatus
from tests.factories import (
    CallFactory,
    CongressFactory,
    CriterionFactory,
    EndorsementPeriodFactory,
    MembershipFactory,
    OrderFactory,
    OrganisationFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    SessionTypeFactory,
    TariffFactory,
    TrackFactory,
    TrackRoleFactory,
    UserFactory,
    VenueFactory,
    WorkshopProposalFactory,
    make_participant,
)
from tests.factories.documents import pdf_upload
from tests.security.funding_world import add_funding
from tests.security.volunteer_world import add_volunteers
from tracks import services as track_services
from tracks.activities import mine as activity_mine
from tracks.activities import services as activity_services
from tracks.activity_proposals.models import ActivityProposal
from tracks.feedback.models import SurveyQuestion
from tracks.models import TrackRoleKind, WorkshopSignup
from tracks.press import services as press_services
from tracks.press.models import PressAccreditation
from tracks.speakers.models import SpeakerProfile
from tracks.stands.models import Stand, StandApplication


@dataclass
class World:
    users: dict = field(default_factory=dict)  # role -> User (no entry for "anonymous")
    objects: dict = field(default_factory=dict)  # name -> object

    def __getattr__(self, name):
        try:
            return self.__dict__["objects"][name]
        except KeyError:
            raise AttributeError(name) from None


def _order(congress, *, organisation, placed_by, tariff, people, method, state):
    order = OrderFactory(
        congress=congress,
        organisation=organisation,
        placed_by=placed_by,
        payment_method=method,
        state=state,
        total=tariff.price * len(people),
    )
    registrations = [
        RegistrationFactory(
            order=order,
            congress=congress,
            tariff=tariff,
            user=None,
            full_name=name,
            email=email,
            price=tariff.price,
        )
        for name, email in people
    ]
    return order, registrations


def _hours(session_start, hours):
    return session_start + timezone.timedelta(hours=hours)


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    # Card payment "configured" (no network is used): the webhook then checks signatures.
    settings.STRIPE_SECRET_KEY = "sk_test_matrix"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_test_matrix"
    # The mail provider's webhook exists (its token is set): a forged token is still refused.
    settings.MAIL_WEBHOOK_TOKEN = "mail-webhook-token-matrix"
    settings.MEDIA_ROOT = tmp_path / "media"  # generated report files
    w = World()
    o = w.objects
    billing = {
        "billing_name": "CCAS du Mans",
        "billing_address": "Place Saint-Pierre\n72000 Le Mans",
        "billing_siret": "26720181500011",
        "billing_iban": "FR76 3000 1007 9412 3456 7890 185",
        "billing_bic": "BDFEFRPPCCT",
    }
    o["edition"] = edition = CongressFactory(
        slug="matrix-edition", is_current=True, capacity=100, **billing
    )
    o["other_edition"] = other = CongressFactory(slug="matrix-other", **billing)
    o["draft_edition"] = CongressFactory(slug="matrix-draft", status=CongressStatus.DRAFT)

    # --- places, tracks, session types, tariffs, calls -------------------------------------
    o["venue"] = venue = VenueFactory(congress=edition)
    room_1, room_2 = RoomFactory(venue=venue), RoomFactory(venue=venue)
    o["venue_other"] = venue_other = VenueFactory(congress=other)
    room_other = RoomFactory(venue=venue_other)
    o["track_1"] = track_1 = TrackFactory(congress=edition, slug="track-1")
    o["track_2"] = track_2 = TrackFactory(congress=edition, slug="track-2")
    o["track_other"] = track_other = TrackFactory(congress=other, slug="track-other")
    o["workshop_type"] = workshop_type = SessionTypeFactory(congress=edition, slug="atelier")
    plenary_type = SessionTypeFactory(
        congress=edition, name="Plénière", slug="pleniere", is_workshop=False
    )
    o["type_other"] = type_other = SessionTypeFactory(congress=other, slug="atelier-autre")
    o["tariff"] = tariff = TariffFactory(congress=edition, name="Association", price=60)
    tariff_public = TariffFactory(
        congress=edition,
        name="Organisme public",
        price=Decimal("90.00"),
        audience=TariffAudience.PUBLIC_BODY,
    )
    o["tariff_other"] = tariff_other = TariffFactory(congress=other, name="Autre édition")
    o["call"] = call = CallFactory(congress=edition)
    criteria = [CriterionFactory(call=call, name=n) for n in ("Pertinence", "Transférabilité")]
    CallFactory(congress=other)

    # --- organisations and people ----------------------------------------------------------
    o["org_a"] = org_a = OrganisationFactory(
        name="Association A", slug="org-a", public_listing=False
    )
    o["org_b"] = org_b = OrganisationFactory(
        ccas=True, name="CCAS B", slug="org-b", public_listing=False
    )
    o["org_listed"] = OrganisationFactory(name="Association annuaire", slug="org-listed")
    o["org_orphaned"] = OrganisationFactory(
        name="Association orpheline", slug="org-orphaned", orphaned_at=timezone.now()
    )

    def member(organisation, role, name):
        membership = MembershipFactory(
            organisation=organisation, role=role, user=UserFactory(full_name=name)
        )
        return membership

    w.users["participant"] = participant = UserFactory(full_name="Paula Participante")
    o["participant_registration"] = make_participant(participant, edition)
    o["membership_member_a"] = member(org_a, MembershipRole.MEMBER, "Alice Membre-A")
    w.users["member_a"] = o["membership_member_a"].user
    w.users["manager_a"] = manager_a = member(
        org_a, MembershipRole.MANAGER, "Arthur Gestionnaire-A"
    ).user
    o["membership_member_b"] = member(org_b, MembershipRole.MEMBER, "Bruno Membre-B")
    w.users["member_b"] = member_b = o["membership_member_b"].user
    w.users["manager_b"] = manager_b = member(
        org_b, MembershipRole.MANAGER, "Béatrice Gestionnaire-B"
    ).user
    for role, track, kind in (
        ("reviewer_1", track_1, TrackRoleKind.REVIEWER),
        ("reviewer_2", track_2, TrackRoleKind.REVIEWER),
        ("moderator_1", track_1, TrackRoleKind.MODERATOR),
        ("moderator_2", track_2, TrackRoleKind.MODERATOR),
    ):
        w.users[role] = TrackRoleFactory(
            track=track, role=kind, user=UserFactory(full_name=role.replace("_", " "))
        ).user
    w.users["organiser"] = organiser = UserFactory(full_name="Olga Organisatrice")
    edition.organisers.add(organiser)
    w.users["organiser_other"] = UserFactory(full_name="Oscar Autre-Édition")
    other.organisers.add(w.users["organiser_other"])

    # --- programme: workshops in tracks 1 and 2, a plenary; sign-ups -----------------------
    o["workshop_1"] = ws_1 = SessionFactory(
        title="Atelier du thème un",
        congress=edition,
        session_type=workshop_type,
        track=track_1,
        room=room_1,
    )
    ws_1.moderators.add(w.users["moderator_1"])
    o["workshop_2"] = ws_2 = SessionFactory(
        title="Atelier du thème deux",
        congress=edition,
        session_type=workshop_type,
        track=track_2,
        room=room_2,
        starts_at=_hours(ws_1.starts_at, 3),
        ends_at=_hours(ws_1.starts_at, 4),
    )
    ws_2.moderators.add(w.users["moderator_2"])
    o["plenary"] = SessionFactory(
        congress=edition,
        session_type=plenary_type,
        room=room_1,
        starts_at=_hours(ws_1.starts_at, -2),
        ends_at=_hours(ws_1.starts_at, -1),
    )
    # Track 1's workshop with no outcome and no sign-up yet (after workshop 2, in room 1): what
    # an allowed write creates (an outcome, a sign-up) or deletes (the session itself).
    o["workshop_3"] = SessionFactory(
        title="Atelier du thème un, suite",
        congress=edition,
        session_type=workshop_type,
        track=track_1,
        room=room_1,
        starts_at=_hours(ws_1.starts_at, 5),
        ends_at=_hours(ws_1.starts_at, 6),
    )
    o["workshop_other"] = SessionFactory(
        congress=other, session_type=type_other, track=track_other, room=room_other
    )
    o["signup"] = WorkshopSignup.objects.create(session=ws_1, user=participant)
    attendee = UserFactory(full_name="Autre Participant")
    o["attendee_registration"] = make_participant(attendee, edition)
    o["attendee"] = attendee
    o["signup_of_attendee"] = WorkshopSignup.objects.create(session=ws_2, user=attendee)
    o["survey_question"] = SurveyQuestion.objects.create(
        congress=edition, label="Qu'avez-vous retenu ?", kind="short_text"
    )
    o["survey_question_other"] = SurveyQuestion.objects.create(
        congress=other, label="Question d'une autre édition", kind="short_text"
    )
    o["calendar_token"] = track_services.calendar_token(participant, edition)
    o["calendar_token_attendee"] = track_services.calendar_token(attendee, edition)

    # --- orders, registrations, invoices, waitlist -----------------------------------------
    o["order_a"], regs_a = _order(
        edition,
        organisation=org_a,
        placed_by=manager_a,
        tariff=tariff,
        people=[("Déléguée A1", "a1@example.org"), ("Délégué A2", "a2@example.org")],
        method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
    )
    o["registration_a"] = regs_a[0]
    o["invoice_a"] = payments_services.invoice_issue(order=o["order_a"])
    o["order_b"], regs_b = _order(
        edition,
        organisation=org_b,
        placed_by=manager_b,
        tariff=tariff_public,
        people=[("Délégué B1", "b1@example.org")],
        method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
    )
    o["registration_b"] = regs_b[0]
    o["invoice_b"] = payments_services.invoice_issue(order=o["order_b"])
    # A's own order in another edition: reachable only under that edition's URLs.
    o["order_other"], regs_other = _order(
        other,
        organisation=org_a,
        placed_by=manager_a,
        tariff=tariff_other,
        people=[("Délégué autre", "autre@example.org")],
        method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
    )
    o["registration_other"] = regs_other[0]
    o["invoice_other"] = payments_services.invoice_issue(order=o["order_other"])
    # --- on site: reviewer 2 also volunteers at the welcome desk; the participant came on
    # the first day, and so did A's first delegate (their certificates exist); A's delegate in
    # the other edition came there.
    o["desk_role"] = DeskRole.objects.create(congress=edition, user=w.users["reviewer_2"])
    # A person registered « à facturer » at each edition's desk, awaiting their invoice.
    o["walk_in_order"], _walk_ins = _order(
        edition, organisation=None, placed_by=w.users["reviewer_2"], tariff=tariff,
        people=[("Venue Sans Inscription", "")], method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
    )  # fmt: skip
    o["walk_in_order_other"], _walk_ins = _order(
        other, organisation=None, placed_by=w.users["reviewer_1"], tariff=tariff_other,
        people=[("Autre Sans Inscription", "")], method=PaymentMethod.INVOICE,
        state=OrderState.AWAITING_MANDATE,
    )  # fmt: skip
    Order.objects.filter(pk__in=[o["walk_in_order"].pk, o["walk_in_order_other"].pk]).update(
        walk_in=True
    )
    o["desk_role_other"] = DeskRole.objects.create(congress=other, user=w.users["reviewer_1"])
    o["check_in"] = CheckIn.objects.create(
        registration=o["participant_registration"], day=edition.start_date
    )
    o["check_in_a"] = CheckIn.objects.create(
        registration=o["registration_a"], day=edition.start_date
    )
    o["check_in_other"] = CheckIn.objects.create(
        registration=o["registration_other"], day=other.start_date
    )
    o["certificate_token"] = onsite_tokens.certificate_token(o["participant_registration"])
    # An edition held today (the world's edition is three months ahead): the same organiser and
    # desk check the other participant in there.
    today = timezone.localdate()
    o["today_edition"] = today_edition = CongressFactory(
        slug="matrix-today",
        start_date=today,
        end_date=today + timezone.timedelta(days=1),
        accepts_on_site=True,  # the desk may register a person who arrives without a registration
    )
    today_edition.organisers.add(organiser)
    DeskRole.objects.create(congress=today_edition, user=w.users["reviewer_2"])
    o["registration_today"] = make_participant(attendee, today_edition)
    # A full edition (one place, taken): what joining the waiting list needs.
    o["full_edition"] = full_edition = CongressFactory(slug="matrix-full", capacity=1)
    make_participant(attendee, full_edition)
    o["waitlist_entry"] = WaitlistEntry.objects.create(
        congress=edition, user=w.users["member_a"], organisation=org_a
    )
    o["waitlist_entry_b"] = WaitlistEntry.objects.create(
        congress=edition, user=member_b, organisation=org_b
    )
    o["waitlist_entry_other"] = WaitlistEntry.objects.create(
        congress=other, user=w.users["member_a"], organisation=org_a
    )

    # --- invitations -----------------------------------------------------------------------
    o["invitation_a"] = Invitation.objects.create(
        organisation=org_a, email="invitee-a@example.org", invited_by=manager_a
    )
    o["invitation_b"] = Invitation.objects.create(
        organisation=org_b, email="invitee-b@example.org", invited_by=manager_b
    )
    o["invitation_token_a"] = services.invitation_token(o["invitation_a"])

    # --- proposals and reviews -------------------------------------------------------------
    now = timezone.now()
    o["proposal_draft_a"] = WorkshopProposalFactory(
        title="Proposition A brouillon",
        congress=edition,
        organisation=org_a,
        track=track_1,
        created_by=w.users["member_a"],
    )
    o["proposal_submitted_a"] = WorkshopProposalFactory(
        title="Proposition A soumise",
        congress=edition,
        organisation=org_a,
        track=track_1,
        state=ProposalState.SUBMITTED,
        submitted_at=now,
    )
    o["proposal_accepted_a"] = WorkshopProposalFactory(
        title="Proposition A acceptée",
        congress=edition,
        organisation=org_a,
        track=track_1,
        state=ProposalState.ACCEPTED,
        submitted_at=now,
        decided_at=now,
        session=ws_1,
    )
    o["proposal_draft_b"] = WorkshopProposalFactory(
        title="Proposition B brouillon", congress=edition, organisation=org_b, track=track_1
    )
    o["proposal_submitted_b"] = WorkshopProposalFactory(
        title="Proposition B soumise",
        congress=edition,
        organisation=org_b,
        track=track_2,
        state=ProposalState.SUBMITTED,
        submitted_at=now,
    )
    o["proposal_other"] = WorkshopProposalFactory(
        title="Proposition A autre édition",
        congress=other,
        organisation=org_a,
        track=track_other,
        state=ProposalState.ACCEPTED,
        submitted_at=now,
        decided_at=now,
    )
    scores = {c.pk: 4 for c in criteria}
    o["review_1"] = proposal_services.review_save(
        proposal=o["proposal_submitted_a"], by=w.users["reviewer_1"], scores=scores
    )
    o["review_2"] = proposal_services.review_save(
        proposal=o["proposal_submitted_b"], by=w.users["reviewer_2"], scores=scores
    )

    # --- workshop outcomes, policy proposals, endorsements, follow-up ----------------------
    def record(session, by, prefix):
        outcome = outcome_services.outcome_save(
            session=session,
            by=by,
            version=0,
            submit=True,
            summary="Synthèse des échanges.",
            attendee_count=12,
            proposals=[
                {
                    "title": f"{prefix} {n}",
                    "statement": f"{prefix} {n} : ce qui doit changer.",
                    "rationale": "Constat partagé par les participants.",
                    "level": "national",
                }
                for n in ("validée", "soumise")
            ],
        )
        validated, submitted = PolicyProposal.objects.filter(outcome=outcome).order_by("rank")
        validated = consolidation_services.policy_proposal_validate(
            proposal=validated, by=organisers[session]
        )
        return outcome, validated, submitted

    organisers = {
        ws_1: organiser,
        ws_2: organiser,
        o["workshop_other"]: w.users["organiser_other"],
    }
    o["outcome_1"], o["policy_validated_1"], o["policy_submitted_1"] = record(
        ws_1, w.users["moderator_1"], "Piste 1"
    )
    o["outcome_2"], o["policy_validated_2"], o["policy_submitted_2"] = record(
        ws_2, w.users["moderator_2"], "Piste 2"
    )
    o["outcome_other"], o["policy_validated_other"], o["policy_submitted_other"] = record(
        o["workshop_other"], w.users["organiser_other"], "Autre édition"
    )
    for name in ("outcome_1", "outcome_2", "outcome_other"):
        o[f"{name}_revision"] = Revision.objects.filter(outcome=o[name]).order_by("pk").first()
    for name in ("policy_submitted_1", "policy_submitted_2", "policy_submitted_other"):
        o[f"{name}_revision"] = (
            Revision.objects.filter(policy_proposal=o[name]).order_by("pk").first()
        )
    EndorsementPeriodFactory(congress=edition)
    EndorsementPeriodFactory(congress=other)
    o["endorsement"] = endorsement_services.endorsement_create(
        proposal=o["policy_validated_1"], user=participant
    )
    o["endorsement_of_attendee"] = endorsement_services.endorsement_create(
        proposal=o["policy_validated_2"], user=attendee
    )
    o["followup"] = followup_services.followup_record(
        proposal=o["policy_validated_1"],
        by=organiser,
        status="sent",
        date=timezone.localdate(),
        institution="Assemblée nationale",
        document=pdf_upload("courrier.pdf"),
    )
    o["followup_other"] = followup_services.followup_record(
        proposal=o["policy_validated_other"],
        by=w.users["organiser_other"],
        status="sent",
        date=timezone.localdate(),
        institution="Sénat",
        document=pdf_upload("autre.pdf"),
    )

    # --- generated reports (one per edition, with its PDF) ---------------------------------
    for name, congress in (("report", edition), ("report_other", other)):
        report = Report(congress=congress, scope=ReportScope.FULL, status=ReportStatus.DONE)
        report.file.save(f"{congress.slug}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        report.save()
        o[name] = report

    # --- printed matter: a press badge per edition -----------------------------------------
    for name, congress in (("badge_guest", edition), ("badge_guest_other", other)):
        o[name] = BadgeGuest.objects.create(
            congress=congress, full_name="Jeanne Presse", role="press"
        )
    # --- messages: a draft in each edition, a sent one with a failure to retry -------------
    for name, congress, author in (
        ("message", edition, w.users["organiser"]),
        ("message_other", other, w.users["organiser_other"]),
    ):
        o[name] = Message.objects.create(
            congress=congress, created_by=author, audience="delegates",
            audience_label="Toutes les personnes inscrites", subject_fr="Infos pratiques",
            body_fr="Bonjour {prenom}",
        )  # fmt: skip
    o["message_sent"] = Message.objects.create(
        congress=edition, created_by=w.users["organiser"], audience="delegates",
        subject_fr="Déjà envoyé", body_fr="Bonjour", status=MessageStatus.SENT,
    )  # fmt: skip
    MessageRecipient.objects.create(message=o["message_sent"], email="echec@example.org",
                                    full_name="Adresse en échec", status=RecipientStatus.FAILED)  # fmt: skip
    o["unsubscribe_token"] = unsubscribe_token(w.users["participant"].email)
    add_funding(w)  # calls for projects and funder meetings (issue 16)
    add_volunteers(w)
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
    return w
