"""Partners and co-organisers of an edition (issue 15): name, link, logo and level, shown on
the edition's page. Organisers manage them in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from congress.core.images import ImageRule, validate_image

MAX_LOGO_BYTES = 500 * 1024


LOGO_RULE = ImageRule(
    max_bytes=MAX_LOGO_BYTES,
    formats={"PNG": (".png",), "JPEG": (".jpg", ".jpeg")},
    too_large=_("Le logo dépasse 500 Ko."),
    unreadable=_("Le logo doit être une image PNG ou JPEG."),
    wrong_kind=_("Le logo doit être une image PNG ou JPEG."),
)


def validate_logo(file) -> None:
    """A PNG or JPEG image (by content), at most 500 KB (SVG is refused: it can carry scripts)."""
    validate_image(file, LOGO_RULE)


class PartnerLevel(models.TextChoices):
    CO_ORGANISER = "co_organiser", _("Co-organisateur")
    HOST = "host", _("Lieu d'accueil")
    PARTNER = "partner", _("Partenaire")
    SUPPORTER = "supporter", _("Soutien")


class Partner(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="partners"
    )
    name = models.CharField(_("nom"), max_length=200)
    level = models.CharField(
        _("niveau"), max_length=12, choices=PartnerLevel.choices, default=PartnerLevel.PARTNER
    )
    url = models.URLField(_("site web"), blank=True)
    logo = models.FileField(
        _("logo"),
        upload_to="partners/",
        blank=True,
        validators=[validate_logo],
        help_text=_("PNG ou JPEG, 500 Ko au plus."),
    )
    position = models.PositiveSmallIntegerField(_("ordre d'affichage"), default=0)
    # The partner's account on the site: the managers of this organisation propose activities
    # for the partner's own places (``Venue.host``), which organisers accept or refuse.
    organisation = models.ForeignKey(
        "congress.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnerships",
        verbose_name=_("organisation sur le site"),
        help_text=_("Ses gestionnaires proposent des activités dans les lieux du partenaire."),
    )

    class Meta:
        verbose_name = _("partenaire")
        verbose_name_plural = _("partenaires")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name
