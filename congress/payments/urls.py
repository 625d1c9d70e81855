from django.urls import path

from congress.payments import views

urlpatterns = [
    path("staff/<slug:slug>/billing/", views.billing_settings, name="billing_settings"),
]
