"""On site: tickets, the welcome desk, attendance certificates and their verification."""

from django.urls import path

from congress.onsite import downloads, views

urlpatterns = [
    path("congresses/<slug:slug>/tickets/", downloads.ticket_list, name="ticket_list"),
    path("congresses/<slug:slug>/tickets/<int:pk>.pdf", downloads.ticket_download, name="ticket_download"),
    path("congresses/<slug:slug>/tickets/organisations/<slug:organisation_slug>.pdf", downloads.organisation_tickets, name="organisation_tickets"),
    path("congresses/<slug:slug>/certificates/<int:pk>.pdf", downloads.certificate_download, name="certificate_download"),
    path("certificates/verify/<str:token>/", downloads.certificate_verify, name="certificate_verify"),
    path("staff/<slug:slug>/check-in/", views.checkin_desk, name="checkin_desk"),
    path("staff/<slug:slug>/check-in/scan/", views.checkin_scan, name="checkin_scan"),
    path("staff/<slug:slug>/check-in/<int:pk>/", views.checkin_create, name="checkin_create"),
    path("staff/<slug:slug>/check-in/guests/<slug:source>/<int:pk>/", views.guest_checkin, name="guest_checkin"),
    path("staff/<slug:slug>/check-in/walk-in/", views.walk_in, name="walk_in"),
    path("staff/<slug:slug>/check-in/undo/<int:pk>/", views.checkin_undo, name="checkin_undo"),
    path("staff/<slug:slug>/onsite/", views.onsite_board, name="onsite_board"),
    path("staff/<slug:slug>/onsite/walk-ins/<int:pk>/invoice/", views.walk_in_invoice, name="walk_in_invoice"),
    path("staff/<slug:slug>/onsite/desk/", views.desk_roles, name="desk_roles"),
    path("staff/<slug:slug>/onsite/desk/<int:pk>/revoke/", views.desk_role_revoke, name="desk_role_revoke"),
    path("staff/<slug:slug>/onsite/certificates/", views.certificate_settings, name="certificate_settings"),
    path("staff/<slug:slug>/onsite/certificates/<slug:organisation_slug>.zip", downloads.organisation_certificates, name="organisation_certificates"),
]  # fmt: skip
