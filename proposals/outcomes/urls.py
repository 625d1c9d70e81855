from django.urls import path

from proposals.outcomes import views

P = "congresses/<slug:congress_slug>/"
S = "staff/<slug:congress_slug>/"

urlpatterns = [
    # moderators
    path(P + "outcomes/", views.outcome_workshop_list, name="outcome_workshop_list"),
    path(P + "outcomes/<int:pk>/", views.outcome_edit, name="outcome_edit"),
    path(P + "outcomes/<int:pk>/reopen/", views.outcome_reopen, name="outcome_reopen"),
    path(P + "outcomes/<int:pk>/history/", views.outcome_history, name="outcome_history"),
    path(
        P + "outcomes/<int:pk>/history/<int:revision_pk>/restore/",
        views.outcome_restore,
        name="outcome_restore",
    ),
    # public
    path(P + "policy-proposals/", views.public_policy_list, name="public_policy_list"),
    path(P + "policy-proposals/<int:pk>/", views.public_policy_detail, name="public_policy_detail"),
    path(P + "policy-proposals/<int:pk>/endorse/", views.endorse, name="endorse"),
    path(
        P + "policy-proposals/<int:pk>/withdraw-endorsement/",
        views.endorsement_withdraw,
        name="endorsement_withdraw",
    ),
    path(P + "follow-ups/<int:pk>/document/", views.followup_document, name="followup_document"),
    # organisers
    path(S + "policy-proposals/", views.policy_board, name="policy_board"),
    path(S + "policy-proposals/merge/", views.policy_merge, name="policy_merge"),
    path(S + "policy-proposals/<int:pk>/", views.policy_staff_detail, name="policy_staff_detail"),
    path(S + "policy-proposals/<int:pk>/validate/", views.policy_validate, name="policy_validate"),
    path(
        S + "policy-proposals/<int:pk>/set-aside/", views.policy_set_aside, name="policy_set_aside"
    ),
    path(S + "policy-proposals/<int:pk>/split/", views.policy_split, name="policy_split"),
    path(
        S + "policy-proposals/<int:pk>/history/<int:revision_pk>/restore/",
        views.policy_restore,
        name="policy_restore",
    ),
    path(S + "policy-proposals/<int:pk>/follow-up/", views.followup_create, name="followup_create"),
    path(S + "transversality/", views.transversality, name="transversality"),
    path(S + "endorsement-period/", views.endorsement_period, name="endorsement_period"),
]
