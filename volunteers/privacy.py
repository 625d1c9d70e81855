"""Personal data of volunteering (GDPR export and erasure): the volunteer profile, training
bookings and attendance, mission applications and hours, shifts picked."""

from django.utils import timezone

from volunteers.models import MissionApplication, ShiftSignup, TrainingBooking, VolunteerProfile
from volunteers.services import training_cancel


def export(user) -> dict:
    profile = VolunteerProfile.objects.filter(user=user).first()
    return {
        "volunteer_profile": profile
        and {
            "availability": profile.availability,
            "skills": profile.skills,
            "languages": profile.languages,
            "accessibility_needs": profile.accessibility_needs,
            "created_at": profile.created_at.isoformat(),
        },
        "training_bookings": [
            {
                "training": b.session.training.title,
                "starts_at": b.session.starts_at.isoformat(),
                "status": b.status,
                "attended": b.attended,
            }
            for b in TrainingBooking.objects.filter(user=user).select_related("session__training")
        ],
        "mission_applications": [
            {
                "mission": a.mission.title,
                "organisation": a.mission.organisation.name,
                "starts_at": a.mission.starts_at.isoformat(),
                "message": a.message,
                "status": a.status,
                "hours": str(a.hours) if a.hours is not None else None,
            }
            for a in MissionApplication.objects.filter(user=user).select_related(
                "mission__organisation"
            )
        ],
        "volunteer_shifts": [
            {
                "congress": s.shift.congress.name,
                "shift": s.shift.title,
                "starts_at": s.shift.starts_at.isoformat(),
            }
            for s in ShiftSignup.objects.filter(user=user).select_related("shift__congress")
        ],
    }


def erase(user) -> None:
    # The person's places go back to others; nothing of theirs is kept (hours included: the
    # association's own records are outside the site).
    ShiftSignup.objects.filter(user=user).delete()
    MissionApplication.objects.filter(user=user).delete()
    upcoming = TrainingBooking.objects.filter(user=user, session__starts_at__gt=timezone.now())
    for booking in upcoming:
        training_cancel(booking=booking, by=user)  # the first person waiting gets the place
    TrainingBooking.objects.filter(user=user).delete()
    VolunteerProfile.objects.filter(user=user).delete()
    user.trainings_given.update(trainer=None)
