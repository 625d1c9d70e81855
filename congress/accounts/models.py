"""People (the custom user, who logs in with an e-mail address) and the record of their consents."""

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress.core.collation import by_name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("email_confirmed_at", timezone.now())
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person. Logs in with their email address."""

    email = models.EmailField(_("adresse e-mail"), unique=True)
    full_name = models.CharField(_("nom complet"), max_length=200)
    phone = models.CharField(_("téléphone"), max_length=30, blank=True)
    preferred_language = models.CharField(
        _("langue préférée"), max_length=5, choices=settings.LANGUAGES, default="fr"
    )
    email_confirmed_at = models.DateTimeField(_("e-mail confirmé le"), null=True, blank=True)
    is_active = models.BooleanField(_("actif"), default=True)
    is_staff = models.BooleanField(_("accès à l'administration"), default=False)
    date_joined = models.DateTimeField(_("inscrit le"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = by_name("full_name", "=email")  # French collation

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None


class ConsentKind(models.TextChoices):
    PHOTO = "photo", _("Prise de vue (photos, vidéos)")
    PUBLICATION = "publication", _("Publication d'une proposition d'atelier")
    ACCESSIBILITY_DATA = "accessibility_data", _("Besoins d'accessibilité et régime alimentaire")


class Consent(models.Model):
    """A consent given or refused, with the wording shown: the GDPR's record of consents."""

    congress = models.ForeignKey(
        "congress.Congress",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="consents",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consents",
    )
    email = models.EmailField(_("adresse e-mail"))
    kind = models.CharField(_("objet"), max_length=30, choices=ConsentKind.choices)
    given = models.BooleanField(_("accordé"))
    wording = models.CharField(_("formulation présentée"), max_length=500)
    source = models.CharField(_("recueilli par"), max_length=120)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("le"), default=timezone.now)

    class Meta:
        verbose_name = _("consentement")
        verbose_name_plural = _("registre des consentements")
        ordering = ["-at"]
        indexes = [models.Index(fields=["email", "kind"])]

    def __str__(self):
        return f"{self.email} {self.kind} {'oui' if self.given else 'non'} {self.at:%Y-%m-%d}"
