"""Tickets and certificates to download, and the public page that checks a certificate."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from congress.onsite import documents, selectors
from congress.onsite.models import CertificateSettings
from congress.onsite.permissions import (
    can_manage_desk,
    can_view_certificate,
    can_view_organisation_tickets,
    can_view_ticket,
)
from congress.onsite.tokens import certificate_registration_id, certificate_token
from congress.organisations.models import Organisation
from congress.registrations import tickets
from congress.registrations.models import Registration


def _congress(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if congress.status == "draft" and not is_organiser(request.user, congress):
        raise Http404
    return congress


def _pdf_response(content: bytes, filename: str, content_type="application/pdf") -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-cache"
    return response


def _registration(congress, pk) -> Registration:
    return get_object_or_404(
        selectors.confirmed_registrations(congress).select_related(
            "congress", "order__organisation"
        ),
        pk=pk,
    )


@login_required
def ticket_list(request, slug):
    congress = _congress(request, slug)
    return render(
        request,
        "congress/onsite/tickets.html",
        {"congress": congress, "groups": selectors.ticket_groups(request.user, congress)},
    )


@login_required
def ticket_download(request, slug, pk):
    congress = _congress(request, slug)
    registration = _registration(congress, pk)
    if not can_view_ticket(request.user, registration):
        raise Http404  # someone else's ticket: as if it did not exist
    page_format = request.GET.get("format", "a4")
    if page_format not in tickets.TICKET_FORMATS:
        page_format = "a4"
    pdf = tickets.ticket_pdf([registration], page_format=page_format)
    return _pdf_response(pdf, f"billet-{congress.slug}-{registration.pk}.pdf")


@login_required
def organisation_tickets(request, slug, organisation_slug):
    congress = _congress(request, slug)
    organisation = get_object_or_404(Organisation, slug=organisation_slug)
    if not can_view_organisation_tickets(request.user, organisation, congress):
        raise Http404
    delegates = selectors.organisation_delegates(congress, organisation)
    if not delegates:
        raise Http404
    pdf = tickets.ticket_pdf(delegates, page_format="a4")
    return _pdf_response(pdf, f"billets-{congress.slug}-{organisation.slug}.pdf")


def _certificate(request, registration, days) -> bytes:
    token = certificate_token(registration)
    verify_url = request.build_absolute_uri(reverse("certificate_verify", args=[token]))
    settings = CertificateSettings.objects.filter(congress=registration.congress).first()
    return documents.certificate_pdf(
        registration, days=days, settings=settings, verify_url=verify_url
    )


@login_required
def certificate_download(request, slug, pk):
    congress = _congress(request, slug)
    registration = _registration(congress, pk)
    if not can_view_certificate(request.user, registration):
        raise Http404
    days = selectors.attended_days(registration)
    if not days:
        raise Http404  # no arrival recorded: nothing to certify
    pdf = _certificate(request, registration, days)
    number = documents.certificate_number(registration)
    return _pdf_response(pdf, f"attestation-{number}.pdf")


@login_required
def organisation_certificates(request, slug, organisation_slug):
    congress = get_object_or_404(Congress, slug=slug)
    if not can_manage_desk(request.user, congress):
        raise Http404
    organisation = get_object_or_404(Organisation, slug=organisation_slug)
    items = [
        (registration, _certificate(request, registration, days))
        for registration in selectors.organisation_delegates(congress, organisation)
        if (days := sorted(c.day for c in registration.check_ins.all()))
    ]
    if not items:
        raise Http404
    archive = documents.certificates_zip(items)
    filename = f"attestations-{congress.slug}-{organisation.slug}.zip"
    return _pdf_response(archive, filename, content_type="application/zip")


def certificate_verify(request, token):
    """Public: is this certificate genuine? Its number, edition and days, no name (see the
    template): the paper in the verifier's hands carries the rest."""
    pk = certificate_registration_id(token)
    registration = (
        Registration.objects.select_related("congress").filter(pk=pk).first() if pk else None
    )
    days = selectors.attended_days(registration) if registration else []
    valid = bool(days) and registration.status == "confirmed"
    context = {"valid": valid}
    if valid:
        context.update(
            congress=registration.congress,
            number=documents.certificate_number(registration),
            days=days,
        )
    response = render(request, "congress/onsite/verify.html", context, status=200 if valid else 404)
    response["X-Robots-Tag"] = "noindex"
    return response
