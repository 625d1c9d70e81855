"""Public directory, organisation pages, profile editing, members and invitations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.accounts.permissions import has_confirmed_email
from congress.accounts.views import email_unconfirmed
from congress.core import keptpages, pagecache
from congress.core.forms import submit_form
from congress.organisations import cached, selectors, services
from congress.organisations.forms import DirectoryFilterForm, InvitationForm, OrganisationForm
from congress.organisations.models import Invitation, Membership, MembershipRole, Organisation
from congress.organisations.permissions import (
    can_manage_organisation,
    can_view_organisation,
    can_view_organisation_private,
)


def organisation_directory(request):
    cached_body = cached.directory_body(request.GET)
    if cached_body is not None:
        body, cache_key = cached_body
        return keptpages.conditional_page(
            request,
            cache_key,
            lambda: render(
                request,
                "congress/organisations/organisation_list.html",
                {"body": mark_safe(body)},  # noqa: S308 (rendered by our template, escaped there)
            ),
            scope=pagecache.SITE,
        )
    filters = DirectoryFilterForm(request.GET or None)
    filters.is_valid()
    data = getattr(filters, "cleaned_data", {}) or {}
    qs = selectors.organisation_directory(
        search=data.get("q", ""), kind=data.get("kind", ""), departement=data.get("departement", "")
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request, "congress/organisations/organisation_list.html", {"page": page, "filters": filters}
    )


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
    return render(request, "congress/organisations/organisation_detail.html", context)


@login_required
def organisation_create(request):
    if not has_confirmed_email(request.user):
        return email_unconfirmed(request)
    form = OrganisationForm(request.POST or None)
    if response := submit_form(
        request,
        form,
        lambda data: services.organisation_create(by=request.user, **data),
        success=lambda created: (
            _("L'organisation « %(name)s » est créée.") % {"name": created.name}
        ),
        then=redirect,
    ):
        return response
    return render(
        request, "congress/organisations/organisation_form.html", {"form": form, "creating": True}
    )


@login_required
def organisation_edit(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_manage_organisation(request.user, organisation):
        raise PermissionDenied
    form = OrganisationForm(request.POST or None, instance=organisation)
    if response := submit_form(
        request,
        form,
        lambda data: services.organisation_update(
            organisation=organisation, by=request.user, **data
        ),
        success=_("Les modifications sont enregistrées."),
        then=lambda _updated: redirect(organisation),
    ):
        return response
    return render(
        request,
        "congress/organisations/organisation_form.html",
        {"form": form, "organisation": organisation},
    )


@login_required
@require_POST
def organisation_invite(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_manage_organisation(request.user, organisation):
        raise PermissionDenied
    form = InvitationForm(request.POST)
    if response := submit_form(
        request,
        form,
        lambda data: services.invitation_create(organisation=organisation, by=request.user, **data),
        success=lambda invitation: (
            _("Invitation envoyée à %(email)s.") % {"email": invitation.email}
        ),
        then=lambda _invitation: redirect(organisation),
    ):
        return response
    context = {
        "organisation": organisation,
        "private": True,
        "can_manage": True,
        "members": selectors.organisation_members(organisation),
        "invitations": selectors.organisation_pending_invitations(organisation),
        "invite_form": form,
    }
    return render(request, "congress/organisations/organisation_detail.html", context, status=400)


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
            request,
            "congress/organisations/invitation_invalid.html",
            {"error": error.messages[0]},
            status=400,
        )
    if request.method == "POST" and request.user.is_authenticated:
        try:
            membership = services.invitation_accept(token=token, by=request.user)
        except ValidationError as error:
            return render(
                request,
                "congress/organisations/invitation_invalid.html",
                {"error": error.messages[0]},
                status=400,
            )
        messages.success(
            request, _("Vous avez rejoint « %(name)s ».") % {"name": membership.organisation.name}
        )
        return redirect(membership.organisation)
    return render(
        request,
        "congress/organisations/invitation_accept.html",
        {"invitation": invitation, "token": token},
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


@login_required
@require_POST
def membership_set_role(request, slug, pk):
    organisation = get_object_or_404(Organisation, slug=slug)
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=pk, organisation=organisation
    )
    role = request.POST.get("role", "")
    try:
        services.membership_set_role(membership=membership, role=role, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("%(name)s est maintenant « %(role)s ».")
            % {"name": membership.user, "role": MembershipRole(role).label},
        )
    return redirect(organisation)
