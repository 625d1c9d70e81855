from django.urls import path

from proposals.outcomes.followup import views

S = "staff/<slug:congress_slug>/"

urlpatterns = [
    path(S + "policy-proposals/<int:pk>/follow-up/", views.followup_create, name="followup_create"),
]
