"""Tracks (thèmes), session types and the per-track roles of reviewers and moderators."""

from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.core.validators import validate_hex_colour
from congress.editions.models import Congress

# Public sign-up to activities and the stands (issue 15) belong to this app: importing their
# models here registers them under the ``tracks`` label.
from tracks.activities.models import *  # noqa: F403
from tracks.activity_proposals.models import *  # noqa: F403

# The survey models (tracks/feedback/models.py) belong to this app: importing them here registers
# them under the ``tracks`` label.
from tracks.feedback.models import *  # noqa: F403
from tracks.press.models import *  # noqa: F403
from tracks.speakers.models import *  # noqa: F403
from tracks.stands.models import *  # noqa: F403


class Track(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="tracks")
    name = models.CharField(_("nom"), max_length=200)
    short_name = models.CharField(_("nom court"), max_length=60, blank=True)
    slug = models.SlugField(_("identifiant d'URL"))
    description = models.TextField(_("présentation"), blank=True)
    question = models.TextField(
        _("question du thème"), blank=True, help_text=_("La question posée aux ateliers.")
    )
    colour = models.CharField(
        _("couleur"), max_length=7, default="#1d4e89", validators=[validate_hex_colour]
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = ["congress", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "slug"], name="track_unique_slug"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "track_detail", kwargs={"congress_slug": self.congress.slug, "slug": self.slug}
        )


class SessionType(models.Model):
    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="session_types")
    name = models.CharField(_("nom"), max_length=100)
    slug = models.SlugField(_("identifiant d'URL"))
    is_workshop = models.BooleanField(
        _("atelier avec inscription"),
        default=False,
        help_text=_("Les participants s'inscrivent ; les places sont limitées."),
    )
    order = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("type de session")
        verbose_name_plural = _("types de session")
        ordering = ["congress", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["congress", "slug"], name="sessiontype_unique_slug"),
        ]

    def __str__(self):
        return self.name


class TrackRoleKind(models.TextChoices):
    REVIEWER = "reviewer", _("Relecteur")
    MODERATOR = "moderator", _("Animateur / rapporteur")


class TrackRole(models.Model):
    """A reviewer or a moderator of one track of one edition."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="track_roles"
    )
    role = models.CharField(_("rôle"), max_length=10, choices=TrackRoleKind.choices)

    class Meta:
        verbose_name = _("rôle sur un thème")
        verbose_name_plural = _("rôles sur les thèmes")
        ordering = ["track", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["track", "user", "role"], name="trackrole_unique"),
            models.CheckConstraint(
                condition=Q(role__in=["reviewer", "moderator"]), name="trackrole_valid_role"
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.track}"


class AccessibilityMarker(NamedTuple):
    code: str
    short: str  # on the programme grid
    label: str  # on the session page, in the API and the calendar


ACCESSIBILITY_MARKERS = (
    AccessibilityMarker("lsf", _("LSF"), _("Interprétation en langue des signes (LSF)")),
    AccessibilityMarker(
        "hearing_loop", _("Boucle magnétique"), _("Salle équipée d'une boucle magnétique")
    ),
    AccessibilityMarker("step_free", _("Plain-pied"), _("Salle accessible de plain-pied")),
    AccessibilityMarker(
        "easy_read", _("FALC"), _("Documents en FALC (facile à lire et à comprendre)")
    ),
)


class SessionQuerySet(models.QuerySet):
    def of_congress(self, congress):
        return self.filter(congress=congress)

    def workshops(self):
        return self.filter(session_type__is_workshop=True)

    def overlapping(self, starts_at, ends_at):
        return self.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)


class Session(models.Model):
    """One slot of the programme: a plenary, a workshop (from an accepted proposal), a forum..."""

    congress = models.ForeignKey(Congress, on_delete=models.CASCADE, related_name="sessions")
    session_type = models.ForeignKey(
        SessionType, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("type")
    )
    track = models.ForeignKey(
        Track,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        verbose_name=_("thème"),
    )
    title = models.CharField(_("titre"), max_length=255)
    description = models.TextField(_("présentation"), blank=True)
    speakers = models.TextField(
        _("intervenants"), blank=True, help_text=_("Un intervenant par ligne.")
    )
    room = models.ForeignKey(
        "congress.Room",
        on_delete=models.PROTECT,
        related_name="sessions",
        verbose_name=_("salle"),
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))
    capacity = models.PositiveIntegerField(
        _("nombre de places"), help_text=_("Par défaut, la capacité de la salle.")
    )
    moderators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="moderated_sessions",
        verbose_name=_("animateurs"),
    )
    organisations = models.ManyToManyField(
        "congress.Organisation",
        blank=True,
        related_name="sessions",
        verbose_name=_("organisations"),
    )
    # Accessibility: booked for the session; the room brings step-free access and a hearing loop.
    lsf_interpretation = models.BooleanField(
        _("interprétation en LSF"),
        default=False,
        help_text=_("Des interprètes en langue des signes française sont prévus."),
    )
    easy_read_material = models.BooleanField(
        _("documents en FALC"),
        default=False,
        help_text=_("Des documents faciles à lire et à comprendre sont remis."),
    )
    # Public programmes (issue 15): free sign-up of the public, activity by activity.
    registration_required = models.BooleanField(
        _("inscription obligatoire"),
        default=False,
        help_text=_("Le public s'inscrit, dans la limite des places ; décoché : entrée libre."),
    )
    has_waitlist = models.BooleanField(_("liste d'attente quand c'est complet"), default=True)
    is_online = models.BooleanField(_("en ligne (webinaire, visioconférence)"), default=False)
    online_url = models.URLField(
        _("lien de la visioconférence"),
        blank=True,
        help_text=_("Donné aux seules personnes inscrites, jamais affiché publiquement."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A cancelled activity stays on the programme, struck through (issue 15): a visitor who kept
    # its address reads « Annulée » instead of a missing page; nobody can register any more.
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "room__order", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gt=0), name="session_capacity_positive"),
        ]
        indexes = [models.Index(fields=["congress", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(
            "session_detail", kwargs={"congress_slug": self.congress.slug, "pk": self.pk}
        )

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("La fin doit suivre le début.")})

    @property
    def accessibility_markers(self) -> list["AccessibilityMarker"]:
        """What the session offers: LSF and FALC are booked for it, step-free access and the
        hearing loop come from its room (select the room with the session)."""
        offered = {
            "lsf": self.lsf_interpretation,
            "hearing_loop": self.room.hearing_loop,
            "step_free": self.room.step_free,
            "easy_read": self.easy_read_material,
        }
        return [marker for marker in ACCESSIBILITY_MARKERS if offered[marker.code]]

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def speaker_list(self) -> list[str]:
        return [line.strip() for line in self.speakers.splitlines() if line.strip()]


class WorkshopSignup(models.Model):
    """A participant's seat in a workshop."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_signups"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("inscription à un atelier")
        verbose_name_plural = _("inscriptions aux ateliers")
        ordering = ["session__starts_at", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="signup_unique_per_session")
        ]

    def __str__(self):
        return f"{self.user} – {self.session}"
