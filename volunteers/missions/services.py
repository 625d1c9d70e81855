"""Writes of missions: posting, applying, accepting or declining, recording hours."""

from datetime import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.accounts.models import User
from congress.organisations.models import Organisation
from volunteers.missions.emails import (
    notify_application_decided,
    notify_application_received,
    notify_application_withdrawn,
)
from volunteers.missions.permissions import can_manage_mission, can_post_mission
from volunteers.models import ApplicationStatus, Mission, MissionApplication, Skill, Training
from volunteers.permissions import can_volunteer
from volunteers.selectors import trainings_followed_ids


def mission_save(
    *,
    organisation: Organisation,
    by: User,
    mission: Mission | None = None,
    title: str,
    description: str,
    place: str,
    starts_at: datetime,
    ends_at: datetime,
    volunteers_needed: int,
    required_training: Training | None = None,
    skills: list[str] = (),
) -> Mission:
    """Post a mission of `organisation`, or change one of its own."""
    with transaction.atomic():
        if not can_post_mission(by, organisation) or (
            mission is not None and mission.organisation_id != organisation.pk
        ):
            raise PermissionDenied(
                _("Seuls les gestionnaires de l'association gèrent ses missions.")
            )
        if not set(skills) <= set(Skill.values):
            raise ValidationError({"skills": _("Compétence inconnue.")})
        if ends_at <= starts_at:
            raise ValidationError({"ends_at": _("La fin de la mission doit suivre son début.")})
        mission = mission or Mission(organisation=organisation)
        if mission.pk:
            Mission.objects.select_for_update().filter(pk=mission.pk).first()
            accepted = mission.applications.filter(status=ApplicationStatus.ACCEPTED).count()
            if volunteers_needed < accepted:
                raise ValidationError(
                    {
                        "volunteers_needed": _(
                            "Plus de bénévoles sont déjà acceptés pour cette mission."
                        )
                    }
                )
        mission.title = title
        mission.description = description
        mission.place = place
        mission.starts_at = starts_at
        mission.ends_at = ends_at
        mission.volunteers_needed = volunteers_needed
        mission.required_training = required_training
        mission.skills = [code for code in Skill.values if code in set(skills)]
        mission.full_clean()
        mission.save()
        return mission


def mission_apply(*, mission: Mission, user: User, message: str = "") -> MissionApplication:
    with transaction.atomic():
        if not can_volunteer(user):
            raise PermissionDenied(_("Inscrivez-vous comme bénévole avant de proposer votre aide."))
        if mission.starts_at <= timezone.now():
            raise ValidationError(_("Cette mission a déjà commencé."))
        if MissionApplication.objects.filter(mission=mission, user=user).exists():
            raise ValidationError(_("Vous avez déjà proposé votre aide pour cette mission."))
        training = mission.required_training
        if training is not None and training.pk not in trainings_followed_ids(user):
            raise ValidationError(
                _("Cette mission demande d'avoir suivi la formation « %(title)s ».")
                % {"title": training.title}
            )
        application = MissionApplication.objects.create(
            mission=mission, user=user, message=message.strip()
        )
        notify_application_received(application)
        return application


def application_decide(
    *, application: MissionApplication, accept: bool, by: User
) -> MissionApplication:
    """The association accepts or declines; accepting checks the places under the mission's
    lock, so two managers cannot accept more volunteers than needed."""
    with transaction.atomic():
        mission = Mission.objects.select_for_update().get(pk=application.mission_id)
        if not can_manage_mission(by, mission):
            raise PermissionDenied(
                _("Seuls les gestionnaires de l'association gèrent ses missions.")
            )
        application = MissionApplication.objects.select_for_update().get(pk=application.pk)
        if application.status != ApplicationStatus.PENDING:
            raise ValidationError(_("Cette candidature a déjà reçu une réponse."))
        if accept:
            accepted = mission.applications.filter(status=ApplicationStatus.ACCEPTED).count()
            if accepted >= mission.volunteers_needed:
                raise ValidationError(_("La mission a déjà tous les bénévoles recherchés."))
        application.status = ApplicationStatus.ACCEPTED if accept else ApplicationStatus.DECLINED
        application.decided_at = timezone.now()
        application.save(update_fields=["status", "decided_at"])
        notify_application_decided(application)
        return application


def application_record_hours(
    *, application: MissionApplication, hours: Decimal, by: User
) -> MissionApplication:
    """After the mission, the association records the hours given by an accepted volunteer."""
    with transaction.atomic():
        mission = application.mission
        if not can_manage_mission(by, mission):
            raise PermissionDenied(
                _("Seuls les gestionnaires de l'association gèrent ses missions.")
            )
        if application.status != ApplicationStatus.ACCEPTED:
            raise ValidationError(_("Seules les heures des bénévoles acceptés sont enregistrées."))
        if mission.ends_at > timezone.now():
            raise ValidationError(_("Les heures s'enregistrent une fois la mission terminée."))
        if hours <= 0 or hours > Decimal(24):
            raise ValidationError({"hours": _("Indiquez un nombre d'heures entre 0 et 24.")})
        application.hours = hours
        application.full_clean()
        application.save(update_fields=["hours"])
        return application


def application_withdraw(*, application: MissionApplication, by: User) -> bool:
    """The volunteer takes back their offer of help before the mission starts. Under the
    mission's lock (the one accepting takes), so a place freed is counted by the next
    acceptance. Returns True when an accepted place was freed (the association is told)."""
    with transaction.atomic():
        if application.user_id != by.pk:
            raise PermissionDenied(_("Vous ne pouvez retirer que vos propres candidatures."))
        mission = Mission.objects.select_for_update().get(pk=application.mission_id)
        current = MissionApplication.objects.select_for_update().filter(pk=application.pk).first()
        if current is None:
            raise ValidationError(_("Cette candidature est déjà retirée."))
        if mission.starts_at <= timezone.now():
            raise ValidationError(_("La mission a commencé : sa candidature ne se retire plus."))
        freed = current.status == ApplicationStatus.ACCEPTED
        current.delete()
        if freed:
            notify_application_withdrawn(mission, by)
    return freed
