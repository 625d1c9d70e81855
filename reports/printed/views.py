"""Printed matter: the organisers' badge and door-sign pages, the printed programme, the
share page and the invitation letter."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.editions.models import Congress, Room
from reports.printed import pdf, selectors, services
from reports.printed.exhibitors import ExhibitorBadgeForm, exhibitor_badges
from reports.printed.forms import (
    BadgeFilterForm,
    BadgeGuestForm,
    BadgePrintForm,
    InvitationLetterForm,
)
from reports.printed.invitation import edition_dates, letter_text, registration_route
from reports.printed.models import BadgeGuest
from reports.printed.permissions import (
    can_edit_invitation,
    can_preview_printed_programme,
    can_print_badges,
    can_print_signs,
    is_public,
)
from reports.printed.press import PressBadgeForm, press_badges
from reports.printed.stock import STOCKS


def _congress(request, slug, predicate) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if not predicate(request.user, congress):
        raise PermissionDenied
    return congress


def _public_congress(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if not (is_public(congress) or can_preview_printed_programme(request.user, congress)):
        raise Http404
    return congress


def _pdf(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- badges -----------------------------------------------------------------------------------


def _badge_filters(data, congress, people) -> BadgeFilterForm:
    return BadgeFilterForm(
        data,
        congress=congress,
        organisations=selectors.badge_organisations(people),
    )


@login_required
def badge_list(request, congress_slug, guest_form=None):
    congress = _congress(request, congress_slug, can_print_badges)
    people = selectors.badge_people(congress)
    filters = _badge_filters(request.GET or None, congress, people)
    shown = selectors.filter_badges(people, **filters.filters())
    return render(
        request,
        "reports/printed/badges.html",
        {
            "congress": congress,
            "filters": filters,
            "people": shown,
            "total": len(people),
            "print_form": BadgePrintForm(),
            "guest_form": guest_form or BadgeGuestForm(),
        },
        status=400 if guest_form is not None else 200,
    )


@login_required
@require_POST
def badge_guest_add(request, congress_slug):
    congress = _congress(request, congress_slug, can_print_badges)
    form = BadgeGuestForm(request.POST)
    if response := submit_form(
        request,
        form,
        lambda data: services.badge_guest_add(congress=congress, by=request.user, **data),
        success=_("Le badge est ajouté."),
        then=lambda _badge: redirect("badge_list", congress.slug),
    ):
        return response
    request.GET = request.GET.copy()  # the list, unfiltered, with the form's errors
    request.GET.clear()
    return badge_list(request, congress_slug, guest_form=form)


@login_required
@require_POST
def badge_guest_remove(request, congress_slug, pk):
    congress = _congress(request, congress_slug, can_print_badges)
    guest = get_object_or_404(BadgeGuest, pk=pk, congress=congress)
    services.badge_guest_remove(guest=guest, by=request.user)
    messages.success(request, _("Le badge est retiré."))
    return redirect("badge_list", congress.slug)


@login_required
@require_POST
def badge_print(request, congress_slug):
    """The badges of the filtered list (or one, to reprint it) as a PDF; they are marked as
    printed."""
    congress = _congress(request, congress_slug, can_print_badges)
    form = BadgePrintForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choisissez un support d'impression."))
        return redirect("badge_list", congress.slug)
    people = selectors.badge_people(congress)
    key = form.cleaned_data["person"]
    if key:
        chosen = [person for person in people if person.key == key]
        if not chosen:
            raise Http404
    else:
        filters = _badge_filters(request.POST, congress, people)
        if not filters.is_valid():
            messages.error(request, _("Ces filtres ne sont pas valides : rien n'a été imprimé."))
            return redirect("badge_list", congress.slug)
        chosen = selectors.filter_badges(people, **filters.filters())
    if not chosen:
        messages.error(request, _("Aucun badge ne correspond à ces filtres."))
        return redirect("badge_list", congress.slug)
    stock = STOCKS[form.cleaned_data["stock"]]
    content = pdf.badges_pdf(congress, chosen, stock)
    services.badges_mark_printed(
        congress=congress, person_keys=[p.key for p in chosen], by=request.user
    )
    return _pdf(content, f"badges-{congress.slug}-{stock.code}.pdf")


@login_required
def exhibitor_badge_pdf(request, congress_slug):
    """The form, then (GET, read-only) the badges of the accepted stands, `copies` per stand."""
    congress = _congress(request, congress_slug, can_print_badges)
    form = ExhibitorBadgeForm(request.GET or None)
    badges = (
        exhibitor_badges(congress, copies=form.cleaned_data["copies"]) if form.is_valid() else []
    )
    if form.is_valid() and badges:
        stock = STOCKS[form.cleaned_data["stock"]]
        content = pdf.badges_pdf(congress, badges, stock)
        return _pdf(content, f"badges-exposants-{congress.slug}-{stock.code}.pdf")
    if form.is_valid():
        form.add_error(None, _("Aucun stand n'est encore accepté : pas de badge à imprimer."))
    return render(
        request,
        "reports/printed/exhibitor_badges.html",
        {"congress": congress, "form": form, "stand_count": congress.stands.count()},  # fmt: skip
        status=400 if form.errors else 200,
    )


@login_required
def press_badge_pdf(request, congress_slug):
    """The form, then (GET, read-only) a « PRESSE » badge per accepted accreditation."""
    congress = _congress(request, congress_slug, can_print_badges)
    form = PressBadgeForm(request.GET or None)
    badges = press_badges(congress) if form.is_valid() else []
    if badges:
        stock = STOCKS[form.cleaned_data["stock"]]
        content = pdf.badges_pdf(congress, badges, stock)
        return _pdf(content, f"badges-presse-{congress.slug}-{stock.code}.pdf")
    if form.is_valid():
        form.add_error(
            None, _("Aucune accréditation presse n'est acceptée : pas de badge à imprimer.")
        )
    return render(
        request,
        "reports/printed/press_badges.html",
        {"congress": congress, "form": form},
        status=400 if form.errors else 200,
    )


# --- door signs -------------------------------------------------------------------------------


@login_required
def sign_list(request, congress_slug):
    congress = _congress(request, congress_slug, can_print_signs)
    return render(
        request,
        "reports/printed/signs.html",
        {"congress": congress, "signs": selectors.door_signs(congress)},
    )


@login_required
def sign_pdf(request, congress_slug, room_pk, day):
    congress = _congress(request, congress_slug, can_print_signs)
    room = get_object_or_404(Room, pk=room_pk, venue__congress=congress)
    try:
        day = date.fromisoformat(day)
    except ValueError:
        raise Http404 from None
    sign = selectors.door_sign(congress, room, day)
    if not sign.sessions:
        raise Http404
    return _pdf(pdf.door_sign_pdf(congress, sign), pdf.sign_filename(sign))


@login_required
def sign_zip(request, congress_slug):
    congress = _congress(request, congress_slug, can_print_signs)
    signs = selectors.door_signs(congress)
    if not signs:
        raise Http404
    response = HttpResponse(pdf.door_signs_zip(congress, signs), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="signaletique-{congress.slug}.zip"'
    return response


# --- the printed programme (public) -----------------------------------------------------------


def _programme(request, congress_slug, *, large_print: bool) -> HttpResponse:
    congress = _public_congress(request, congress_slug)
    content = pdf.programme_pdf(
        congress,
        selectors.programme_booklet(congress),
        large_print=large_print,
        language=translation.get_language(),
    )
    suffix = "-gros-caracteres" if large_print else ""
    return _pdf(content, f"programme-{congress.slug}{suffix}.pdf", inline=True)


def programme_booklet(request, congress_slug):
    return _programme(request, congress_slug, large_print=False)


def programme_large_print(request, congress_slug):
    return _programme(request, congress_slug, large_print=True)


# --- passing the invitation on ----------------------------------------------------------------


def _letter(request, congress) -> tuple[list[str], dict]:
    details = selectors.share_details(congress)
    text = letter_text(
        congress,
        tracks=details["tracks"],
        venues=details["venues"],
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    paragraphs = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return paragraphs, details


def share_page(request, congress_slug):
    congress = _public_congress(request, congress_slug)
    details = selectors.share_details(congress)
    return render(
        request,
        "reports/printed/share.html",
        {
            "congress": congress,
            "dates": edition_dates(congress),
            "share_url": request.build_absolute_uri(),
            "register": registration_route(congress),
            **details,
        },
    )


def invitation_letter_pdf(request, congress_slug):
    congress = _public_congress(request, congress_slug)
    paragraphs, details = _letter(request, congress)
    content = pdf.invitation_pdf(
        congress, paragraphs, details=details, language=translation.get_language()
    )
    return _pdf(content, f"invitation-{congress.slug}.pdf", inline=True)


@login_required
def invitation_edit(request, congress_slug):
    congress = _congress(request, congress_slug, can_edit_invitation)
    paragraphs, _details = _letter(request, congress)
    form = InvitationLetterForm(request.POST or None, initial={"body": "\n\n".join(paragraphs)})
    if response := submit_form(
        request,
        form,
        lambda data: services.invitation_letter_update(
            congress=congress, body=data["body"], by=request.user
        ),
        success=_("La lettre d'invitation est enregistrée."),
        then=lambda _letter: redirect("invitation_edit", congress.slug),
    ):
        return response
    return render(
        request,
        "reports/printed/invitation_edit.html",
        {"congress": congress, "form": form},
        status=400 if form.errors else 200,
    )
