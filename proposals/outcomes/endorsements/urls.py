from django.urls import path

from proposals.outcomes.endorsements import views

P = "congresses/<slug:congress_slug>/"
S = "staff/<slug:congress_slug>/"

urlpatterns = [
    # public
    path(P + "tracks/<slug:slug>/", views.track_detail, name="track_detail"),
    path(P + "policy-proposals/", views.public_policy_list, name="public_policy_list"),
    path(P + "policy-proposals/<int:pk>/", views.public_policy_detail, name="public_policy_detail"),
    path(P + "policy-proposals/<int:pk>/endorse/", views.endorse, name="endorse"),
    path(
        P + "policy-proposals/<int:pk>/withdraw-endorsement/",
        views.endorsement_withdraw,
        name="endorsement_withdraw",
    ),
    # organisers
    path(S + "endorsement-period/", views.endorsement_period, name="endorsement_period"),
]
