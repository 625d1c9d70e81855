"""Pages of lent rooms: the place's rooms and the associations' bookings, the place's public
agenda and its iCal feed."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.organisations.models import MembershipRole, Organisation
from volunteers.rooms import selectors, services
from volunteers.rooms.calendar import agenda_ical
from volunteers.rooms.forms import LentRoomForm, RefusalForm, RoomBookingForm
from volunteers.rooms.models import BookingState, LentRoom, RoomBooking
from volunteers.rooms.permissions import can_manage_place


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
    if response := submit_form(
        request, form,
        lambda data: services.room_book(by=request.user, **data),
        success=lambda booking: ngettext(
            "Votre demande de « %(room)s » pour %(title)s (%(count)s date) est envoyée "
            "au lieu : la salle vous est réservée quand il l'accepte.",
            "Votre demande de « %(room)s » pour %(title)s (%(count)s dates) est envoyée "
            "au lieu : la salle vous est réservée quand il l'accepte.",
            form.cleaned_data["weeks"],
        ) % {"room": booking.room.name, "title": booking.title,
             "count": form.cleaned_data["weeks"]},
        then=lambda _booking: redirect("place_rooms", slug=place.slug),
    ):  # fmt: skip
        return response
    organisations = list(managed)
    return render(
        request,
        "volunteers/place_rooms.html",
        {
            "place": place,
            "rooms": selectors.rooms_of(place),
            "form": form if organisations else None,
            "my_bookings": selectors.bookings_of(organisations) if organisations else [],
            "manages_place": can_manage_place(request.user, place),
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
    approved = booking.state == BookingState.APPROVED
    freed = services.room_booking_cancel(booking=booking, by=request.user)
    messages.success(
        request,
        ngettext(
            "Réservation annulée : %(count)s date libérée.",
            "Réservation annulée : %(count)s dates libérées.",
            freed,
        ) % {"count": freed}
        if approved
        else _("Demande retirée."),
    )  # fmt: skip
    return redirect("place_rooms", slug=booking.room.place.slug)


def _requests_page(request, place, *, refusing=None, form=None, status=200):
    pending, decided = selectors.room_requests(place)
    for booking in pending:
        booking.refusal_form = form if booking == refusing else RefusalForm(prefix=booking.pk)
    return render(
        request,
        "volunteers/place_room_requests.html",
        {"place": place, "pending": pending, "decided": decided},
        status=status,
    )


def place_room_requests(request, slug):
    """The place's managers answer the associations' requests for its rooms."""
    place = selectors.place_or_404(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage_place(request.user, place):
        raise PermissionDenied
    return _requests_page(request, place)


def _request_or_404(request, pk) -> RoomBooking:
    booking = get_object_or_404(
        RoomBooking.objects.select_related("room__place", "organisation"), pk=pk
    )
    if not can_manage_place(request.user, booking.room.place):
        raise PermissionDenied
    return booking


@require_POST
def room_booking_approve(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    booking = _request_or_404(request, pk)
    try:
        services.room_booking_approve(booking=booking, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Demande acceptée : « %(title)s » de %(org)s, l'association est prévenue.")
            % {"title": booking.title, "org": booking.organisation.name},
        )
    return redirect("place_room_requests", slug=booking.room.place.slug)


@require_POST
def room_booking_refuse(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    booking = _request_or_404(request, pk)
    place = booking.room.place
    form = RefusalForm(request.POST, prefix=booking.pk)
    if response := submit_form(
        request, form,
        lambda data: services.room_booking_refuse(
            booking=booking, by=request.user, reason=data["reason"]
        ),
        success=lambda _refused: _(
            "Demande refusée : « %(title)s » de %(org)s, l'association est prévenue."
        ) % {"title": booking.title, "org": booking.organisation.name},
        then=lambda _refused: redirect("place_room_requests", slug=place.slug),
    ):  # fmt: skip
        return response
    return _requests_page(request, place, refusing=booking, form=form, status=400)


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


def place_rooms_staff(request, slug):
    """The place's managers keep its rooms: every room (lent or withdrawn) and a new one. Any
    organisation's managers may add its first room (it then becomes a place that lends)."""
    place = get_object_or_404(Organisation, slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage_place(request.user, place):
        raise PermissionDenied
    form = LentRoomForm(request.POST if request.method == "POST" else None)
    if response := submit_form(
        request,
        form,
        lambda data: services.lent_room_save(place=place, by=request.user, **data),
        success=lambda room: _("La salle « %(room)s » est ajoutée.") % {"room": room.name},
        then=lambda _room: redirect("place_rooms_staff", slug=place.slug),
    ):
        return response
    return render(
        request,
        "volunteers/place_rooms_staff.html",
        {"place": place, "rooms": selectors.staff_rooms(place), "form": form},
        status=400 if form.errors else 200,
    )


def lent_room_edit(request, pk):
    """One room: its rules, and withdrawing it from lending (or lending it again)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    room = get_object_or_404(LentRoom.objects.select_related("place"), pk=pk)
    if not can_manage_place(request.user, room.place):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    if action in ("withdraw", "restore"):
        services.lent_room_set_active(room=room, by=request.user, active=action == "restore")
        messages.success(
            request,
            _("La salle « %(room)s » est de nouveau prêtée.") % {"room": room.name}
            if action == "restore"
            else _("La salle « %(room)s » est retirée : elle n'accepte plus de demandes.")
            % {"room": room.name},
        )
        return redirect("lent_room_edit", pk=room.pk)
    initial = {f: getattr(room, f) for f in services.ROOM_FIELDS}
    form = LentRoomForm(request.POST if action == "save" else None, initial=initial)
    if response := submit_form(
        request,
        form,
        lambda data: services.lent_room_save(place=room.place, by=request.user, room=room, **data),
        success=_("La salle est enregistrée."),
        then=lambda _room: redirect("place_rooms_staff", slug=room.place.slug),
    ):
        return response
    return render(
        request,
        "volunteers/lent_room_edit.html",
        {"room": room, "form": form},
        status=400 if form.errors else 200,
    )
