""" "Mon compte": profile, memberships, orders, personal data export and account deletion."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from congress.accounts import services as accounts_services
from congress.core.forms import submit_form
from congress.onsite.selectors import desk_editions_of
from congress.organisations import selectors
from congress.profile import services
from congress.profile.forms import AccountDeleteForm, ProfileForm
from congress.registrations import selectors as registrations_selectors


@login_required
def account(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        accounts_services.user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Votre profil est enregistré."))
        response = redirect("account")
        response.set_cookie("django_language", request.user.preferred_language, samesite="Lax")
        return response
    return render(
        request,
        "congress/profile/account.html",
        {
            "form": form,
            "desk_editions": desk_editions_of(request.user),
            "memberships": selectors.user_memberships(request.user),
            "orders": registrations_selectors.user_orders(request.user),  # registration branch
            "waitlist_entries": registrations_selectors.user_waitlist(
                request.user
            ),  # registration branch
        },
    )


@login_required
def account_data_export(request):

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

    def delete_and_log_out(data):
        services.user_delete_account(user=request.user, password=data["password"])
        logout(request)

    if response := submit_form(
        request,
        form,
        delete_and_log_out,
        success=lambda _none: _("Votre compte et vos données personnelles ont été supprimés."),
        then=lambda _none: redirect("home"),
    ):
        return response
    return render(request, "congress/profile/account_delete.html", {"form": form})
