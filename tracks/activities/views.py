"""Public programme of many activities and free sign-up without an account (issue 15).

Every URL here belongs to a feature (congress.editions.kinds): congress/urls.py answers 404
before these views run when the edition has it switched off."""

from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core import throttling
from congress.core.forms import submit_form
from congress.editions.permissions import is_organiser
from tracks.activities import mine, selectors, services
from tracks.activities.forms import ActivityFilterForm, MyActivitiesLinkForm, PublicRegistrationForm
from tracks.activities.permissions import online_link_given, public_signup_open
from tracks.models import Session
from tracks.views import visible_congress_or_404


def _programme_visible(request, congress) -> bool:
    return congress.programme_published or is_organiser(request.user, congress)


def activity_programme(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    filters = ActivityFilterForm(request.GET or None, congress=congress)
    data = filters.cleaned_data if filters.is_valid() else {}
    groups = []
    if _programme_visible(request, congress):
        sessions = list(selectors.activities(congress, filters=data))
        by_place = data.get("view") == "place"
        groups = selectors.by_place(sessions) if by_place else selectors.by_day(sessions)
    return render(
        request,
        "tracks/activities/programme.html",
        {
            "congress": congress,
            "filters": filters,
            "groups": groups,
            "by_place": data.get("view") == "place",
            "programme_visible": _programme_visible(request, congress),
        },
    )


def _register(request, congress, session):
    form = PublicRegistrationForm(request.POST or None)
    if response := submit_form(
        request,
        form,
        lambda data: services.activity_register(
            congress=congress, session=session, user=request.user, **data
        ),
        success=None,
        then=lambda registration: render(
            request,
            "tracks/activities/registration_sent.html",
            {"congress": congress, "session": session, "registration": registration},
        ),
    ):
        return response
    return render(
        request,
        "tracks/activities/register.html",
        {
            "congress": congress,
            "session": session,
            "form": form,
            "open": public_signup_open(congress, session),
            "places_left": selectors.places_left(congress, session),
        },
        status=400 if form.errors else 200,
    )


def activity_register(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    if not _programme_visible(request, congress):
        raise Http404
    session = get_object_or_404(
        Session.objects.select_related("room__venue", "session_type", "track"),
        congress=congress,
        pk=pk,
    )
    return _register(request, congress, session)


def evening_register(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    if congress.kind != "evening":
        raise Http404
    return _register(request, congress, None)


def _registration_or_404(congress_slug, token):
    registration = services.registration_from_token(token)
    if registration is None or registration.congress.slug != congress_slug:
        raise Http404
    return registration


def activity_registration_detail(request, congress_slug, token):
    registration = _registration_or_404(congress_slug, token)
    return render(
        request,
        "tracks/activities/registration_detail.html",
        {
            "congress": registration.congress,
            "registration": registration,
            "session": registration.session,
            "token": token,
            "online_link": online_link_given(registration),
            "person_token": mine.person_token(registration.congress, registration.email),
        },
    )


@require_POST
def activity_registration_cancel(request, congress_slug, token):
    registration = _registration_or_404(congress_slug, token)
    try:
        services.activity_registration_cancel(registration=registration)
    except ValidationError:
        pass  # already cancelled: the page says so
    return redirect("activity_registration_detail", congress_slug=congress_slug, token=token)


def _with_tokens(registrations) -> list:
    return [(r, services.registration_token(r)) for r in registrations]


def my_activities(request, congress_slug):
    """« Mes activités »: ask for the signed link by e-mail; signed in, one's own list too."""
    congress = visible_congress_or_404(request, congress_slug)
    form = MyActivitiesLinkForm(request.POST or None)
    sent, status = False, 200
    if request.method == "POST" and form.is_valid():
        client = throttling.client_address(request)
        if mine.link_request_blocked(form.cleaned_data["email"], client):
            form.add_error(
                None, _("Trop de demandes pour cette adresse. Réessayez dans une heure.")
            )
            status = 429
        else:
            mine.my_activities_link_send(
                congress=congress, email=form.cleaned_data["email"], client=client
            )
            sent = True
    elif form.errors:
        status = 400
    own = _with_tokens(mine.registrations_of(congress, user=request.user))
    return render(
        request,
        "tracks/activities/my_activities.html",
        {"congress": congress, "form": form, "sent": sent, "registrations": own},
        status=status,
    )


def my_activities_list(request, congress_slug, token):
    congress = visible_congress_or_404(request, congress_slug)
    email = mine.email_from_token(congress, token)
    if email is None:
        raise Http404
    return render(
        request,
        "tracks/activities/my_activities_list.html",
        {
            "congress": congress,
            "email": email,
            "registrations": _with_tokens(mine.registrations_of(congress, email=email)),
        },
    )
