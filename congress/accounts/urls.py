"""Signing up, in and out, e-mail confirmation and passwords (mounted under /account/)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from congress.accounts import views

urlpatterns = [
    path("login/", views.ThrottledLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("signup/", views.sign_up, name="sign_up"),
    path("confirm/<str:token>/", views.confirm_email, name="confirm_email"),
    path("confirm-resend/", views.resend_confirmation, name="resend_confirmation"),
    path("password-reset/", views.ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth_views.PasswordResetDoneView.as_view(
        template_name="congress/accounts/password_reset_done.html"), name="password_reset_done"),
    path("password-reset/<uidb64>/<token>/", auth_views.PasswordResetConfirmView.as_view(
        template_name="congress/accounts/password_reset_confirm.html"), name="password_reset_confirm"),
    path("password-reset/done/", auth_views.PasswordResetCompleteView.as_view(
        template_name="congress/accounts/password_reset_complete.html"), name="password_reset_complete"),
    path("password-change/", auth_views.PasswordChangeView.as_view(
        template_name="congress/accounts/password_change.html"), name="password_change"),
    path("password-change/done/", auth_views.PasswordChangeDoneView.as_view(
        template_name="congress/accounts/password_change_done.html"), name="password_change_done"),
]  # fmt: skip
