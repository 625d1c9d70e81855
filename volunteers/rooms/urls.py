from django.urls import path

from volunteers.rooms import views

urlpatterns = [
    path("volunteers/places/<slug:slug>/rooms/", views.place_rooms, name="place_rooms"),
    path("volunteers/places/<slug:slug>/agenda/", views.place_agenda, name="place_agenda"),
    path(
        "volunteers/places/<slug:slug>/agenda.ics", views.place_agenda_ics, name="place_agenda_ics"
    ),
    path(
        "volunteers/room-bookings/<int:pk>/cancel/",
        views.room_booking_cancel,
        name="room_booking_cancel",
    ),
]
