"""The person's own space (mounted under /account/, after the accounts patterns)."""

from django.urls import path

from congress.profile import views

urlpatterns = [
    path("data/", views.account_data_export, name="account_data_export"),
    path("delete/", views.account_delete, name="account_delete"),
    path("", views.account, name="account"),
]
