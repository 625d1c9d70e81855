"""The invitation letter: the organisers' text, or a default one written from the edition."""

from typing import NamedTuple

from django.urls import reverse
from django.utils.translation import gettext as _

from congress.core.french import format_date, in_city
from congress.editions.kinds import EditionKind
from congress.editions.models import Congress
from reports.printed.models import InvitationLetter


def edition_dates(congress: Congress) -> str:
    if congress.start_date == congress.end_date:
        return format_date(congress.start_date, "l j F Y")
    return _("du %(start)s au %(end)s") % {
        "start": format_date(congress.start_date, "l j F"),
        "end": format_date(congress.end_date, "l j F Y"),
    }


class RegistrationRoute(NamedTuple):
    url_name: str  # takes the edition's slug
    label: str  # the button's
    text: str  # the sentence that explains it


def registration_route(congress: Congress) -> RegistrationRoute:
    """Where a reader of the invitation registers, by what the edition offers (share page and
    letter).

    A congress sells places to delegates (its registration form); an evening asks every guest
    to register for the evening itself; a public programme is free and open, each activity with
    its own sign-up where it has places to count, so the reader goes to the programme."""
    if congress.feature_on("paid_registration"):
        return RegistrationRoute(
            "registration_start",
            _("S'inscrire"),
            _("L'inscription se fait en ligne, seul ou par son organisation."),
        )
    if congress.feature_on("activity_signup") and congress.kind == EditionKind.EVENING:
        return RegistrationRoute(
            "evening_register",
            _("S'inscrire à la soirée"),
            _("Entrée gratuite, inscription obligatoire dans la limite des places disponibles."),
        )
    return RegistrationRoute(
        "activity_programme",
        _("Voir le programme"),
        _(
            "Gratuit et ouvert à tous : certaines activités demandent une inscription, "
            "à faire depuis leur page dans le programme."
        ),
    )


def default_letter(congress: Congress, *, tracks, venues, register_url: str) -> str:
    """A letter in plain paragraphs, from the edition's own data."""
    place = venues[0].name + ", " + in_city(venues[0].city) if venues else in_city(congress.city)
    paragraphs = [
        _("Madame, Monsieur,"),
        _(
            "Nous avons le plaisir de vous inviter à « %(name)s », qui se tiendra %(dates)s, "
            "%(place)s."
        )
        % {
            "name": congress.name,
            "dates": edition_dates(congress),
            "place": place,
        },
    ]
    if congress.description:
        paragraphs.append(congress.description.strip())
    if tracks:
        paragraphs.append(
            _("Les ateliers s'organisent autour de ces thèmes : %(tracks)s.")
            % {"tracks": ", ".join(track.name for track in tracks)}
        )
    if congress.fil_rouge:
        paragraphs.append(_("Fil rouge : « %(question)s »") % {"question": congress.fil_rouge})
    if congress.kind == EditionKind.CONGRESS:
        paragraphs.append(
            _(
                "Associations, CCAS, collectivités, professionnels et bénévoles : vous êtes "
                "invités à partager vos pratiques et à construire ensemble des propositions "
                "adressées aux décideurs. Inscriptions en ligne : %(url)s"
            )
            % {"url": register_url}
        )
    else:
        paragraphs.append(
            _("%(how)s En ligne : %(url)s")
            % {"how": registration_route(congress).text, "url": register_url}
        )
    paragraphs.append(
        _("N'hésitez pas à transmettre cette invitation autour de vous. Contact : %(email)s")
        % {"email": congress.contact_email}
    )
    if congress.motto:
        paragraphs.append(f"« {congress.motto} »")
    paragraphs.append(congress.organiser_name or _("Le comité d'organisation"))
    return "\n\n".join(paragraphs)


def letter_text(congress: Congress, *, tracks, venues, base_url: str) -> str:
    letter = InvitationLetter.objects.filter(congress=congress).first()
    if letter is not None:
        return letter.body
    register_url = base_url + reverse(registration_route(congress).url_name, args=[congress.slug])
    return default_letter(congress, tracks=tracks, venues=venues, register_url=register_url)
