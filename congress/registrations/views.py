"""Pages of registration, payment and invoicing; the Stripe webhook; the organisers' board."""

import io
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from congress.audit import services as audit_services
from congress.core.redirects import safe_next
from congress.core.spreadsheets import neutralise_frame
from congress.editions.models import Congress
from congress.editions.permissions import is_organiser
from congress.organisations import selectors as organisations_selectors
from congress.organisations.permissions import is_manager
from congress.payments import card
from congress.payments.models import Invoice
from congress.payments.pdf import invoice_pdf
from congress.registrations import board, checkout, seats, selectors, services
from congress.registrations.forms import (
    BoardFilterForm,
    RecordPaymentForm,
)
from congress.registrations.models import OrderState, Registration, WaitlistEntry
from congress.registrations.permissions import can_view_order

logger = logging.getLogger(__name__)


def _visible_congress(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if congress.status == "draft" and not is_organiser(request.user, congress):
        raise Http404
    return congress


def _allow_checkout_redirect(response):
    """Forms posting here may be redirected to Stripe Checkout: CSP `form-action` must say so."""

    config = {key: list(value) for key, value in settings.SECURE_CSP.items()}
    config["form-action"] = [*config.get("form-action", []), card.checkout_origin()]
    response._csp_config = config
    return response


def _managed_organisations(user):
    return [
        m.organisation
        for m in organisations_selectors.user_memberships(user)
        if is_manager(user, m.organisation) or user.is_superuser
    ]


def _redirect_to_checkout(request, order):
    detail = request.build_absolute_uri(order.get_absolute_url())
    try:
        url = checkout.order_start_checkout(
            order=order,
            by=request.user,
            success_url=detail + "?paiement=retour",
            cancel_url=detail + "?paiement=abandon",
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(order)
    return redirect(url)


def _order_for(request, slug, pk):
    congress = get_object_or_404(Congress, slug=slug)
    order = selectors.order_with_details(congress, pk)
    if not can_view_order(request.user, order):
        raise Http404
    return order


@login_required
def order_detail(request, slug, pk):
    order = _order_for(request, slug, pk)
    window = selectors.registration_window(order.congress)
    returning = request.GET.get("paiement")
    response = render(
        request,
        "congress/registrations/order_detail.html",
        {
            "order": order,
            "congress": order.congress,
            "returning": returning,
            "card_available": card.card_payment_available(),
            "card_unavailable_reason": card.card_unavailable_reason(),
            "can_cancel": order.state not in (OrderState.CANCELLED, OrderState.EXPIRED)
            and (
                order.state == OrderState.PENDING_PAYMENT
                or window.cancellation_open()
                or is_organiser(request.user, order.congress)
            ),
            "window": window,
        },
    )
    return _allow_checkout_redirect(response)


@login_required
@require_POST
def order_pay(request, slug, pk):
    order = _order_for(request, slug, pk)
    return _redirect_to_checkout(request, order)


@login_required
@require_POST
def order_cancel(request, slug, pk):
    order = _order_for(request, slug, pk)
    try:
        services.order_cancel(order=order, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("La commande est annulée."))
    back_to_board = safe_next(request, request.POST.get("next"), "") == "board"
    if back_to_board and is_organiser(request.user, order.congress):
        return redirect("registration_board", slug=slug)
    return redirect(order)


@login_required
def invoice_download(request, slug, pk, invoice_pk):
    order = _order_for(request, slug, pk)
    invoice = get_object_or_404(Invoice, pk=invoice_pk, order=order)

    response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{invoice.reference}.pdf"'
    return response


@login_required
@require_POST
def waitlist_join(request, slug):
    congress = _visible_congress(request, slug)
    try:
        seats.waitlist_join(congress=congress, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Vous êtes sur la liste d'attente : nous vous écrirons dès qu'une place se libère."),
        )
    return redirect("registration_start", slug=slug)


@login_required
@require_POST
def waitlist_leave(request, slug, pk):
    congress = _visible_congress(request, slug)
    entry = get_object_or_404(WaitlistEntry, pk=pk, congress=congress)
    seats.waitlist_leave(entry=entry, by=request.user)
    messages.success(request, _("Vous avez quitté la liste d'attente."))
    return redirect("account")


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's notifications: verified, then handled once (a replay gets a 200 too)."""
    import stripe

    if not card.card_payment_available():
        return HttpResponse(status=404)
    try:
        event = card.construct_event(request.body, request.headers.get("Stripe-Signature", ""))
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponse(
            _("Événement Stripe refusé : signature invalide ou contenu mal formé."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    try:
        outcome = checkout.stripe_event_process(event=event)
    except stripe.StripeError:
        logger.exception("Stripe unreachable while handling %s", event["id"])
        return HttpResponse(status=503)  # Stripe retries later
    logger.info("Stripe event %s (%s): %s", event["id"], event["type"], outcome)
    return HttpResponse(outcome, status=200, content_type="text/plain")


# --- organisers -----------------------------------------------------------------------------


@login_required
def registration_board(request, slug):
    congress = get_object_or_404(Congress, slug=slug)
    if not is_organiser(request.user, congress):
        raise PermissionDenied
    tariffs = list(selectors.tariffs_for_sale(congress))
    filters = BoardFilterForm(request.GET or None, tariffs=tariffs)
    filters.is_valid()
    data = {k: v for k, v in (getattr(filters, "cleaned_data", {}) or {}).items() if v}
    registrations = selectors.registrations_board(congress, **data)
    export = request.GET.get("export")
    if export in ("csv", "xlsx"):
        audit_services.audit_record(
            actor=request.user,
            action=f"export.registrations.{export}",
            congress=congress,
            details={"filters": data and {k: str(v) for k, v in data.items()} or {}},
        )
        return _export(congress, registrations, export)
    totals, places_left, waitlist = selectors.board_figures(congress)
    # The page's rows chosen on the registrations' own columns (their sort name), then read
    # as fingerprints (congress/registrations/board.py)
    page = Paginator(registrations.values_list("pk", flat=True), 50).get_page(
        request.GET.get("page")
    )
    page.object_list = board.fingerprint_rows(registrations, list(page.object_list))
    return render(
        request,
        "congress/registrations/board.html",
        {
            "congress": congress,
            "filters": board.cached_filters(filters, tariffs),
            "page": page,
            "rows": board.rows_html(request, congress, page, registrations),
            "totals": totals,
            "places_left": places_left,
            "waitlist": waitlist,
            "query": request.GET.urlencode(),
        },
    )


def _export(congress, registrations, fmt):
    import pandas as pd

    rows = [
        {
            "Nom": r.full_name,
            "E-mail": r.email,
            "Fonction": r.function,
            "Organisation": r.order.organisation.name if r.order.organisation else "",
            "Département": r.order.organisation.departement if r.order.organisation else "",
            "Tarif": r.tariff.name,
            "Prix": float(r.price),
            "Commande": r.order.reference,
            "État": r.order.get_state_display(),
            "Jours": ", ".join(r.days),
            "Besoins": "; ".join(r.accessibility_needs),
            "Photo": "oui" if r.photo_consent else "non",
        }
        for r in registrations
    ]
    frame = neutralise_frame(pd.DataFrame(rows))  # no cell read as a formula
    name = f"inscriptions-{congress.slug}"
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response.write(frame.to_csv(index=False, sep=";"))
        return response

    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="Inscriptions", engine="openpyxl")
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
@require_POST
def board_record_payment(request, slug, pk):
    congress = get_object_or_404(Congress, slug=slug)
    if not is_organiser(request.user, congress):
        raise PermissionDenied  # before looking the order up: no probing of order numbers
    order = selectors.order_with_details(congress, pk)
    form = RecordPaymentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez la date et la référence du paiement."))
        return redirect("registration_board", slug=slug)
    try:
        services.order_record_payment(order=order, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Paiement enregistré pour %(ref)s.") % {"ref": order.reference})
    return redirect("registration_board", slug=slug)


@login_required
@require_POST
def board_resend(request, slug, pk):
    congress = get_object_or_404(Congress, slug=slug)
    registration = get_object_or_404(Registration, pk=pk, congress=congress)
    try:
        services.registration_resend_confirmation(registration=registration, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("La confirmation part vers %(email)s : elle arrivera dans quelques minutes.")
            % {"email": registration.email},
        )
    return redirect(reverse("registration_board", kwargs={"slug": slug}))
