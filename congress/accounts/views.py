"""Signing up, in and out; e-mail confirmation; password reset with throttling."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.accounts import services
from congress.accounts.forms import EmailAuthenticationForm, SignUpForm
from congress.accounts.permissions import EMAIL_UNCONFIRMED_MESSAGE
from congress.core import throttling
from congress.core.forms import submit_form
from congress.core.redirects import safe_next


class ThrottledLoginView(auth_views.LoginView):
    """Login slowed down per (account, client) after failures: never a lockout of the owner."""

    template_name = "congress/accounts/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def get_initial(self):
        # The confirmation link sends people here with their address.
        return {**super().get_initial(), "username": self.request.GET.get("email", "")[:254]}

    def post(self, request, *args, **kwargs):
        email = (request.POST.get("username") or "").strip().lower()
        address = throttling.client_address(request)
        wait = throttling.login_wait_seconds(email, address)
        if wait:
            minutes = max(1, -(-wait // 60))
            form = self.get_form()
            form.errors.clear()
            form.add_error(
                None,
                ngettext(
                    "Trop de tentatives de connexion depuis cet appareil. Réessayez dans "
                    "%(minutes)s minute ou choisissez un nouveau mot de passe.",
                    "Trop de tentatives de connexion depuis cet appareil. Réessayez dans "
                    "%(minutes)s minutes ou choisissez un nouveau mot de passe.",
                    minutes,
                )
                % {"minutes": minutes},
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        response = super().post(request, *args, **kwargs)
        if request.user.is_authenticated:
            throttling.login_succeeded(email, address)
        else:
            throttling.login_failed(email, address)
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
    # On success, the same page whether the address is new or already has an account (its
    # owner gets an e-mail instead): sign-up tells nobody who has an account.
    if response := submit_form(
        request,
        form,
        lambda data: services.user_sign_up(
            email=data["email"],
            full_name=data["full_name"],
            password=data["password1"],
            phone=data["phone"],
            preferred_language=data["preferred_language"],
            next_url=safe_next(request, request.GET.get("next"), ""),
        ),
        success=None,
        then=lambda _user: render(
            request, "congress/accounts/sign_up_done.html", {"email": form.cleaned_data["email"]}
        ),
    ):
        return response
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
    next_url = safe_next(request, services.confirmation_next_url(token), "")
    if request.user.is_authenticated and request.user.pk == user.pk:
        return redirect(next_url or "account")
    # Not logged in by the link (it could be replayed, or sent to someone else to log them
    # into the sender's account): the login page, with the address filled in.
    query = {"email": user.email, **({"next": next_url} if next_url else {})}
    return redirect(f"{reverse('login')}?{urlencode(query)}")


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
