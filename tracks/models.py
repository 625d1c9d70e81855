"""Tracks (thèmes), session types and the per-track roles of reviewers and moderators."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from congress.models import Congress
from congress.validators import validate_hex_colour


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
