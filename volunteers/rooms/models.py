"""Rooms a place (la Fabrique de la Solidarité) lends to associations for their drop-in hours
and meetings: the rooms with their rules, weekly recurring bookings and their dated slots (the
no-double-booking rule is checked, and constrained, on the slots). Registered under the
`volunteers` label by volunteers/models.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

WEEKDAYS = [
    (0, _("lundi")), (1, _("mardi")), (2, _("mercredi")), (3, _("jeudi")), (4, _("vendredi")),
    (5, _("samedi")), (6, _("dimanche")),
]  # fmt: skip


def all_weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]


class LentRoom(models.Model):
    place = models.ForeignKey(
        "congress.Organisation",
        on_delete=models.CASCADE,
        related_name="lent_rooms",
        verbose_name=_("lieu"),
    )
    name = models.CharField(_("nom"), max_length=120)
    capacity = models.PositiveIntegerField(_("capacité (personnes)"))
    opens_at = models.TimeField(_("ouverture"))
    closes_at = models.TimeField(_("fermeture"))
    open_days = models.JSONField(
        _("jours d'ouverture (0 = lundi)"), default=all_weekdays, blank=True
    )
    description = models.TextField(_("présentation"), blank=True)
    is_active = models.BooleanField(
        _("prêtée aux associations"), default=True,
        help_text=_("Une salle retirée n'accepte plus de demandes ; ses réservations restent."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("salle prêtée")
        verbose_name_plural = _("salles prêtées")
        ordering = ["place", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["place", "name"], name="lentroom_name_once"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="lentroom_closes_after_open"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="lentroom_holds_someone"),
        ]

    def __str__(self):
        return self.name

    @property
    def open_day_names(self) -> list[str]:
        names = dict(WEEKDAYS)
        return [str(names[d]) for d in sorted(self.open_days) if d in names]


class BookingState(models.TextChoices):
    PENDING = "pending", _("En attente de réponse du lieu")
    APPROVED = "approved", _("Acceptée")
    REFUSED = "refused", _("Refusée")


class RoomBooking(models.Model):
    """A weekly booking: the same weekday and hours, every week from `first_date` to
    `last_date` (a single date when they are equal). It is a request until a manager of the
    place approves it: only then are its dated slots made, and they alone hold the room."""

    room = models.ForeignKey(LentRoom, on_delete=models.CASCADE, related_name="bookings")
    organisation = models.ForeignKey(
        "congress.Organisation", on_delete=models.CASCADE, related_name="room_bookings"
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    title = models.CharField(_("objet"), max_length=200)
    attendees = models.PositiveIntegerField(_("personnes attendues"))
    is_public = models.BooleanField(_("ouvert au public (affiché dans l'agenda du lieu)"))
    first_date = models.DateField(_("première date"))
    last_date = models.DateField(_("dernière date"))
    start_time = models.TimeField(_("début"))
    end_time = models.TimeField(_("fin"))
    created_at = models.DateTimeField(auto_now_add=True)
    state = models.CharField(
        _("état"), max_length=10, choices=BookingState.choices, default=BookingState.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(_("motif du refus"), blank=True)

    class Meta:
        verbose_name = _("réservation de salle")
        verbose_name_plural = _("réservations de salles")
        ordering = ["first_date", "start_time", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="roombooking_ends_after"
            ),
            models.CheckConstraint(
                condition=Q(last_date__gte=models.F("first_date")), name="roombooking_dates_order"
            ),
            models.CheckConstraint(
                condition=~Q(state="refused") | ~Q(refusal_reason=""),
                name="roombooking_refusal_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.room})"

    @property
    def weeks(self) -> int:
        return (self.last_date - self.first_date).days // 7 + 1


class RoomSlot(models.Model):
    """One dated occurrence of a booking. Two slots of a room never start at the same moment
    (the constraint backs the check made under the room's lock)."""

    booking = models.ForeignKey(RoomBooking, on_delete=models.CASCADE, related_name="slots")
    room = models.ForeignKey(LentRoom, on_delete=models.CASCADE, related_name="slots")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["room", "starts_at"], name="roomslot_once_per_start"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="roomslot_ends_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.room} {self.starts_at:%Y-%m-%d %H:%M}"
