"""Stands of an evening: an association or a municipal service, where it stands in the hall."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


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
