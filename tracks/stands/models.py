"""Stands of an evening: an association or a municipal service, where it stands in the hall."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.core.images import ImageRule, validate_image
from congress.core.storage import private_storage

HALL_PLAN_RULE = ImageRule(
    max_bytes=3 * 1024 * 1024,
    formats={"PNG": (".png",), "JPEG": (".jpg", ".jpeg"), "WEBP": (".webp",)},
    check_name=True,
    max_pixels=(6000, 6000),
    too_large=_("Le plan dépasse 3 Mo."),
    unreadable=_("Ce fichier n'est pas une image PNG, JPEG ou WebP lisible."),
    wrong_kind=_("Seules les images PNG, JPEG ou WebP sont acceptées."),
    too_many_pixels=_("L'image est trop grande : 6000 × 6000 pixels au plus."),
)


def validate_hall_plan(file) -> None:
    """The hall plan: a PNG, JPEG or WebP image (by name and content), 3 MB at most."""
    validate_image(file, HALL_PLAN_RULE)


class StandHolderKind(models.TextChoices):
    ASSOCIATION = "association", _("Association")
    MUNICIPAL = "municipal", _("Service municipal")
    PLACE = "place", _("Lieu de l'engagement")


class Stand(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="stands"
    )
    name = models.CharField(_("exposant"), max_length=200)
    holder_kind = models.CharField(
        _("genre d'exposant"), max_length=12, choices=StandHolderKind.choices
    )
    description = models.TextField(_("présentation"), blank=True)
    themes = models.CharField(_("thèmes"), max_length=200, blank=True)
    number = models.CharField(_("numéro de stand"), max_length=10, blank=True)
    location = models.CharField(
        _("emplacement"), max_length=120, blank=True, help_text=_("Par exemple : Salon des Arcades")
    )

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        ordering = ["congress", "number", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "number"],
                condition=~Q(number=""),
                name="stand_unique_number_per_edition",
            ),
        ]

    def __str__(self):
        return f"{self.number} {self.name}".strip()


class StandSurface(models.TextChoices):
    SMALL = "small", _("Petit : 2 m² (une table)")
    MEDIUM = "medium", _("Moyen : 4 m²")
    LARGE = "large", _("Grand : 6 m² et plus")


class StandApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Reçue")
    ACCEPTED = "accepted", _("Acceptée")
    WAITLISTED = "waitlisted", _("En liste d'attente")
    REFUSED = "refused", _("Refusée")
    WITHDRAWN = "withdrawn", _("Retirée par l'exposant")


class StandHall(models.Model):
    """The organisers' settings of an evening's stands: how many the hall holds, what the
    exhibitors' guide tells them."""

    congress = models.OneToOneField(
        "congress.Congress", on_delete=models.CASCADE, related_name="stand_hall"
    )
    capacity = models.PositiveIntegerField(_("nombre de stands"), default=50)
    exhibitor_information = models.TextField(
        _("informations pratiques pour les exposants"),
        blank=True,
        help_text=_("Installation, accès des véhicules, démontage… : reprises dans le guide."),
    )

    # The plan of the hall (issue 15): an image with the numbered positions, private until the
    # organisers publish it (served by a view that checks), with its text alternative.
    plan_image = models.FileField(
        _("plan de la salle"),
        upload_to="stands/plans/",
        storage=private_storage,
        blank=True,
        validators=[validate_hall_plan],
        help_text=_("PNG, JPEG ou WebP, 3 Mo au plus, avec les numéros des stands."),
    )
    plan_description = models.TextField(
        _("description du plan"),
        blank=True,
        help_text=_(
            "Lue à la place de l'image (texte alternatif) : les zones et leur disposition, "
            "en quelques phrases. La liste des stands par zone reste affichée sous le plan."
        ),
    )
    plan_published = models.BooleanField(
        _("plan publié"),
        default=False,
        help_text=_("Tant qu'il n'est pas publié, seuls les organisateurs voient le plan."),
    )

    class Meta:
        verbose_name = _("salle des stands")
        verbose_name_plural = _("salles des stands")
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gt=0), name="stand_hall_capacity_positive")
        ]

    def __str__(self):
        return str(self.congress)

    def clean(self):
        if self.plan_image and not self.plan_description.strip():
            raise ValidationError(
                {"plan_description": _("Décrivez le plan : ce texte est lu à la place de l'image.")}
            )


class StandApplication(models.Model):
    """An association or a service applies for a stand; organisers accept it (a Stand is then
    created, numbered and placed), put it on the waiting list or refuse it."""

    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="stand_applications"
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="stand_applications",
    )
    name = models.CharField(_("exposant"), max_length=200)
    holder_kind = models.CharField(
        _("genre d'exposant"), max_length=12, choices=StandHolderKind.choices
    )
    contact_email = models.EmailField(_("adresse e-mail de contact"))
    description = models.TextField(_("ce que vous présenterez"))
    themes = models.CharField(_("thèmes"), max_length=200, blank=True)
    needs_electricity = models.BooleanField(_("besoin d'électricité"), default=False)
    needs_table = models.BooleanField(_("besoin d'une table"), default=True)
    surface = models.CharField(
        _("surface"), max_length=6, choices=StandSurface.choices, default=StandSurface.SMALL
    )
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=StandApplicationStatus.choices,
        default=StandApplicationStatus.SUBMITTED,
    )
    stand = models.OneToOneField(
        Stand, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("demande de stand")
        verbose_name_plural = _("demandes de stand")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "applicant", "name"],
                name="stand_application_once_per_exhibitor",
            )
        ]

    def __str__(self):
        return self.name
