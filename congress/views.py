from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress import selectors, services, throttling
from congress.forms import (
    AccountDeleteForm,
    DirectoryFilterForm,
    EmailAuthenticationForm,
    InvitationForm,
    OrganisationForm,
    ProfileForm,
    SignUpForm,
)
from congress.models import Congress, Invitation, Membership, Organisation
from congress.permissions import (
    can_access_staff_area,
    can_manage_organisation,
    can_view_organisation,
    can_view_organisation_private,
    is_organiser,
)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, field by field when it names fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- errors ---------------------------------------------------------------------------------


def page_not_found(request, exception=None):
    """JSON for API clients (even for URLs that match no route), the HTML page for people."""
    if request.path.startswith("/api/"):
        from django.http import JsonResponse

        return JsonResponse({"detail": _("Introuvable.")}, status=404)
    from django.views.defaults import page_not_found as html_page_not_found

    return html_page_not_found(request, exception)


def healthz(request):
    """Liveness probe for load balancers (and the load benchmark's baseline): no database."""
    return HttpResponse("ok", content_type="text/plain")


# --- public pages ---------------------------------------------------------------------------


def home(request):
    congress = Congress.objects.current()
    if congress is None:
        return render(
            request, "congress/home_empty.html", {"editions": selectors.congress_list_visible()}
        )
    return congress_page(request, congress, template="congress/home.html")


def congress_detail(request, slug):
    congress = get_object_or_404(Congress, slug=slug)
    if congress.status == "draft" and not is_organiser(request.user, congress):
        raise Http404
    return congress_page(request, congress, template="congress/congress_detail.html")


def congress_page(request, congress, *, template):
    congress = selectors.congress_for_home(congress)
    return render(request, template, {"congress": congress, "tracks": congress.tracks.all()})


def congress_list(request):
    return render(
        request, "congress/congress_list.html", {"editions": selectors.congress_list_visible()}
    )


def congress_theme_css(request, slug):
    """Track colours as a stylesheet, so pages need no inline style (CSP)."""
    congress = get_object_or_404(Congress, slug=slug)
    if congress.status == "draft" and not is_organiser(request.user, congress):
        raise Http404
    rules = [f".track-{t.slug}{{--track-colour:{t.colour};}}" for t in congress.tracks.all()]
    response = HttpResponse("\n".join(rules), content_type="text/css; charset=utf-8")
    # A draft's colours are for its organisers: never kept by a shared cache.
    visibility = "private" if congress.status == "draft" else "public"
    response["Cache-Control"] = f"{visibility}, max-age=300"
    return response


def legal(request, page):
    templates = {
        "mentions-legales": "congress/legal/mentions.html",
        "donnees-personnelles": "congress/legal/privacy.html",
        "accessibilite": "congress/legal/accessibility.html",
    }
    if page not in templates:
        raise Http404
    return render(request, templates[page], {"congress": Congress.objects.current()})


# --- accounts -------------------------------------------------------------------------------


class ThrottledLoginView(auth_views.LoginView):
    """Login slowed down per (account, client) after failures: never a lockout of the owner."""

    template_name = "congress/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

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

    template_name = "congress/password_reset.html"
    email_template_name = "congress/email/password_reset.txt"
    subject_template_name = "congress/email/password_reset_subject.txt"

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
            return redirect(request.GET.get("next") or "account")
    return render(request, "congress/sign_up.html", {"form": form})


