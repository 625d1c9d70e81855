from django.urls import path

from funding.jury import views

P = "congresses/<slug:congress_slug>/funding/staff/calls/<int:pk>/jury/"

urlpatterns = [
    path(P, views.jury_manage, name="funding_jury_manage"),
    path(P + "jurors/<int:user_pk>/remove/", views.juror_remove, name="funding_juror_remove"),
    path(P + "invitations/<int:invitation_pk>/revoke/", views.juror_invitation_revoke, name="funding_juror_invitation_revoke"),
    path(P + "criteria/<int:criterion_pk>/", views.criterion_edit, name="funding_criterion_edit"),
    path(P + "criteria/<int:criterion_pk>/delete/", views.criterion_delete, name="funding_criterion_delete"),
    path("funding/jury-invitations/<str:token>/", views.juror_invitation_accept, name="funding_juror_invitation_accept"),
]  # fmt: skip
