"""Reads of missions: the open missions and how well they match a volunteer."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from volunteers.models import DAYS, ApplicationStatus, Mission, MissionApplication
from volunteers.selectors import trainings_followed_ids


def open_missions():
    """Missions still to come, with their number of accepted volunteers."""
    return (
        Mission.objects.filter(starts_at__gt=timezone.now())
        .select_related("organisation", "required_training")
        .annotate(
            accepted=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED)
            )
        )
        .order_by("starts_at", "pk")
    )


def mission_slot(mission) -> str:
    """The half-day a mission starts in (« tue_am »), to compare with availability."""
    start = timezone.localtime(mission.starts_at)
    return f"{DAYS[start.weekday()]}_{'am' if start.hour < 13 else 'pm'}"


@dataclass(frozen=True)
class Match:
    available: bool
    skilled: bool
    trained: bool

    @property
    def full(self) -> bool:
        return self.available and self.skilled and self.trained


def match(mission, profile, followed: set[int]) -> Match:
    """Does the mission suit this volunteer: free then, a skill asked (if any), the training
    required (if any) followed."""
    return Match(
        available=mission_slot(mission) in set(profile.availability),
        skilled=not mission.skills or bool(set(mission.skills) & set(profile.skills)),
        trained=mission.required_training_id is None or mission.required_training_id in followed,
    )


def missions_for(user):
    """Open missions, each with `.match` for a volunteer (None for others), matching first."""
    missions = list(open_missions())
    profile = getattr(user, "volunteer_profile", None) if user.is_authenticated else None
    if profile is None:
        for mission in missions:
            mission.match = None
        return missions
    followed = trainings_followed_ids(user)
    applied = set(MissionApplication.objects.filter(user=user).values_list("mission_id", flat=True))
    for mission in missions:
        mission.match = match(mission, profile, followed)
        mission.applied = mission.pk in applied
    return sorted(missions, key=lambda m: not m.match.full)


def mission_applications(mission):
    return mission.applications.select_related("user__volunteer_profile").order_by(
        "created_at", "pk"
    )


def commitment(user) -> dict:
    """The « passeport de l'engagement »: missions done with their hours, and the total."""
    done = list(
        MissionApplication.objects.filter(
            user=user, status=ApplicationStatus.ACCEPTED, hours__isnull=False
        )
        .select_related("mission__organisation")
        .order_by("mission__starts_at")
    )
    return {"missions": done, "hours": sum((a.hours for a in done), Decimal(0))}


def organisation_missions(organisation):
    """An association's missions, soonest first, with their applications (and who applied) and
    the counts per answer, for the managers' list."""
    applications = MissionApplication.objects.select_related("user").order_by("created_at", "pk")
    return (
        Mission.objects.filter(organisation=organisation)
        .select_related("required_training")
        .prefetch_related(Prefetch("applications", queryset=applications))
        .annotate(
            pending=Count("applications", filter=Q(applications__status=ApplicationStatus.PENDING)),
            accepted=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED)
            ),
        )
        .order_by("starts_at", "pk")
    )
