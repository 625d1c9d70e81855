"""Public pages of editions (home, list, detail, theme, legal pages), orphaned organisations."""

import hashlib
import re

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congress.core import keptpages, pagecache
from congress.editions import cached, selectors, services
from congress.editions.models import Congress
from congress.editions.permissions import can_access_staff_area, is_organiser
from congress.organisations.models import Organisation

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="\w+"')


def home(request):
    congress = Congress.objects.current()
    if congress is None:
        return render(
            request,
            "congress/editions/home_empty.html",
            {"editions": selectors.congress_list_visible()},
        )
    return congress_page(request, congress, template="congress/editions/home.html")


def congress_detail(request, slug):
    congress = get_object_or_404(Congress, slug=slug)
    if congress.status == "draft" and not is_organiser(request.user, congress):
        raise Http404
    return congress_page(request, congress, template="congress/editions/congress_detail.html")


def congress_page(request, congress, *, template):
    """The edition's shared part from the cache (congress/editions/cached.py), its live parts
    rendered for this request; an ETag and 304 for anonymous visitors (the live parts are in
    the ETag, so a change of places left or of the phase is never hidden behind a 304)."""
    home = template == "congress/editions/home.html"
    body, cache_key = cached.edition_body(congress, home=home)
    page = cached.personalise(request, body, congress)

    def build():
        return render(request, template, {"congress": congress, "body": page})

    # the live parts' state; the CSRF token is masked afresh each time (its cookie is in the ETag)
    live = hashlib.sha256(CSRF_INPUT.sub("", page).encode()).hexdigest()[:16]
    etag_key = (
        f"{cache_key}:{live}:{congress.is_upcoming}"  # the phase badge of /congresses/<slug>/
    )
    # Served before the view while the edition's, the site's and the live parts' versions hold
    # (the live parts tell their own moments to pagecache.changes_at), until the phase badge
    # turns at the first day and the page's « ended » at the end.
    pagecache.changes_at(congress.starts_at)
    pagecache.changes_at(congress.ended_at)
    return keptpages.conditional_page(request, etag_key, build, scope=congress.pk, early=True)


def congress_list(request):
    return render(
        request,
        "congress/editions/congress_list.html",
        {"editions": selectors.congress_list_visible()},
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
        "mentions-legales": "congress/editions/legal/mentions.html",
        "donnees-personnelles": "congress/editions/legal/privacy.html",
        "accessibilite": "congress/editions/legal/accessibility.html",
    }
    if page not in templates:
        raise Http404
    return render(request, templates[page], {"congress": Congress.objects.current()})


class OrphanInvitationForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Adresse e-mail du nouveau gestionnaire"))


@login_required
def orphaned_organisations(request):
    """Organisations whose last manager erased their account: hidden from the public until an
    organiser has invited a new manager and that person has accepted."""
    if not can_access_staff_area(request.user):
        raise PermissionDenied
    return render(
        request,
        "congress/editions/orphaned_organisations.html",
        {
            "organisations": Organisation.objects.orphaned().order_by("orphaned_at", "name"),
            "form": OrphanInvitationForm(),
        },
    )


@login_required
@require_POST
def orphaned_organisation_invite(request, slug):
    if not can_access_staff_area(request.user):
        raise PermissionDenied
    organisation = get_object_or_404(Organisation.objects.orphaned(), slug=slug)
    form = OrphanInvitationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez une adresse e-mail valide."))
        return redirect("orphaned_organisations")
    try:
        invitation = services.orphaned_organisation_invite(
            organisation=organisation, email=form.cleaned_data["email"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Invitation envoyée à %(email)s.") % {"email": invitation.email}
        )
    return redirect("orphaned_organisations")
