from django.urls import path

from funding.staff import views

P = "congresses/<slug:congress_slug>/funding/staff/"

urlpatterns = [
    path(P, views.call_list, name="funding_staff_calls"),
    path(P + "calls/new/", views.call_create, name="funding_call_create"),
    path(P + "calls/<int:pk>/edit/", views.call_edit, name="funding_call_edit"),
    path(
        P + "applications/<int:pk>/notify/",
        views.application_notify,
        name="funding_application_notify",
    ),
]
