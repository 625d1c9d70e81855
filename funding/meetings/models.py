"""Funder meetings: funders, wishes to meet, the room's grid and the meetings it holds."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from congress.editions.models import Congress
from congress.organisations.models import Organisation

__all__ = ["Funder", "Meeting", "MeetingGrid", "MeetingOutcome", "MeetingWish"]


class Funder(models.Model):
    """An organisation registered as a funder for the meetings of an edition."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="funders")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="funder_profiles",
        verbose_name=_("organisation"),
    )  # fmt: skip
    funds = models.TextField(_("ce que vous financez"))
    themes = models.CharField(_("thèmes"), max_length=255, blank=True)
    ticket_min = models.PositiveIntegerField(_("ticket minimal (€)"), null=True, blank=True)
    ticket_max = models.PositiveIntegerField(_("ticket maximal (€)"), null=True, blank=True)
    table = models.PositiveSmallIntegerField(_("table"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("financeur")
        verbose_name_plural = _("financeurs")
        ordering = ["congress", "organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "organisation"], name="funder_unique"),
            models.UniqueConstraint(fields=["congress", "table"], name="funder_table_unique"),
            models.CheckConstraint(
                condition=Q(ticket_min__isnull=True)
                | Q(ticket_max__isnull=True)
                | Q(ticket_min__lte=F("ticket_max")),
                name="funder_ticket_range",
            ),
        ]

    def __str__(self):
        return self.organisation.name

    def clean(self):
        if self.ticket_min and self.ticket_max and self.ticket_min > self.ticket_max:
            raise ValidationError(
                {"ticket_max": _("Le ticket maximal doit être au moins le ticket minimal.")}
            )


class MeetingWish(models.Model):
    """A wish to meet, from the project holder, from the funder, or both (mutual)."""

    application = models.ForeignKey(
        "funding.Application", on_delete=models.CASCADE, related_name="meeting_wishes"
    )
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="wishes")
    from_holder = models.BooleanField(default=False)
    from_funder = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("souhait de rencontre")
        verbose_name_plural = _("souhaits de rencontre")
        constraints = [
            models.UniqueConstraint(fields=["application", "funder"], name="wish_unique"),
        ]

    def __str__(self):
        return f"{self.application} – {self.funder}"

    @property
    def mutual(self) -> bool:
        return self.from_holder and self.from_funder


class MeetingGrid(models.Model):
    """The room's grid: one day, slots of a fixed length between two hours, breaks, tables."""

    congress = models.OneToOneField(Congress, on_delete=models.CASCADE, related_name="meeting_grid")
    day = models.DateField(_("jour"))
    starts_at = models.TimeField(_("début"))
    ends_at = models.TimeField(_("fin"))
    slot_minutes = models.PositiveSmallIntegerField(
        _("durée d'un rendez-vous (minutes)"),
        default=15,
        validators=[MinValueValidator(5), MaxValueValidator(120)],
    )
    breaks = models.CharField(
        _("pauses"),
        max_length=200,
        blank=True,
        help_text=_("Créneaux sans rendez-vous, au format 15:30-15:45, séparés par des virgules."),
    )
    tables = models.PositiveSmallIntegerField(
        _("nombre de tables"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    built_at = models.DateTimeField(_("planning généré le"), null=True, blank=True)

    class Meta:
        verbose_name = _("grille des rendez-vous")
        verbose_name_plural = _("grilles des rendez-vous")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_grid_ends_after_start"
            )
        ]

    def __str__(self):
        return str(self.congress)


class MeetingOutcome(models.TextChoices):
    FOLLOW_UP = "follow_up", _("Suite souhaitée")
    INVITED = "invited", _("Candidature invitée")
    NONE = "none", _("Pas de suite")


class Meeting(models.Model):
    """One meeting: a project holder at a funder's table during one slot of the grid."""

    grid = models.ForeignKey(MeetingGrid, on_delete=models.CASCADE, related_name="meetings")
    funder = models.ForeignKey(Funder, on_delete=models.CASCADE, related_name="meetings")
    application = models.ForeignKey(
        "funding.Application", on_delete=models.CASCADE, related_name="meetings"
    )
    slot = models.PositiveSmallIntegerField(_("créneau"))
    mutual = models.BooleanField(default=False)
    holder_outcome = models.CharField(
        _("suite donnée par le porteur"), max_length=10, choices=MeetingOutcome.choices, blank=True
    )
    funder_outcome = models.CharField(
        _("suite donnée par le financeur"),
        max_length=10,
        choices=MeetingOutcome.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("rendez-vous")
        verbose_name_plural = _("rendez-vous")
        ordering = ["grid", "slot", "funder__table"]
        constraints = [
            models.UniqueConstraint(fields=["funder", "slot"], name="meeting_funder_slot"),
            models.UniqueConstraint(fields=["application", "slot"], name="meeting_holder_slot"),
            models.UniqueConstraint(fields=["application", "funder"], name="meeting_pair"),
        ]

    def __str__(self):
        return f"{self.slot}: {self.application} – {self.funder}"
