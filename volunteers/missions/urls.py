from django.urls import path

from volunteers.missions import views

urlpatterns = [
    path("volunteers/missions/", views.mission_list, name="mission_list"),
    path("volunteers/missions/<int:pk>/", views.mission_detail, name="mission_detail"),
    path("volunteers/missions/<int:pk>/apply/", views.mission_apply, name="mission_apply"),
    path("volunteers/missions/<int:pk>/edit/", views.mission_edit, name="mission_edit"),
    path(
        "volunteers/missions/<int:pk>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "volunteers/missions/<int:pk>/applications/",
        views.mission_applications,
        name="mission_applications",
    ),
    path(
        "volunteers/missions/<int:pk>/applications/<int:application_pk>/decide/",
        views.application_decide,
        name="application_decide",
    ),
    path(
        "volunteers/missions/<int:pk>/applications/<int:application_pk>/hours/",
        views.application_hours,
        name="application_hours",
    ),
    path(
        "volunteers/organisations/<slug:slug>/missions/new/",
        views.mission_create,
        name="mission_create",
    ),
    path(
        "volunteers/organisations/<slug:slug>/missions/",
        views.organisation_missions,
        name="organisation_missions",
    ),
    path("volunteers/certificate.pdf", views.commitment_certificate, name="commitment_certificate"),
]
