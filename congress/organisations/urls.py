"""Directory, organisation pages, members and invitations."""

from django.urls import path

from congress.organisations import views

urlpatterns = [
    path("organisations/", views.organisation_directory, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<slug:slug>/edit/", views.organisation_edit, name="organisation_edit"),
    path("organisations/<slug:slug>/invite/", views.organisation_invite, name="organisation_invite"),
    path("organisations/<slug:slug>/invitations/<int:pk>/revoke/", views.invitation_revoke, name="invitation_revoke"),
    path("organisations/<slug:slug>/members/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("organisations/<slug:slug>/members/<int:pk>/role/", views.membership_set_role, name="membership_set_role"),
    path("invitations/<str:token>/", views.invitation_accept, name="invitation_accept"),
]  # fmt: skip
