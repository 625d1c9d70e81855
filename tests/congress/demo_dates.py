"""Walks every dated field of every demo object that belongs to an edition (directly, or through
its order, session, proposal...) and reports those not dated relative to their edition."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.apps import apps
from django.db import models
from django.utils import timezone

from congress.editions.models import Congress

APPS = {"congress", "tracks", "proposals", "funding", "messaging", "reports"}
# How far from its edition an object may be dated: calls open months before, follow-up comes
# in the year after, and funded projects report up to a year and a half after the edition.
WINDOW = timedelta(days=550)


@dataclass(frozen=True)
class Dated:
    label: str  # app_label.Model.field
    path: str  # lookup from the model to its edition ("congress", "order__congress"...)


def _congress_path(model, depth: int = 0) -> str | None:
    if model is Congress:
        return ""
    if depth == 3:
        return None
    fields = [f for f in model._meta.get_fields() if f.many_to_one or f.one_to_one]
    fields = [f for f in fields if f.concrete and f.related_model is not None]
    fields.sort(key=lambda f: (f.related_model is not Congress, f.name))
    for field in fields:
        rest = _congress_path(field.related_model, depth + 1)
        if rest is not None:
            return field.name + (f"__{rest}" if rest else "")
    return None


def dated_fields() -> list[Dated]:
    found = []
    for config in apps.get_app_configs():
        if config.label not in APPS:
            continue
        for model in config.get_models():
            if model is Congress:
                continue
            path = _congress_path(model)
            if path is None:
                continue
            for field in model._meta.concrete_fields:
                if isinstance(field, models.DateField):  # DateTimeField is one too
                    found.append(Dated(f"{model._meta.label}.{field.name}", path))
    return found


def _as_date(value) -> date:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def misdated(seed_started: datetime, seed_ended: datetime) -> list[str]:
    """Every dated value outside its edition's window, or stamped while the seed ran."""
    editions = {c.pk: c for c in Congress.objects.all()}
    problems = []
    for dated in dated_fields():
        label, name = dated.label.rsplit(".", 1)
        model = apps.get_model(label)
        key = f"{dated.path}__pk"
        rows = model.objects.exclude(**{f"{name}__isnull": True}).values_list(key, name)
        for congress_pk, value in rows:
            congress = editions[congress_pk]
            day = _as_date(value)
            seeding = (
                seed_started <= value <= seed_ended
                if isinstance(value, datetime)
                else day == timezone.localdate(seed_started)
            )
            outside = not (congress.start_date - WINDOW <= day <= congress.end_date + WINDOW)
            if seeding or outside:
                problems.append(f"{dated.label} of {congress.slug}: {value}")
    return problems
