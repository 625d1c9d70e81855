from django.urls import path

from proposals.outcomes.recording import submission, views

P = "congresses/<slug:congress_slug>/"

urlpatterns = [
    path(P + "outcomes/", views.outcome_workshop_list, name="outcome_workshop_list"),
    path(P + "outcomes/<int:pk>/", views.outcome_edit, name="outcome_edit"),
    path(P + "outcomes/<int:pk>/draft/", submission.outcome_draft, name="outcome_draft"),
    path(P + "outcomes/<int:pk>/submit/", submission.outcome_submit, name="outcome_submit"),
    path(P + "outcomes/<int:pk>/reopen/", views.outcome_reopen, name="outcome_reopen"),
    path(P + "outcomes/<int:pk>/history/", views.outcome_history, name="outcome_history"),
    path(
        P + "outcomes/<int:pk>/history/<int:revision_pk>/restore/",
        views.outcome_restore,
        name="outcome_restore",
    ),
]
