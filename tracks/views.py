from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core import keptpages
from congress.core.forms import submit_form
from congress.core.redirects import safe_next
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from congress.registrations.permissions import is_participant
from tracks import cached, cached_pages, selectors, services
from tracks.calendar import ical_response
from tracks.forms import SessionForm, TrackRoleForm
from tracks.models import Session, Track, TrackRole, WorkshopSignup
from tracks.pdf import sign_in_sheet_pdf
from tracks.permissions import can_manage_programme, can_see_attendees, can_sign_up


def visible_congress_or_404(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if congress.status == "draft" and not is_organiser(request.user, congress):
        raise Http404
    return congress


# --- public programme -------------------------------------------------------------------------


def programme(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    if congress.feature_on("many_venues"):
        # A public programme of many places has its own page (tracks.activities).
        target = reverse("activity_programme", kwargs={"congress_slug": congress.slug})
        query = request.GET.urlencode()
        return redirect(f"{target}?{query}" if query else target)
    body, cache_key = cached.programme_body(congress, request.GET)
    my_session_ids = set()
    if request.user.is_authenticated:
        my_session_ids = set(
            WorkshopSignup.objects.filter(
                user=request.user, session__congress=congress
            ).values_list("session_id", flat=True)
        )

    def build():
        body_html = cached.personalise(body, request.user, congress, my_session_ids)
        return render(request, "tracks/programme.html", {"congress": congress, "body": body_html})

    return keptpages.conditional_page(request, cache_key, build, scope=congress.pk, early=True)


def session_detail(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    try:
        session, body, cache_key = cached_pages.session_page(congress, pk)
    except Session.DoesNotExist:
        raise Http404 from None
    head, _marker, tail = body.partition(cached_pages.OUTCOME_LINK)
    tail = tail if _marker else None
    signup = None
    if request.user.is_authenticated:
        signup = WorkshopSignup.objects.filter(session=session, user=request.user).first()
    signup_open = congress.signup_is_open or can_manage_programme(request.user, congress)

    def build():
        return _session_detail_page(request, congress, session, head, tail, signup, signup_open)

    # ETag and 304 for anonymous visitors only (keptpages.conditional_page); the sign-up's open
    # or closed state (the time) is part of it, so a 304 never hides its closing.
    etag_key = f"{cache_key}:{signup_open}"
    # served before the view until the sign-up closes, the one change time makes
    until = congress.signup_deadline if congress.signup_is_open else None
    return keptpages.conditional_page(
        request, etag_key, build, scope=congress.pk, early=True, until=until
    )


def _session_detail_page(request, congress, session, head, tail, signup, signup_open):
    return render(
        request,
        "tracks/session_detail.html",
        {
            "congress": congress,
            "session": session,
            # rendered by our template, escaped there; the outcome form's link goes between
            "body_head": mark_safe(head),  # noqa: S308
            "body_tail": None if tail is None else mark_safe(tail),  # noqa: S308
            "signup": signup,
            "can_sign_up": can_sign_up(request.user, session),
            "signup_open": signup_open,
            "signup_deadline": services.deadline_text(congress.signup_deadline),
            "can_see_attendees": can_see_attendees(request.user, session),
        },
    )


def programme_ical(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    return cached.ical(request, congress, None)


def track_ical(request, congress_slug, slug):
    congress = visible_congress_or_404(request, congress_slug)
    track = get_object_or_404(Track, congress=congress, slug=slug)
    return cached.ical(request, congress, track)


def session_ical(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    session = get_object_or_404(Session.objects.select_related("room"), congress=congress, pk=pk)
    return ical_response([session], name=session.title, filename=f"session-{session.pk}.ics")


# --- workshop sign-up -------------------------------------------------------------------------


@login_required
@require_POST
def signup_create(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    session = get_object_or_404(Session, congress=congress, pk=pk)
    try:
        services.signup_create(session=session, user=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("Vous êtes inscrit·e à « %(title)s ».") % {"title": session.title}
        )
    return redirect(session)


@login_required
@require_POST
def signup_cancel(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    signup = get_object_or_404(
        WorkshopSignup.objects.select_related("session"),
        session__congress=congress,
        session__pk=pk,
        user=request.user,
    )
    try:
        services.signup_cancel(signup=signup, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Votre inscription à « %(title)s » est annulée.") % {"title": signup.session.title},
        )
    fallback = reverse("my_programme", args=[congress.slug])
    return redirect(safe_next(request, request.POST.get("next"), fallback))


@login_required
def my_programme(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    token = services.calendar_token(request.user, congress)
    entries = selectors.personal_programme(request.user, congress)
    calendar_url = request.build_absolute_uri(
        reverse("my_programme_ical", args=[congress.slug, request.user.pk, token])
    )
    return render(
        request,
        "tracks/my_programme.html",
        {
            "congress": congress,
            "entries": entries,
            "signups": [e.signup for e in entries if e.signup],
            "moderated": selectors.moderated_sessions(request.user, congress),
            "is_participant": is_participant(request.user, congress),
            "signup_open": congress.signup_is_open,
            "signup_deadline": services.deadline_text(congress.signup_deadline),
            "calendar_url": calendar_url,
            "webcal_url": "webcal://" + calendar_url.split("://", 1)[1],
        },
    )


def my_programme_ical(request, congress_slug, user_pk, token):
    congress = visible_congress_or_404(request, congress_slug)
    user = services.user_from_calendar_token(token, user_pk, congress)
    if user is None:
        raise Http404
    sessions = {e.session.pk: e.session for e in selectors.personal_programme(user, congress)}
    for session in selectors.moderated_sessions(user, congress):
        sessions.setdefault(session.pk, session)
    sessions = sorted(sessions.values(), key=lambda s: s.starts_at)
    return ical_response(sessions, name=_("Mon programme"), filename="mon-programme.ics")


@login_required
def session_attendees(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    session = get_object_or_404(
        Session.objects.prefetch_related("moderators").select_related("room"),
        congress=congress,
        pk=pk,
    )
    if not can_see_attendees(request.user, session):
        raise PermissionDenied
    return render(
        request,
        "tracks/session_attendees.html",
        {
            "congress": congress,
            "session": session,
            "attendees": selectors.session_attendee_sheet(session),
        },
    )


@login_required
def session_sign_in_sheet(request, congress_slug, pk):
    """The sign-in sheet (feuille d'émargement) of a session, as a PDF to print."""
    congress = visible_congress_or_404(request, congress_slug)
    session = get_object_or_404(
        Session.objects.prefetch_related("moderators").select_related("room", "congress"),
        congress=congress,
        pk=pk,
    )
    if not can_see_attendees(request.user, session):
        raise PermissionDenied
    pdf = sign_in_sheet_pdf(session, selectors.session_attendee_sheet(session))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="emargement-session-{session.pk}.pdf"'
    return response


# --- staff: roles and sessions ----------------------------------------------------------------


def _organiser_or_403(request, congress):
    if not is_organiser(request.user, congress):
        raise PermissionDenied


@login_required
def track_roles(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    form = TrackRoleForm(request.POST or None, congress=congress)
    if request.method == "POST":
        if "remove" in request.POST:
            role = get_object_or_404(
                TrackRole, pk=request.POST.get("remove"), track__congress=congress
            )
            services.track_role_remove(track_role=role, by=request.user)
            messages.success(request, _("Le rôle est retiré."))
            return redirect("track_roles", congress.slug)
        if form.is_valid():
            services.track_role_add(
                track=form.cleaned_data["track"],
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
                by=request.user,
            )
            messages.success(request, _("Le rôle est attribué."))
            return redirect("track_roles", congress.slug)
    return render(
        request,
        "tracks/staff/track_roles.html",
        {"congress": congress, "form": form, "roles": selectors.track_roles_of_congress(congress)},
    )


@login_required
def staff_sessions(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    return render(
        request,
        "tracks/staff/session_list.html",
        {"congress": congress, "sessions": selectors.sessions_for_programme(congress)},
    )


@login_required
def staff_session_grid(request, congress_slug):
    """The programme as a room × time grid, day by day, each session linking to its form."""
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    return render(
        request,
        "tracks/staff/session_grid.html",
        {"congress": congress, "days": selectors.scheduling_grid(congress)},
    )


@login_required
@require_POST
def session_delete(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    session = get_object_or_404(Session, congress=congress, pk=pk)
    try:
        services.session_delete(session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request, _("La session « %(title)s » est supprimée.") % {"title": session.title}
        )
    return redirect("staff_sessions", congress.slug)


@login_required
def session_edit(request, congress_slug, pk=None):
    congress = visible_congress_or_404(request, congress_slug)
    _organiser_or_403(request, congress)
    session = get_object_or_404(Session, congress=congress, pk=pk) if pk else None
    initial = {}
    if session:
        start = timezone.localtime(session.starts_at)
        initial = {
            "title": session.title, "session_type": session.session_type_id,
            "track": session.track_id, "description": session.description,
            "speakers": session.speakers, "room": session.room_id,
            "day": start.date().isoformat(), "start": start.time(),
            "end": timezone.localtime(session.ends_at).time(), "capacity": session.capacity,
            "moderators": [m.pk for m in session.moderators.all()],
            "lsf_interpretation": session.lsf_interpretation,
            "easy_read_material": session.easy_read_material,
        }  # fmt: skip
    form = SessionForm(request.POST or None, initial=initial, congress=congress)
    status = 200

    def save(data):
        return services.session_save(
            congress=congress,
            by=request.user,
            session=session,
            title=data["title"],
            session_type=data["session_type"],
            track=data["track"],
            description=data["description"],
            speakers=data["speakers"],
            lsf_interpretation=data["lsf_interpretation"],
            easy_read_material=data["easy_read_material"],
            **form.slot(),
        )

    def warn_and_list(saved):
        for warning in selectors.unmet_needs(saved):
            messages.warning(request, warning)
        return redirect("staff_sessions", congress.slug)

    if request.method == "POST":
        if response := submit_form(
            request, form, save, success=_("La session est enregistrée."), then=warn_and_list
        ):
            return response
        status = 400
    return render(
        request,
        "tracks/staff/session_form.html",
        {
            "congress": congress,
            "form": form,
            "session": session,
            "unmet_needs": selectors.unmet_needs(session) if session and session.pk else [],
        },
        status=status,
    )
