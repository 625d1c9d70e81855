from django.urls import path

from volunteers.shifts import views

urlpatterns = [
    path("congresses/<slug:congress_slug>/volunteers/shifts/", views.shift_list, name="shift_list"),
    path(
        "congresses/<slug:congress_slug>/volunteers/shifts/<int:pk>/signup/",
        views.shift_signup,
        name="shift_signup",
    ),
    path(
        "congresses/<slug:congress_slug>/volunteers/shifts/<int:pk>/leave/",
        views.shift_leave,
        name="shift_leave",
    ),
    path(
        "congresses/<slug:congress_slug>/staff/volunteer-shifts/",
        views.staff_shifts,
        name="staff_shifts",
    ),
]
