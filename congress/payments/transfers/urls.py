from django.urls import path

from congress.payments.transfers import views

urlpatterns = [
    path("staff/<slug:slug>/payments/transfers/", views.transfer_reconciliation, name="transfer_reconciliation"),
    path("staff/<slug:slug>/payments/transfers/confirm/", views.transfer_reconciliation_confirm, name="transfer_reconciliation_confirm"),
]  # fmt: skip
