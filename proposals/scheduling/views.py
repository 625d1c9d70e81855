from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.editions.permissions import is_organiser
from proposals import services
from proposals.models import ProposalState, WorkshopProposal
from proposals.scheduling.forms import DEFAULT_LENGTH, PlaceForm
from proposals.scheduling.selectors import workshop_grid
from proposals.selectors import session_placement
from tracks.selectors import unmet_needs
from tracks.views import visible_congress_or_404


def _organiser_congress(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    if not is_organiser(request.user, congress):
        raise PermissionDenied
    return congress


def _render(request, congress, *, failed=None, status=200):
    grid = workshop_grid(congress, failed=failed)
    context = {"congress": congress, "grid": grid, "failed": failed[1] if failed else None}
    return render(request, "proposals/staff/schedule_grid.html", context, status=status)


@login_required
def schedule_grid(request, congress_slug):
    """The room × time grid where organisers place and move the accepted workshops."""
    return _render(request, _organiser_congress(request, congress_slug))


@login_required
@require_POST
def schedule_grid_place(request, congress_slug, pk):
    """Place or move one workshop (drag and drop, or the form under it): its length, seats and
    moderators go with it; a conflict is refused and shown on the workshop, nothing changed."""
    congress = _organiser_congress(request, congress_slug)
    proposal = get_object_or_404(
        WorkshopProposal.objects.select_related("session"),
        pk=pk,
        congress=congress,
        state=ProposalState.ACCEPTED,
    )
    grid = workshop_grid(congress)
    form = PlaceForm(request.POST, slots=grid.slots, rooms=grid.rooms, prefix=f"w{pk}")

    def place(data):
        session, room, start = proposal.session, form.chosen_room(), form.starts_at()
        return services.proposal_schedule(
            proposal=proposal,
            by=request.user,
            room=room,
            starts_at=start,
            ends_at=start + (session.ends_at - session.starts_at if session else DEFAULT_LENGTH),
            capacity=min(session.capacity, room.capacity) if session else None,
            moderators=list(session.moderators.all()) if session else (),
            placed=data["placed"],
        )

    def warn_and_grid(session):
        for warning in unmet_needs(session):
            messages.warning(request, warning)
        return redirect(reverse("schedule_grid", args=[congress.slug]) + f"#workshop-{pk}")

    if response := submit_form(
        request,
        form,
        place,
        success=lambda session: (
            _("« %(title)s » est placé : %(room)s, %(start)s.")
            % {"title": session.title, "room": form.chosen_room().name, "start": form.slot_label()}
        ),
        then=warn_and_grid,
    ):
        return response
    # Retrying from the refused form must be possible: it carries where the workshop is now.
    proposal.refresh_from_db(fields=["session"])
    form.data = form.data.copy()
    form.data[form.add_prefix("placed")] = session_placement(proposal.session)
    return _render(request, congress, failed=(pk, form), status=400)
