"""The invitation letter: the organisers' text, or a default one written from the edition."""

from django.urls import reverse
from django.utils.translation import gettext as _

from congress.core.french import format_date, in_city
from congress.editions.models import Congress
from reports.printed.models import InvitationLetter


def edition_dates(congress: Congress) -> str:
    if congress.start_date == congress.end_date:
        return format_date(congress.start_date, "l j F Y")
    return _("du %(start)s au %(end)s") % {
        "start": format_date(congress.start_date, "l j F"),
        "end": format_date(congress.end_date, "l j F Y"),
    }


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
    paragraphs.append(
        _(
            "Associations, CCAS, collectivités, professionnels et bénévoles : vous êtes "
            "invités à partager vos pratiques et à construire ensemble des propositions "
            "adressées aux décideurs. Inscriptions en ligne : %(url)s"
        )
        % {"url": register_url}
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
    register_url = base_url + reverse("registration_start", kwargs={"slug": congress.slug})
    return default_letter(congress, tracks=tracks, venues=venues, register_url=register_url)
