"""Writes of the funder meetings: funders, wishes, the grid, the schedule and its changes."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from congress.audit.services import audit_record
from congress.editions.models import Congress
from funding.meetings.permissions import (
    can_act_for_funder,
    can_manage_meetings,
    can_record_meeting_outcome,
    can_register_funder,
    can_wish_for,
    meeting_side,
)
from funding.meetings.scheduler import Wish, assign_tables, build_schedule, parse_breaks
from funding.meetings.selectors import applications_for_funder, slots_of, usable_slots
from funding.models import (
    Application,
    Funder,
    Meeting,
    MeetingGrid,
    MeetingOutcome,
    MeetingWish,
)


def funder_register(*, congress: Congress, organisation, by, **fields) -> Funder:
    with transaction.atomic():
        if not can_register_funder(by, organisation):
            raise PermissionDenied(_("Seuls les gestionnaires de la structure l'inscrivent."))
        funder = Funder.objects.filter(congress=congress, organisation=organisation).first()
        funder = funder or Funder(congress=congress, organisation=organisation, registered_by=by)
        for name in ("funds", "themes", "ticket_min", "ticket_max"):
            if name in fields:
                setattr(funder, name, fields[name])
        funder.full_clean()
        funder.save()
        return funder


def holder_wishes_set(*, application: Application, funders, by) -> None:
    """The funders the project holder wants to meet (replaces the previous choice)."""
    with transaction.atomic():
        if not can_wish_for(by, application):
            raise PermissionDenied(
                _("Seuls les gestionnaires d'une structure candidate choisissent.")
            )
        chosen = {f.pk for f in funders if f.congress_id == application.call.congress_id}
        for wish in MeetingWish.objects.filter(application=application).select_for_update():
            if wish.funder_id not in chosen and wish.from_holder:
                wish.from_holder = False
                wish.save(update_fields=["from_holder"])
        for pk in chosen:
            wish, _created = MeetingWish.objects.get_or_create(
                application=application, funder_id=pk
            )
            if not wish.from_holder:
                wish.from_holder = True
                wish.save(update_fields=["from_holder"])
        MeetingWish.objects.filter(
            application=application, from_holder=False, from_funder=False
        ).delete()


def funder_wishes_set(*, funder: Funder, applications, by) -> None:
    """The projects the funder wants to meet (replaces the previous choice)."""
    with transaction.atomic():
        if not can_act_for_funder(by, funder):
            raise PermissionDenied(_("Seuls les membres du financeur choisissent ses projets."))
        chosen = set(
            applications_for_funder(funder)
            .filter(pk__in=[a.pk for a in applications])
            .values_list("pk", flat=True)
        )
        for wish in MeetingWish.objects.filter(funder=funder).select_for_update():
            if wish.application_id not in chosen and wish.from_funder:
                wish.from_funder = False
                wish.save(update_fields=["from_funder"])
        for pk in chosen:
            wish, _created = MeetingWish.objects.get_or_create(application_id=pk, funder=funder)
            if not wish.from_funder:
                wish.from_funder = True
                wish.save(update_fields=["from_funder"])
        MeetingWish.objects.filter(funder=funder, from_holder=False, from_funder=False).delete()


def grid_save(*, congress: Congress, by, **fields) -> MeetingGrid:
    with transaction.atomic():
        if not can_manage_meetings(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs règlent la grille."))
        try:
            parse_breaks(fields.get("breaks", ""))
        except ValueError as error:
            raise ValidationError(
                {
                    "breaks": _("Pause mal écrite : « %(part)s » (attendu : 15:30-15:45).")
                    % {"part": error}
                }
            ) from error
        grid = MeetingGrid.objects.filter(congress=congress).first() or MeetingGrid(
            congress=congress
        )
        for name in ("day", "starts_at", "ends_at", "slot_minutes", "breaks", "tables"):
            if name in fields:
                setattr(grid, name, fields[name])
        grid.full_clean()
        grid.save()
        return grid


def schedule_build(*, congress: Congress, by) -> tuple[int, int]:
    """Replace the schedule with a new one: returns (meetings placed, wishes unmet)."""
    with transaction.atomic():
        if not can_manage_meetings(by, congress):
            raise PermissionDenied(_("Seuls les organisateurs génèrent le planning."))
        grid = MeetingGrid.objects.select_for_update().filter(congress=congress).first()
        if grid is None:
            raise ValidationError(_("Réglez d'abord la grille des rendez-vous."))
        wishes = [
            Wish(w.application_id, w.application.organisation_id, w.funder_id, w.mutual)
            for w in MeetingWish.objects.filter(funder__congress=congress).select_related(
                "application"
            )
        ]
        funders = sorted({w.funder for w in wishes})
        fixed = dict(
            Funder.objects.filter(congress=congress, table__isnull=False).values_list("pk", "table")
        )
        try:
            tables = assign_tables(funders, fixed, grid.tables)
        except ValueError as error:
            raise ValidationError(
                _(
                    "Il y a plus de financeurs (%(funders)s) que de tables (%(tables)s) : ajoutez des tables."
                )
                % {"funders": len(funders), "tables": grid.tables}
            ) from error
        schedule = build_schedule(usable_slots(grid), wishes)
        grid.meetings.all().delete()
        Funder.objects.filter(congress=congress).update(table=None)
        for funder_pk, table in tables.items():
            Funder.objects.filter(pk=funder_pk).update(table=table)
        mutual = {(w.application, w.funder) for w in wishes if w.mutual}
        Meeting.objects.bulk_create(
            Meeting(grid=grid, application_id=a, funder_id=f, slot=s, mutual=(a, f) in mutual)
            for (a, f), s in schedule.placed.items()
        )
        grid.built_at = timezone.now()
        grid.save(update_fields=["built_at"])
        audit_record(
            actor=by,
            action="funding.schedule_build",
            congress=congress,
            details={"placed": len(schedule.placed), "unmet": len(schedule.unmet)},
        )
        return len(schedule.placed), len(schedule.unmet)


def meeting_move(*, meeting: Meeting, slot: int, by) -> Meeting:
    """Move a meeting by hand to another slot; refused when someone is already busy then."""
    with transaction.atomic():
        grid = MeetingGrid.objects.select_for_update().get(pk=meeting.grid_id)
        if not can_manage_meetings(by, grid.congress):
            raise PermissionDenied(_("Seuls les organisateurs modifient le planning."))
        if slot not in usable_slots(grid):
            raise ValidationError(_("Ce créneau n'existe pas ou tombe pendant une pause."))
        others = grid.meetings.exclude(pk=meeting.pk).filter(slot=slot)
        if others.filter(funder_id=meeting.funder_id).exists():
            raise ValidationError(_("Le financeur a déjà un rendez-vous sur ce créneau."))
        holder = meeting.application.organisation_id
        if others.filter(application__organisation_id=holder).exists():
            raise ValidationError(_("Le porteur de projet a déjà un rendez-vous sur ce créneau."))
        meeting.slot = slot  # moves are serialised by the grid's row lock taken above
        meeting.save(update_fields=["slot"])
        audit_record(
            actor=by, action="funding.meeting_move", congress=grid.congress, target=meeting,
            details={"slot": slot},
        )  # fmt: skip
        return meeting


def meeting_outcome_record(*, meeting: Meeting, by, outcome: str) -> Meeting:
    """The funder's or the holder's outcome of a meeting that has started (may be changed)."""
    with transaction.atomic():
        meeting = (
            Meeting.objects.select_for_update(of=("self",))
            .select_related("grid", "funder__organisation", "application__organisation")
            .get(pk=meeting.pk)
        )
        if not can_record_meeting_outcome(by, meeting):
            raise PermissionDenied(_("Seules les deux parties du rendez-vous en donnent la suite."))
        side = meeting_side(by, meeting)
        if outcome not in MeetingOutcome.values:
            raise ValidationError(_("Choisissez la suite donnée au rendez-vous."))
        starts = {i: start for i, start, _end, _b in slots_of(meeting.grid)}.get(meeting.slot)
        if starts is None or starts > timezone.now():
            raise ValidationError(_("Le rendez-vous n'a pas encore eu lieu."))
        setattr(meeting, f"{side}_outcome", outcome)
        meeting.full_clean()
        meeting.save(update_fields=[f"{side}_outcome"])
        audit_record(
            actor=by, action="funding.meeting_outcome", congress=meeting.grid.congress,
            target=meeting, details={"side": side, "outcome": outcome},
        )  # fmt: skip
    return meeting
