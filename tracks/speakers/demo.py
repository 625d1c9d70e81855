"""The Soirée de l'engagement's conference speakers (issue 15): three fictional people, confirmed
by the organisers a fortnight before the evening, linked to the two conferences, whose speakers
text names them."""

from datetime import timedelta

from congress.core.seeding import DemoContext, moment, spread
from congress.editions.models import Congress
from tracks.models import Session
from tracks.speakers.models import SpeakerProfile
from tracks.stands.demo import SLUG

RESILIENCE = "Les Volontaires de Paris et la résilience"
PASSPORT = "Valoriser l'engagement associatif et citoyen"

# name, function, organisation, bio, the conference they speak in (fictional people)
SPEAKERS = [
    ("Claire Vasseur (fictive)", "Coordinatrice des volontaires", "Volontaires de Paris (démo)",
     "Coordonne depuis 2020 les volontaires mobilisés lors des crises (canicules, crues).", RESILIENCE),
    ("Mamadou Keïta (fictif)", "Chercheur en sociologie de l'engagement", "Université (démo)",
     "Étudie les parcours d'engagement bénévole des jeunes adultes.", RESILIENCE),
    ("Hélène Marchand (fictive)", "Présidente", "Réseau associatif parisien (démo)",
     "Porte auprès des associations le projet de passeport de l'engagement.", PASSPORT),
]  # fmt: skip


def seed(ctx: DemoContext) -> None:
    congress = Congress.objects.filter(slug=SLUG).first()
    if congress is None:
        return
    confirmed = moment(congress.start_date - timedelta(days=14), 11)
    for name, function, organisation, bio, conference in SPEAKERS:
        profile, created = SpeakerProfile.objects.get_or_create(
            congress=congress,
            name=name,
            defaults=dict(function=function, organisation_name=organisation, bio=bio,
                          confirmed_at=confirmed),
        )  # fmt: skip
        if created:
            profile.sessions.set(
                Session.objects.filter(congress=congress, title__startswith=conference)
            )
    _speaker_lines(congress)
    first = moment(congress.start_date - timedelta(days=30))
    spread(SpeakerProfile.objects.filter(congress=congress), ["created_at"], first,
           first + timedelta(days=10))  # fmt: skip


def _speaker_lines(congress) -> None:
    """Each conference's speakers text (the programme, the evening's timeline, the printed
    programme) written from its profiles, one « Nom, fonction, organisation » line each, as
    proposal_schedule writes a workshop's: the same people everywhere, and the organisers'
    import finds every line already has its profile. A text already written is kept."""
    for session in Session.objects.filter(congress=congress, speakers=""):
        profiles = session.speaker_profiles.order_by("pk")
        lines = [
            ", ".join(part for part in (p.name, p.function, p.organisation_name) if part)
            for p in profiles
        ]
        if lines:
            session.speakers = "\n".join(lines)
            session.save(update_fields=["speakers"])
