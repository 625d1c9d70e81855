"""Organisers' pages of places and activities (issue 15; many_venues feature)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from congress.core.forms import add_service_errors
from congress.editions.models import Venue
from congress.editions.permissions import is_organiser
from tracks.activities import selectors, staff
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
    form = staff.VenueForm(request.POST or None, instance=venue)
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
    if request.method == "POST" and form.is_valid():
        try:
            staff.activity_save(congress=congress, form=form, by=request.user)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("L'activité est enregistrée."))
            return redirect("staff_activities", congress_slug=congress.slug)
    return render(
        request,
        "tracks/activities/staff_activities.html",
        {
            "congress": congress,
            "form": form,
            "session": session,
            "activities": selectors.activities(congress),
        },  # fmt: skip
        status=400 if form.errors else 200,
    )
