"""The organisers' audit log."""

from django.urls import path

from congress.audit import views

urlpatterns = [
    path("staff/<slug:slug>/audit/", views.staff_audit_log, name="staff_audit_log"),
]
