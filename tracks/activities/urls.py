from django.urls import path

from tracks.activities import staff_views, views

P = "congresses/<slug:congress_slug>/"

urlpatterns = [
    path(P + "activities/", views.activity_programme, name="activity_programme"),
    path(P + "activities/<int:pk>/register/", views.activity_register, name="activity_register"),
    path(P + "attend/", views.evening_register, name="evening_register"),
    path(P + "my-registration/<str:token>/", views.activity_registration_detail, name="activity_registration_detail"),
    path(P + "my-registration/<str:token>/cancel/", views.activity_registration_cancel, name="activity_registration_cancel"),
    path(P + "my-activities/", views.my_activities, name="my_activities"),
    path(P + "my-activities/<str:token>/", views.my_activities_list, name="my_activities_list"),
    path(P + "staff/venues/", staff_views.staff_venues, name="staff_venues"),
    path(P + "staff/venues/<int:pk>/", staff_views.staff_venues, name="staff_venue_edit"),
    path(P + "staff/venues/<int:pk>/delete/", staff_views.staff_venue_delete, name="staff_venue_delete"),
    path(P + "staff/activities/", staff_views.staff_activities, name="staff_activities"),
    path(P + "staff/activities/<int:pk>/", staff_views.staff_activities, name="staff_activity_edit"),
    path(P + "staff/activities/<int:pk>/delete/", staff_views.staff_activity_delete, name="staff_activity_delete"),
    path(P + "staff/activities/<int:pk>/cancel/", staff_views.staff_activity_cancel, name="staff_activity_cancel"),
]  # fmt: skip
