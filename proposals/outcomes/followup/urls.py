from django.urls import path

from proposals.outcomes.followup import views

P = "congresses/<slug:congress_slug>/"
S = "staff/<slug:congress_slug>/"

urlpatterns = [
    path(P + "follow-ups/<int:pk>/document/", views.followup_document, name="followup_document"),
    path(S + "policy-proposals/<int:pk>/follow-up/", views.followup_create, name="followup_create"),
]
