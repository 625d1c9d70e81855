"""Reads of speakers' profiles: the public page (confirmed, French collation), a session's
speakers, the organisers' list."""

from django.db.models import Prefetch, QuerySet

from congress.core.collation import by_name
from tracks.models import Session
from tracks.speakers.models import SpeakerProfile


def _with_sessions(profiles: QuerySet) -> QuerySet:
    sessions = Session.objects.order_by("starts_at", "title")
    return profiles.prefetch_related(Prefetch("sessions", queryset=sessions))


def public_speakers(congress) -> QuerySet:
    profiles = SpeakerProfile.objects.filter(congress=congress, confirmed_at__isnull=False)
    return _with_sessions(profiles.order_by(*by_name("name"), "pk"))


def session_speakers(session) -> list[SpeakerProfile]:
    return list(
        session.speaker_profiles.filter(confirmed_at__isnull=False).order_by(*by_name("name"))
    )


def staff_speakers(congress) -> QuerySet:
    profiles = SpeakerProfile.objects.filter(congress=congress).select_related("user")
    return _with_sessions(profiles.order_by("confirmed_at", *by_name("name"), "pk"))
