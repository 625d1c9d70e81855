"""Volunteers: their profile, trainings (recurring sessions, bookings, attendance), missions
posted by associations (applications, hours) and shifts at the congress's editions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# The rooms lent to associations (volunteers/rooms/) belong to this app: importing their models
# here registers them under the `volunteers` label.
from volunteers.rooms.models import *  # noqa: F403

SLOTS = [  # half-days of the week: availability of a volunteer
    ("mon_am", _("lundi matin")),
    ("mon_pm", _("lundi après-midi")),
    ("tue_am", _("mardi matin")),
    ("tue_pm", _("mardi après-midi")),
    ("wed_am", _("mercredi matin")),
    ("wed_pm", _("mercredi après-midi")),
    ("thu_am", _("jeudi matin")),
    ("thu_pm", _("jeudi après-midi")),
    ("fri_am", _("vendredi matin")),
    ("fri_pm", _("vendredi après-midi")),
    ("sat_am", _("samedi matin")),
    ("sat_pm", _("samedi après-midi")),
    ("sun_am", _("dimanche matin")),
    ("sun_pm", _("dimanche après-midi")),
]
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class Skill(models.TextChoices):
    WELCOME = "welcome", _("Accueil et orientation")
    LISTENING = "listening", _("Écoute")
    STREET = "street", _("Maraudes, aller vers")
    FOOD = "food", _("Aide alimentaire, cuisine")
    LOGISTICS = "logistics", _("Logistique")
    DIGITAL = "digital", _("Accompagnement numérique")
    TRANSLATION = "translation", _("Traduction, interprétariat")
    ACTIVITIES = "activities", _("Animation")
    FIRST_AID = "first_aid", _("Premiers secours")


class VolunteerProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_profile"
    )
    availability = models.JSONField(_("disponibilités"), default=list, blank=True)
    skills = models.JSONField(_("compétences"), default=list, blank=True)
    languages = models.CharField(_("langues parlées"), max_length=200, blank=True)
    accessibility_needs = models.TextField(_("besoins d'accessibilité"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profil de bénévole")
        verbose_name_plural = _("profils de bénévoles")

    def __str__(self):
        return str(self.user)


class Training(models.Model):
    """A training given again and again: on the nth weekday of each month."""

    organisation = models.ForeignKey(
        "congress.Organisation", on_delete=models.CASCADE, related_name="trainings"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("présentation"), blank=True)
    place = models.CharField(_("lieu"), max_length=200)
    trainer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings_given",
        verbose_name=_("formateur·rice"),
    )
    weekday = models.PositiveSmallIntegerField(_("jour de la semaine (0 = lundi)"))
    week_of_month = models.PositiveSmallIntegerField(_("rang dans le mois (1 à 4)"))
    start_time = models.TimeField(_("début"))
    end_time = models.TimeField(_("fin"))
    capacity = models.PositiveIntegerField(_("places par session"))

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="training_weekday_valid"),
            models.CheckConstraint(
                condition=Q(week_of_month__gte=1, week_of_month__lte=4),
                name="training_week_of_month_valid",
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="training_ends_after_start"
            ),
        ]

    def __str__(self):
        return self.title


class TrainingSession(models.Model):
    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    capacity = models.PositiveIntegerField(_("places"))

    class Meta:
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["training", "starts_at"], name="training_session_once")
        ]

    def __str__(self):
        return f"{self.training} ({self.starts_at:%Y-%m-%d})"

    def get_absolute_url(self):
        return reverse("training_session_detail", kwargs={"pk": self.pk})


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Inscrit·e")
    WAITING = "waiting", _("Liste d'attente")


class TrainingBooking(models.Model):
    session = models.ForeignKey(TrainingSession, on_delete=models.CASCADE, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_bookings"
    )
    status = models.CharField(max_length=10, choices=BookingStatus.choices)
    attended = models.BooleanField(_("présent·e"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)  # the D-1 e-mail, sent once

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="training_booking_once")
        ]

    def __str__(self):
        return f"{self.user} – {self.session}"


class Mission(models.Model):
    organisation = models.ForeignKey(
        "congress.Organisation", on_delete=models.CASCADE, related_name="missions"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    description = models.TextField(_("description"))
    place = models.CharField(_("lieu"), max_length=200)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    volunteers_needed = models.PositiveIntegerField(_("bénévoles recherché·es"))
    required_training = models.ForeignKey(
        Training,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="missions",
        verbose_name=_("formation requise"),
    )
    skills = models.JSONField(_("compétences utiles"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="mission_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(volunteers_needed__gte=1), name="mission_needs_someone"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("mission_detail", kwargs={"pk": self.pk})


class ApplicationStatus(models.TextChoices):
    PENDING = "pending", _("En attente de réponse")
    ACCEPTED = "accepted", _("Acceptée")
    DECLINED = "declined", _("Déclinée")


class MissionApplication(models.Model):
    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="applications")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mission_applications"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.PENDING
    )
    hours = models.DecimalField(_("heures"), max_digits=5, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)  # the D-1 e-mail, sent once

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["mission", "user"], name="mission_application_once"),
            models.CheckConstraint(
                condition=Q(hours__isnull=True) | Q(hours__gt=0), name="application_hours_positive"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.mission}"


class Shift(models.Model):
    """A volunteer shift at an edition (welcome desk Friday 8:00–10:00...)."""

    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="volunteer_shifts"
    )
    title = models.CharField(_("poste"), max_length=200)
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    capacity = models.PositiveIntegerField(_("bénévoles nécessaires"))
    grants_desk_role = models.BooleanField(
        _("poste à l'accueil (donne le droit d'enregistrer les arrivées)"), default=False
    )

    class Meta:
        verbose_name = _("créneau de bénévolat")
        verbose_name_plural = _("créneaux de bénévolat")
        ordering = ["starts_at", "title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="shift_needs_someone"),
        ]

    def __str__(self):
        return self.title


class ShiftSignup(models.Model):
    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shift_signups"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)  # the D-1 e-mail, sent once

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["shift", "user"], name="shift_signup_once")]

    def __str__(self):
        return f"{self.user} – {self.shift}"


class ShiftDeskGrant(models.Model):
    """Marks a welcome-desk role given because its holder picked a welcome-desk shift: the role
    goes when their last such shift does. A role an organiser granted has no mark and stays."""

    role = models.OneToOneField(
        "congress.DeskRole", on_delete=models.CASCADE, related_name="shift_grant"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return str(self.role)
