from django.contrib import admin

from volunteers.models import LentRoom, Mission, RoomBooking, Shift, Training, TrainingSession


@admin.register(Training)
class TrainingAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "weekday", "week_of_month", "capacity"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(admin.ModelAdmin):
    list_display = ["training", "starts_at", "capacity"]


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "starts_at", "volunteers_needed"]


@admin.register(Shift)
class ShiftAdmin(admin.ModelAdmin):
    list_display = ["title", "congress", "starts_at", "capacity", "grants_desk_role"]


@admin.register(LentRoom)
class LentRoomAdmin(admin.ModelAdmin):
    list_display = ["name", "place", "capacity", "opens_at", "closes_at"]


@admin.register(RoomBooking)
class RoomBookingAdmin(admin.ModelAdmin):
    list_display = ["title", "room", "organisation", "first_date", "last_date", "start_time"]
