"""Speakers (issue 15): the public page of an edition's confirmed speakers, a photo (public
once consented), the speaker's own edit page, the organisers' list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.core.forms import add_service_errors, submit_form
from congress.editions.models import Congress
from tracks.speakers import selectors, services
from tracks.speakers.forms import OwnSpeakerProfileForm, SpeakerEmailForm, SpeakerProfileForm
from tracks.speakers.models import SpeakerProfile
from tracks.speakers.permissions import (
    can_edit_speaker_profile,
    can_manage_speakers,
    can_see_speaker_photo,
)
from tracks.views import visible_congress_or_404

PHOTO_TYPES = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg"}


def speaker_list(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    context = {"congress": congress, "speakers": selectors.public_speakers(congress)}
    return render(request, "tracks/speakers/speaker_list.html", context)


def speaker_photo(request, congress_slug, pk):
    profile = get_object_or_404(
        SpeakerProfile.objects.select_related("congress"), pk=pk, congress__slug=congress_slug
    )
    if not can_see_speaker_photo(request.user, profile):
        raise Http404
    extension = profile.photo.name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        profile.photo.open("rb"), content_type=PHOTO_TYPES.get(extension, "image/jpeg")
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "public, max-age=3600" if profile.photo_is_public else "private"
    return response


@login_required
def speaker_edit(request, congress_slug, pk):
    profile = get_object_or_404(
        SpeakerProfile.objects.select_related("congress"), pk=pk, congress__slug=congress_slug
    )
    if not can_edit_speaker_profile(request.user, profile):
        raise PermissionDenied
    initial = {
        "name": profile.name, "function": profile.function, "bio": profile.bio,
        "organisation_name": profile.organisation_name,
        "photo_consent": profile.photo_consent_at is not None, "version": profile.version,
    }  # fmt: skip
    form = OwnSpeakerProfileForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.speaker_profile_update_own(
                profile=profile, by=request.user, **form.cleaned_data
            )
        except services.EditConflict as conflict:
            _show_conflict(form, conflict)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Votre profil est enregistré."))
            return redirect("speaker_edit", profile.congress.slug, profile.pk)
    return render(
        request,
        "tracks/speakers/speaker_edit.html",
        {"congress": profile.congress, "profile": profile, "form": form},
        status=400 if form.errors else 200,
    )


def _show_conflict(form, conflict) -> None:
    """The error, the text as typed, and the current version: saving again overwrites, knowingly
    (the fields the other person saved are listed in the audit log)."""
    form.add_error(None, conflict.messages[0])
    form.data = form.data.copy()
    form.data["version"] = conflict.current.version


def _managed_congress(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if not can_manage_speakers(request.user, congress):
        raise PermissionDenied
    return congress


@login_required
def staff_speakers(request, congress_slug):
    """The organisers' list and the form adding a profile."""
    congress = _managed_congress(request, congress_slug)
    form = SpeakerProfileForm(request.POST or None, congress=congress)
    if response := submit_form(
        request,
        form,
        lambda data: services.speaker_profile_save(
            congress=congress, by=request.user, **{k: v for k, v in data.items() if k != "version"}
        ),
        success=_("Profil ajouté : confirmez-le pour le publier."),
        then=lambda _profile: redirect("staff_speakers", congress.slug),
    ):
        return response
    return render(
        request,
        "tracks/speakers/staff_speakers.html",
        {"congress": congress, "form": form, "speakers": selectors.staff_speakers(congress)},
        status=400 if form.errors else 200,
    )


@login_required
def staff_speaker_edit(request, congress_slug, pk):
    """The organisers edit a profile's text and sessions (the photo stays the speaker's)."""
    congress = _managed_congress(request, congress_slug)
    profile = get_object_or_404(SpeakerProfile, pk=pk, congress=congress)
    form = SpeakerProfileForm(
        request.POST or None,
        instance=profile,
        congress=congress,
        initial={"version": profile.version},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        sessions, version = data.pop("sessions"), data.pop("version")
        try:
            services.speaker_profile_save(
                congress=congress, by=request.user, profile=profile, sessions=sessions,
                version=version if version is not None else -1, **data,
            )  # fmt: skip
        except services.EditConflict as conflict:
            _show_conflict(form, conflict)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Profil de %(name)s enregistré.") % {"name": data["name"]})
            return redirect("staff_speakers", congress.slug)
    return render(
        request,
        "tracks/speakers/staff_speaker_edit.html",
        {"congress": congress, "profile": profile, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def staff_speakers_import(request, congress_slug):
    congress = _managed_congress(request, congress_slug)
    created = services.speaker_profiles_import(congress=congress, by=request.user)
    messages.success(
        request,
        ngettext(
            "%(n)s profil créé depuis les intervenant·es des sessions.",
            "%(n)s profils créés depuis les intervenant·es des sessions.",
            created,
        )
        % {"n": created},
    )
    return redirect("staff_speakers", congress.slug)


@login_required
@require_POST
def staff_speaker_confirm(request, congress_slug, pk):
    congress = _managed_congress(request, congress_slug)
    profile = get_object_or_404(SpeakerProfile, pk=pk, congress=congress)
    services.speaker_profile_confirm(profile=profile, by=request.user)
    messages.success(
        request, _("%(name)s est confirmé·e : son profil est public.") % {"name": profile.name}
    )
    return redirect("staff_speakers", congress.slug)


@login_required
@require_POST
def staff_speaker_email(request, congress_slug, pk):
    """The address that links a profile (an imported one has none) to its speaker's account."""
    congress = _managed_congress(request, congress_slug)
    profile = get_object_or_404(SpeakerProfile, pk=pk, congress=congress)
    form = SpeakerEmailForm(request.POST)
    if form.is_valid():
        services.speaker_profile_save(
            congress=congress, by=request.user, profile=profile,
            sessions=profile.sessions.all(), email=form.cleaned_data["email"],
        )  # fmt: skip
        messages.success(
            request,
            _("Adresse enregistrée : %(name)s peut modifier son profil.") % {"name": profile.name},
        )
    else:
        messages.error(request, _("Saisissez une adresse e-mail valide."))
    return redirect("staff_speakers", congress.slug)
