from django.urls import path

from volunteers import views

urlpatterns = [
    path("volunteers/", views.volunteer_home, name="volunteer_home"),
    path("volunteers/profile/", views.volunteer_profile_edit, name="volunteer_profile_edit"),
    path("volunteers/people/<int:pk>/", views.volunteer_detail, name="volunteer_detail"),
    path("volunteers/trainings/", views.training_list, name="training_list"),
    path(
        "volunteers/trainings/<int:pk>/",
        views.training_session_detail,
        name="training_session_detail",
    ),
    path("volunteers/trainings/<int:pk>/book/", views.training_book, name="training_book"),
    path("volunteers/trainings/<int:pk>/cancel/", views.training_cancel, name="training_cancel"),
    path(
        "volunteers/trainings/<int:pk>/attendance/",
        views.training_attendance,
        name="training_attendance",
    ),
    path(
        "volunteers/organisations/<slug:slug>/trainings/",
        views.staff_trainings,
        name="staff_trainings",
    ),
    path(
        "volunteers/staff/trainings/<int:pk>/",
        views.staff_training_edit,
        name="staff_training_edit",
    ),
    path(
        "volunteers/staff/sessions/<int:pk>/time/",
        views.staff_session_time,
        name="staff_session_time",
    ),
    path(
        "volunteers/staff/sessions/<int:pk>/capacity/",
        views.staff_session_capacity,
        name="staff_session_capacity",
    ),
]
