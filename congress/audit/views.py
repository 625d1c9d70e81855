"""The organisers' audit log page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from congress.audit.labels import action_label, readable_details
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser


@login_required
def staff_audit_log(request, slug):
    congress = get_object_or_404(Congress, slug=slug)
    if not is_organiser(request.user, congress):
        raise PermissionDenied
    entries = congress.audit_entries.select_related("actor")
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for entry in page.object_list:
        entry.action_label = action_label(entry.action)
        entry.readable_details = readable_details(entry.details)
    codes = congress.audit_entries.order_by("action").values_list("action", flat=True).distinct()
    actions = sorted(((code, action_label(code)) for code in codes), key=lambda a: a[1])
    return render(
        request,
        "congress/audit/audit_log.html",
        {"congress": congress, "page": page, "actions": actions, "current_action": action},
    )
