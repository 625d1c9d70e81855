"""Organisers' pages of places and activities (issue 15; many_venues feature)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.editions.models import Venue
from congress.editions.permissions import is_organiser
from tracks.activities import selectors, staff
from tracks.activities.models import ACTIVE_STATUSES
from tracks.models import Session
from tracks.views import visible_congress_or_404


def _edition(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    if not is_organiser(request.user, congress):
        raise PermissionDenied
    return congress


@login_required
def staff_venues(request, congress_slug, pk=None):
    congress = _edition(request, congress_slug)
    venue = get_object_or_404(Venue, congress=congress, pk=pk) if pk else None
    form = staff.VenueForm(request.POST or None, instance=venue, congress=congress)
    if request.method == "POST" and form.is_valid():
        staff.venue_save(congress=congress, form=form, by=request.user)
        messages.success(request, _("Le lieu est enregistré."))
        return redirect("staff_venues", congress_slug=congress.slug)
    venues = congress.venues.order_by("name")
    return render(
        request,
        "tracks/activities/staff_venues.html",
        {"congress": congress, "form": form, "venue": venue, "venues": venues},
        status=400 if form.errors else 200,
    )


@login_required
def staff_activities(request, congress_slug, pk=None):
    congress = _edition(request, congress_slug)
    session = get_object_or_404(Session, congress=congress, pk=pk) if pk else None
    form = staff.ActivityForm(request.POST or None, instance=session, congress=congress)
    if response := submit_form(
        request,
        form,
        lambda _data: staff.activity_save(congress=congress, form=form, by=request.user),
        success=_("L'activité est enregistrée."),
        then=lambda _session: redirect("staff_activities", congress.slug),
    ):
        return response
    return render(
        request,
        "tracks/activities/staff_activities.html",
        {
            "congress": congress,
            "form": form,
            "session": session,
            "registered": session.public_registrations.filter(status__in=ACTIVE_STATUSES).count()
            if session
            else 0,
            "activities": selectors.activities(congress),
        },  # fmt: skip
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def staff_venue_delete(request, congress_slug, pk):
    congress = _edition(request, congress_slug)
    venue = get_object_or_404(Venue, congress=congress, pk=pk)
    try:
        staff.venue_delete(congress=congress, venue=venue, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("staff_venue_edit", congress_slug=congress.slug, pk=venue.pk)
    messages.success(request, _("Le lieu « %(name)s » est supprimé.") % {"name": venue.name})
    return redirect("staff_venues", congress_slug=congress.slug)


@login_required
@require_POST
def staff_activity_delete(request, congress_slug, pk):
    congress = _edition(request, congress_slug)
    session = get_object_or_404(Session, congress=congress, pk=pk)
    try:
        staff.activity_delete(congress=congress, session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("staff_activity_edit", congress_slug=congress.slug, pk=session.pk)
    messages.success(
        request, _("L'activité « %(title)s » est supprimée.") % {"title": session.title}
    )
    return redirect("staff_activities", congress_slug=congress.slug)


@login_required
@require_POST
def staff_activity_cancel(request, congress_slug, pk):
    congress = _edition(request, congress_slug)
    session = get_object_or_404(Session, congress=congress, pk=pk)
    told = staff.activity_cancel(congress=congress, session=session, by=request.user)
    messages.success(
        request,
        ngettext(
            "L'activité « %(title)s » est annulée ; %(n)d personne est prévenue par e-mail.",
            "L'activité « %(title)s » est annulée ; %(n)d personnes sont prévenues par e-mail.",
            told,
        )
        % {"title": session.title, "n": told},
    )
    return redirect("staff_activities", congress_slug=congress.slug)
