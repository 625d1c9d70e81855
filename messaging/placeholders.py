"""The placeholders organisers may put in a message: `{prenom}`, `{nom}`... checked when the
message is written (an unknown one is an error then, never at send) and filled per recipient."""

import re

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.core.mail import site_url

PATTERN = re.compile(r"\{([^{}\s]{1,40})\}")

PLACEHOLDERS = {
    "prenom": gettext_lazy("le prénom de la personne"),
    "nom": gettext_lazy("son nom complet"),
    "organisation": gettext_lazy("son organisation (vide si aucune)"),
    "reference_commande": gettext_lazy("la référence de sa commande (vide si aucune)"),
    "lien_programme": gettext_lazy("le lien vers son programme personnel"),
    "edition": gettext_lazy("le nom de l'édition"),
}


def unknown_placeholders(*texts: str) -> list[str]:
    names = []
    for text in texts:
        for name in PATTERN.findall(text or ""):
            if name not in PLACEHOLDERS and name not in names:
                names.append(name)
    return names


def check_placeholders(text: str) -> None:
    unknown = unknown_placeholders(text)
    if unknown:
        raise ValidationError(
            _("Champ inconnu : %(names)s. Champs possibles : %(known)s.")
            % {
                "names": ", ".join(f"{{{name}}}" for name in unknown),
                "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )


def values_for(recipient, congress) -> dict[str, str]:
    full_name = " ".join(recipient.full_name.split())
    return {
        "prenom": full_name.split(" ")[0] if full_name else "",
        "nom": full_name,
        "organisation": recipient.organisation,
        "reference_commande": recipient.order_reference,
        "lien_programme": site_url(reverse("my_programme", args=[congress.slug])),
        "edition": congress.name,
    }


def fill(text: str, values: dict[str, str]) -> str:
    """Replace every known placeholder; anything else in braces is left as written."""
    return PATTERN.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def one_line(text: str) -> str:
    """A subject on one line whatever the values put in it (no header injection)."""
    return " ".join(text.split())
