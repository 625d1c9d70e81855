"""The health check."""

from django.urls import path

from congress.core import views

urlpatterns = [
    path("healthz/", views.healthz, name="healthz"),
]
