"""Pages of shifts: volunteers pick shifts of an edition; organisers define them, see gaps."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.editions.models import Congress
from volunteers.models import Shift, ShiftSignup
from volunteers.permissions import can_volunteer
from volunteers.shifts import selectors, services
from volunteers.shifts.forms import ShiftForm
from volunteers.shifts.permissions import can_manage_shifts


def _congress(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if congress.status == "draft" and not can_manage_shifts(request.user, congress):
        raise Http404
    return congress


@login_required
def shift_list(request, congress_slug):
    congress = _congress(request, congress_slug)
    mine = selectors.my_shift_ids(request.user, congress)
    shifts = selectors.shifts_of(congress)
    for shift in shifts:
        shift.mine = shift.pk in mine
    return render(
        request,
        "volunteers/shift_list.html",
        {"congress": congress, "shifts": shifts, "is_volunteer": can_volunteer(request.user)},
    )


@login_required
@require_POST
def shift_signup(request, congress_slug, pk):
    congress = _congress(request, congress_slug)
    shift = get_object_or_404(Shift, congress=congress, pk=pk)
    try:
        services.shift_signup(shift=shift, user=request.user)
    except PermissionDenied:
        messages.info(request, _("Inscrivez-vous d'abord comme bénévole."))
        return redirect("volunteer_profile_edit")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Créneau « %(title)s » choisi.") % {"title": shift.title})
    return redirect("shift_list", congress_slug=congress.slug)


@login_required
@require_POST
def shift_leave(request, congress_slug, pk):
    congress = _congress(request, congress_slug)
    signup = get_object_or_404(
        ShiftSignup.objects.select_related("shift"),
        shift__congress=congress,
        shift__pk=pk,
        user=request.user,
    )
    try:
        services.shift_leave(signup=signup, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Vous avez quitté ce créneau."))
    return redirect("shift_list", congress_slug=congress.slug)


@login_required
def staff_shifts(request, congress_slug):
    """The organisers' board: every shift with its volunteers, the gaps first in view."""
    congress = _congress(request, congress_slug)
    if not can_manage_shifts(request.user, congress):
        raise PermissionDenied
    form = ShiftForm(request.POST if request.method == "POST" else None, congress=congress)
    if response := submit_form(
        request,
        form,
        lambda _data: services.shift_create(
            congress=congress, by=request.user, **form.fields_for_service()
        ),
        success=_("Le créneau est créé."),
        then=lambda _shift: redirect("staff_shifts", congress_slug=congress.slug),
    ):
        return response
    shifts = selectors.shifts_of(congress)
    people = selectors.volunteers_by_shift(congress)
    for shift in shifts:
        shift.people = people.get(shift.pk, [])
    return render(
        request,
        "volunteers/staff_shifts.html",
        {
            "congress": congress,
            "shifts": shifts,
            "gaps": [s for s in shifts if s.missing],
            "form": form,
        },
        status=400 if form.errors else 200,
    )
