from django.urls import path

from proposals.outcomes.consolidation import views

S = "staff/<slug:congress_slug>/"

urlpatterns = [
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
    path(S + "transversality/", views.transversality, name="transversality"),
]
