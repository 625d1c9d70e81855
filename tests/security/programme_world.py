"""The congress programme of the permission matrix's world: workshops in tracks 1 and 2, a
plenary, a workshop of the other edition, sign-ups, survey questions and calendar tokens."""

from tests.factories import SessionFactory, UserFactory, make_participant
from tests.security.world import hours_after
from tracks import services as track_services
from tracks.feedback.models import SurveyQuestion
from tracks.models import WorkshopSignup


def add_programme(w) -> None:
    """Workshops, a plenary, sign-ups, survey questions and calendar tokens."""
    o = w.objects
    edition, other = o["edition"], o["other_edition"]
    track_1, track_2, track_other = o["track_1"], o["track_2"], o["track_other"]
    workshop_type, plenary_type, type_other = o["workshop_type"], o["plenary_type"], o["type_other"]
    room_1, room_2, room_other = o["room_1"], o["room_2"], o["room_other"]
    participant = w.users["participant"]
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
        starts_at=hours_after(ws_1.starts_at, 3),
        ends_at=hours_after(ws_1.starts_at, 4),
    )
    ws_2.moderators.add(w.users["moderator_2"])
    o["plenary"] = SessionFactory(
        congress=edition,
        session_type=plenary_type,
        room=room_1,
        starts_at=hours_after(ws_1.starts_at, -2),
        ends_at=hours_after(ws_1.starts_at, -1),
    )
    # Track 1's workshop with no outcome and no sign-up yet (after workshop 2, in room 1): what
    # an allowed write creates (an outcome, a sign-up) or deletes (the session itself).
    o["workshop_3"] = SessionFactory(
        title="Atelier du thème un, suite",
        congress=edition,
        session_type=workshop_type,
        track=track_1,
        room=room_1,
        starts_at=hours_after(ws_1.starts_at, 5),
        ends_at=hours_after(ws_1.starts_at, 6),
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
