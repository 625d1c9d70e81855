"""Writing to the audit log (inside the action's own transaction)."""

from congress.audit.models import AuditEntry


def audit_record(*, actor, action: str, congress=None, target=None, details: dict | None = None):
    """Append an entry to the organisers' audit log (call it inside the action's transaction)."""

    return AuditEntry.objects.create(
        congress=congress,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=target._meta.label if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:255] if target is not None else "",
        details=details or {},
    )
