"""Signing up, in and out; e-mail confirmation; password reset with throttling."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.accounts import services
from congress.accounts.forms import EmailAuthenticationForm, SignUpForm
from congress.accounts.permissions import EMAIL_UNCONFIRMED_MESSAGE
from congress.core import throttling
from congress.core.forms import add_service_errors
from congress.core.redirects import safe_next


class ThrottledLoginView(auth_views.LoginView):
    """Login that refuses further attempts after too many failures (per account and per address)."""

    template_name = "congress/accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        email = (request.POST.get("username") or "").strip().lower()
        address = throttling.client_address(request)
        if throttling.is_blocked(throttling.LOGIN_PER_ACCOUNT, email) or throttling.is_blocked(
            throttling.LOGIN_PER_ADDRESS, address
        ):
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                _(
                    "Trop de tentatives de connexion. Réessayez dans 15 minutes ou choisissez un nouveau mot de passe."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            throttling.reset(throttling.LOGIN_PER_ACCOUNT, email)
        else:
            throttling.record_attempt(throttling.LOGIN_PER_ACCOUNT, email)
            throttling.record_attempt(throttling.LOGIN_PER_ADDRESS, address)
        return response


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Password reset that sends at most a few emails per hour to one address."""

    template_name = "congress/accounts/password_reset.html"
    email_template_name = "congress/accounts/email/password_reset.txt"
    subject_template_name = "congress/accounts/email/password_reset_subject.txt"

    def form_valid(self, form):
        email = form.cleaned_data["email"].strip().lower()
        address = throttling.client_address(self.request)
        if throttling.is_blocked(throttling.RESET_PER_ACCOUNT, email) or throttling.is_blocked(
            throttling.RESET_PER_ADDRESS, address
        ):
            form.add_error(
                None, _("Trop de demandes de réinitialisation. Réessayez dans une heure.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        throttling.record_attempt(throttling.RESET_PER_ACCOUNT, email)
        throttling.record_attempt(throttling.RESET_PER_ADDRESS, address)
        return super().form_valid(form)


def sign_up(request):
    if request.user.is_authenticated:
        return redirect("account")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.user_sign_up(
                email=data["email"],
                full_name=data["full_name"],
                password=data["password1"],
                phone=data["phone"],
                preferred_language=data["preferred_language"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Votre compte est créé. Un lien de confirmation a été envoyé à %(email)s.")
                % {"email": user.email},
            )
            return redirect(safe_next(request, request.GET.get("next"), reverse("account")))
    return render(request, "congress/accounts/sign_up.html", {"form": form})


def confirm_email(request, token):
    try:
        user = services.user_confirm_email(token=token)
    except ValidationError as error:
        return render(
            request,
            "congress/accounts/confirm_email_failed.html",
            {"error": error.messages[0]},
            status=400,
        )
    messages.success(
        request, _("Votre adresse e-mail %(email)s est confirmée.") % {"email": user.email}
    )
    return redirect("account" if request.user.is_authenticated else "login")


@login_required
@require_POST
def resend_confirmation(request):
    services.user_resend_confirmation(user=request.user)
    messages.info(request, _("Un nouveau lien de confirmation vous a été envoyé."))
    return redirect("account")


def email_unconfirmed(request):
    """The page shown instead of a form that needs a confirmed address (with a resend button)."""
    return render(
        request,
        "congress/accounts/email_unconfirmed.html",
        {"message": EMAIL_UNCONFIRMED_MESSAGE},
        status=403,
    )
