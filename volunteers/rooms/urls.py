from django.urls import path

from volunteers.rooms import views

urlpatterns = [
    path("volunteers/places/<slug:slug>/rooms/", views.place_rooms, name="place_rooms"),
    path("volunteers/places/<slug:slug>/agenda/", views.place_agenda, name="place_agenda"),
    path(
        "volunteers/places/<slug:slug>/agenda.ics", views.place_agenda_ics, name="place_agenda_ics"
    ),
    path(
        "volunteers/places/<slug:slug>/rooms/requests/",
        views.place_room_requests,
        name="place_room_requests",
    ),
    path(
        "volunteers/places/<slug:slug>/rooms/manage/",
        views.place_rooms_staff,
        name="place_rooms_staff",
    ),
    path("volunteers/rooms/<int:pk>/edit/", views.lent_room_edit, name="lent_room_edit"),
    path(
        "volunteers/room-bookings/<int:pk>/approve/",
        views.room_booking_approve,
        name="room_booking_approve",
    ),
    path(
        "volunteers/room-bookings/<int:pk>/refuse/",
        views.room_booking_refuse,
        name="room_booking_refuse",
    ),
    path(
        "volunteers/room-bookings/<int:pk>/cancel/",
        views.room_booking_cancel,
        name="room_booking_cancel",
    ),
]
