"""Pages of lent rooms: the place's rooms and the associations' bookings, the place's public
agenda and its iCal feed."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.core.forms import add_service_errors
from congress.organisations.models import MembershipRole, Organisation
from volunteers.rooms import selectors, services
from volunteers.rooms.calendar import agenda_ical
from volunteers.rooms.forms import RoomBookingForm
from volunteers.rooms.models import RoomBooking


def _managed(user):
    if not user.is_authenticated or not user.is_active:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=MembershipRole.MANAGER
    ).order_by("name")


def place_rooms(request, slug):
    """The rooms the place lends, what is booked in the next weeks; managers of an
    association book a room here."""
    place = selectors.place_or_404(slug)
    if request.method == "POST" and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    managed = _managed(request.user)
    form = RoomBookingForm(
        request.POST if request.method == "POST" else None, place=place, organisations=managed
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            booking = services.room_book(by=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "« %(room)s » est réservée pour %(title)s (%(count)s date).",
                    "« %(room)s » est réservée pour %(title)s (%(count)s dates).",
                    data["weeks"],
                ) % {"room": booking.room.name, "title": booking.title, "count": data["weeks"]},
            )  # fmt: skip
            return redirect("place_rooms", slug=place.slug)
    organisations = list(managed)
    return render(
        request,
        "volunteers/place_rooms.html",
        {
            "place": place,
            "rooms": selectors.rooms_of(place),
            "form": form if organisations else None,
            "my_bookings": selectors.bookings_of(organisations) if organisations else [],
        },
        status=400 if form.errors else 200,
    )


@require_POST
def room_booking_cancel(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    booking = get_object_or_404(
        RoomBooking.objects.select_related("room__place", "organisation"), pk=pk
    )
    freed = services.room_booking_cancel(booking=booking, by=request.user)
    messages.success(
        request,
        ngettext(
            "Réservation annulée : %(count)s date libérée.",
            "Réservation annulée : %(count)s dates libérées.",
            freed,
        ) % {"count": freed},
    )  # fmt: skip
    return redirect("place_rooms", slug=booking.room.place.slug)


def place_agenda(request, slug):
    place = selectors.place_or_404(slug)
    return render(
        request,
        "volunteers/place_agenda.html",
        {"place": place, "entries": selectors.place_agenda(place), "weeks": selectors.AGENDA_WEEKS},
    )


def place_agenda_ics(request, slug):
    place = selectors.place_or_404(slug)
    body = agenda_ical(selectors.place_agenda(place), name=place.name, now=timezone.now())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="agenda-{place.slug}.ics"'
    return response