def confirm_email(request, token):
    try:
        user = services.user_confirm_email(token=token)
    except ValidationError as error:
        return render(
            request, "congress/confirm_email_failed.html", {"error": error.messages[0]}, status=400
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


@login_required
def account(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        services.user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Votre profil est enregistré."))
        response = redirect("account")
        response.set_cookie("django_language", request.user.preferred_language, samesite="Lax")
        return response
    return render(
        request,
        "congress/account.html",
        {
            "form": form,
            "memberships": selectors.user_memberships(request.user),
            "orders": selectors.user_orders(request.user),  # registration branch
            "waitlist_entries": selectors.user_waitlist(request.user),  # registration branch
        },
    )


@login_required
def account_data_export(request):
    import json

    data = services.user_export_data(user=request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees-congres-solidarites.json"'
    return response


@login_required
def account_delete(request):
    form = AccountDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_delete_account(user=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            logout(request)
            messages.success(
                request, _("Votre compte et vos données personnelles ont été supprimés.")
            )
            return redirect("home")
    return render(request, "congress/account_delete.html", {"form": form})


# --- organisations --------------------------------------------------------------------------


def organisation_directory(request):
    filters = DirectoryFilterForm(request.GET or None)
    filters.is_valid()
    data = getattr(filters, "cleaned_data", {}) or {}
    qs = selectors.organisation_directory(
        search=data.get("q", ""), kind=data.get("kind", ""), departement=data.get("departement", "")
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "congress/organisation_list.html", {"page": page, "filters": filters})


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_view_organisation(request.user, organisation):
        raise Http404
    private = can_view_organisation_private(request.user, organisation)
    context = {
        "organisation": organisation,
        "private": private,
        "can_manage": can_manage_organisation(request.user, organisation),
    }
    if private:
        context["members"] = selectors.organisation_members(organisation)
        context["invitations"] = selectors.organisation_pending_invitations(organisation)
        context["invite_form"] = InvitationForm()
    if context["can_manage"]:  # registration branch
        context["organisation_orders"] = selectors.organisation_orders(organisation)
    return render(request, "congress/organisation_detail.html", context)


@login_required
def organisation_create(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("L'organisation « %(name)s » est créée.") % {"name": organisation.name}
            )
            return redirect(organisation)
    return render(request, "congress/organisation_form.html", {"form": form, "creating": True})


@login_required
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_manage_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_update(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Les modifications sont enregistrées."))
            return redirect(organisation)
    return render(
        request, "congress/organisation_form.html", {"form": form, "organisation": organisation}
    )


@login_required
@require_POST
def organisation_invite(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_manage_organisation(request.user, organisation):
        raise PermissionDenied
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.invitation_create(
                organisation=organisation, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email}
            )
            return redirect(organisation)
    context = {
        "organisation": organisation,
        "private": True,
        "can_manage": True,
        "members": selectors.organisation_members(organisation),
        "invitations": selectors.organisation_pending_invitations(organisation),
        "invite_form": form,
        "organisation_orders": selectors.organisation_orders(organisation),  # registration branch
    }
    return render(request, "congress/organisation_detail.html", context, status=400)


@login_required
@require_POST
def invitation_revoke(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, _("L'invitation est annulée."))
    return redirect(organisation)


def invitation_accept(request, token):
    try:
        invitation = services.invitation_from_token(token)
    except ValidationError as error:
        return render(
            request, "congress/invitation_invalid.html", {"error": error.messages[0]}, status=400
        )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.invitation_accept(token=token, by=request.user)
        except ValidationError as error:
            return render(
                request,
                "congress/invitation_invalid.html",
                {"error": error.messages[0]},
                status=400,
            )
        messages.success(
            request, _("Vous avez rejoint « %(name)s ».") % {"name": membership.organisation.name}
        )
        return redirect(membership.organisation)
    return render(
        request, "congress/invitation_accept.html", {"invitation": invitation, "token": token}
    )


@login_required
@require_POST
def membership_remove(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    try:
        services.membership_remove(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(name)s ne fait plus partie de l'organisation.") % {"name": membership.user},
        )
    if membership.user_id == request.user.pk:
        return redirect("account")
    return redirect(organisation)


# --- staff area -----------------------------------------------------------------------------


@login_required
def staff_home(request):
    if not can_access_staff_area(request.user):
        raise PermissionDenied
    editions = (
        Congress.objects.all()
        if request.user.is_superuser
        else request.user.organised_congresses.all()
    )
    return render(
        request, "congress/staff/home.html", {"editions": editions.order_by("-start_date")}
    )


@login_required
def staff_audit_log(request, slug):
    congress = get_object_or_404(Congress, slug=slug)
    if not is_organiser(request.user, congress):
        raise PermissionDenied
    entries = congress.audit_entries.select_related("actor")
    action = request.GET.get("action", "")
    if action:
        entries = entries.filter(action=action)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    actions = congress.audit_entries.order_by("action").values_list("action", flat=True).distinct()
    return render(
        request,
        "congress/staff/audit_log.html",
        {"congress": congress, "page": page, "actions": actions, "current_action": action},
    )
