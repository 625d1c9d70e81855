"""Speakers' profiles (issue 15): the people who speak in a session of an edition — a congress
workshop's intervenant·es, an activity's or an evening conference's speakers.

One profile per person and edition, linked to every session where they speak. A workshop's
speakers are already written by its proposal (``proposals.Speaker``) and copied, one per line,
into the session's ``speakers`` text when it is scheduled: organisers create the profiles from
those lines rather than typing them again. A profile is public once the organisers confirm it;
its photo is stored privately and shown only once its speaker has recorded their consent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from congress.core.storage import private_storage
from congress.onsite.validators import validate_signature_image

MAX_BIO_LENGTH = 800


class SpeakerProfile(models.Model):
    congress = models.ForeignKey(
        "congress.Congress", on_delete=models.CASCADE, related_name="speaker_profiles"
    )
    sessions = models.ManyToManyField(
        "tracks.Session", blank=True, related_name="speaker_profiles", verbose_name=_("sessions")
    )
    name = models.CharField(_("nom"), max_length=200)
    function = models.CharField(_("fonction"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(
        _("adresse e-mail"),
        blank=True,
        help_text=_("Jamais affichée : sert à relier le profil au compte de la personne."),
    )
    bio = models.TextField(_("courte présentation"), max_length=MAX_BIO_LENGTH, blank=True)
    photo = models.FileField(
        _("photo"),
        upload_to="speakers/photos/",
        storage=private_storage,
        blank=True,
        validators=[validate_signature_image],
        help_text=_("PNG ou JPEG, 1 Mo au plus."),
    )
    photo_consent_at = models.DateTimeField(_("accord pour la photo"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="speaker_profiles",
        verbose_name=_("compte"),
    )
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Raised by every save of the organisers or the speaker: a form carries the version it was
    # read at, and a save from an older one is refused (optimistic concurrency, as policy
    # proposals' `version`).
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("profil d'intervenant·e")
        verbose_name_plural = _("profils d'intervenant·es")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["congress", "user"],
                condition=Q(user__isnull=False),
                name="speaker_profile_once_per_account",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def is_public(self) -> bool:
        return self.confirmed_at is not None

    @property
    def photo_is_public(self) -> bool:
        return bool(self.photo) and self.photo_consent_at is not None and self.is_public
