"""The registration pages up to the order: who is registered, the form, the review step (lines,
total, way to pay, cancellation terms) and « Confirmer »; the quote (devis) PDF (issue 12)."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from congress.accounts.permissions import has_confirmed_email
from congress.accounts.views import email_unconfirmed
from congress.core.forms import add_service_errors
from congress.editions.permissions import is_organiser
from congress.organisations.models import Organisation
from congress.registrations import drafts, quote, seats, selectors, services
from congress.registrations.forms import DelegateForm, OrderForm, StartForm
from congress.registrations.models import PaymentMethod
from congress.registrations.permissions import can_register_for
from congress.registrations.views import (
    _allow_checkout_redirect,
    _managed_organisations,
    _redirect_to_checkout,
    _visible_congress,
)

CONFIRMED_MESSAGES = {
    PaymentMethod.INVOICE: gettext_lazy(
        "Inscription confirmée, en attente de mandat administratif : "
        "la facture est disponible ci-dessous."
    ),
    PaymentMethod.TRANSFER: gettext_lazy(
        "Inscription confirmée, en attente de votre virement : "
        "ses coordonnées et la référence à indiquer sont ci-dessous."
    ),
    PaymentMethod.ON_SITE: gettext_lazy("Inscription confirmée : vous réglerez sur place."),
}


def _order_forms(request, congress, start) -> dict:
    """The order form and one delegate form per person, bound to the POST if any."""
    slug_org = start.cleaned_data["organisation"]
    organisation = None
    if slug_org:
        organisation = get_object_or_404(Organisation, slug=slug_org)
        if not can_register_for(request.user, organisation):
            raise PermissionDenied
    count = 1 if organisation is None else start.cleaned_data["count"]
    individual = organisation is None
    tariffs = [
        t
        for t in selectors.tariffs_for_sale(congress)
        if t.on_sale()
        and (t.audience == "invited" or seats.tariff_is_allowed(t, organisation=organisation))
    ]
    methods = {
        m for t in tariffs for m in selectors.payment_methods_offered(congress, t, organisation)
    }
    data = request.POST if request.method == "POST" else None
    public_body = organisation is not None and organisation.is_public_body
    return {
        "organisation": organisation,
        "individual": individual,
        "public_body": public_body,
        "no_payment_method": not methods,
        "order_form": OrderForm(data, tariffs=tariffs, public_body=public_body, methods=methods),
        "delegates": [
            DelegateForm(data, congress=congress, individual=individual, prefix=f"d{i}")
            for i in range(count)
        ],
    }


def _order_data(request, congress, forms) -> dict | None:
    """The order as typed, ready for the services, or None if a form has errors."""
    order_form, delegates = forms["order_form"], forms["delegates"]
    if not (order_form.is_valid() and all(f.is_valid() for f in delegates)):
        return None
    return {
        "congress": congress,
        "by": request.user,
        "organisation": forms["organisation"],
        "delegates": [f.cleaned_data for f in delegates],
        **order_form.cleaned_data,
    }


@login_required
def registration_start(request, slug):
    congress = _visible_congress(request, slug)
    if not has_confirmed_email(request.user):
        return email_unconfirmed(request)
    start = StartForm(request.GET or None, organisations=_managed_organisations(request.user))
    window = selectors.registration_window(congress)
    context = {
        "congress": congress,
        "window": window,
        "late": not window.is_open and is_organiser(request.user, congress),
        "tariffs": selectors.tariffs_for_sale(congress),
        # A place offered from the waitlist to this person is theirs: not counted as taken.
        "places_left": seats.places_left(
            congress, exclude_offer=selectors.user_live_offer(request.user, congress)
        ),
        "start": start,
        "waitlist_entry": selectors.user_waitlist(request.user).filter(congress=congress).first(),
    }
    closed = not (window.is_open or context["late"])
    if closed or not start.is_bound or not start.is_valid():
        return render(request, "congress/registrations/start.html", context)
    forms = _order_forms(request, congress, start)
    context.update(forms, full=False)
    action = request.POST.get("action")
    order_data = _order_data(request, congress, forms) if request.method == "POST" else None
    if order_data is not None and action != "edit":
        try:
            if action == "confirm":
                key = request.POST.get("confirm_key") or uuid.uuid4().hex
                order = services.order_create_once(key=key, **order_data)
                return _after_order(request, order)
            draft = drafts.order_check(**order_data)
        except seats.PlacesUnavailable as error:
            context["full"] = True
            add_service_errors(forms["order_form"], error)
        except ValidationError as error:
            add_service_errors(forms["order_form"], error)
        else:
            context.update(draft=draft, confirm_key=uuid.uuid4().hex, query=request.GET.urlencode())
            response = render(request, "congress/registrations/review.html", context)
            return _allow_checkout_redirect(response)
    response = render(request, "congress/registrations/order_form.html", context)
    return _allow_checkout_redirect(response)


def _after_order(request, order):
    if order.payment_method == PaymentMethod.CARD:
        return _redirect_to_checkout(request, order)
    messages.success(
        request, CONFIRMED_MESSAGES.get(order.payment_method, _("Inscription confirmée."))
    )
    return redirect(order)


@login_required
@require_POST
def registration_quote(request, slug):
    """The quote (devis) of the order being reviewed, as a PDF: nothing is written."""
    congress = _visible_congress(request, slug)
    if not has_confirmed_email(request.user):
        raise PermissionDenied
    slug_org = request.GET.get("organisation")
    if slug_org:  # a quote in the name of an organisation one does not manage: refused
        organisation = get_object_or_404(Organisation, slug=slug_org)
        if not can_register_for(request.user, organisation):
            raise PermissionDenied
    start = StartForm(request.GET, organisations=_managed_organisations(request.user))
    if not start.is_valid():
        return redirect("registration_start", slug=slug)
    forms = _order_forms(request, congress, start)
    order_data = _order_data(request, congress, forms)
    try:
        if order_data is None:
            raise ValidationError(_("Le devis n'a pas pu être établi : vérifiez la commande."))
        draft = drafts.order_check(**order_data)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        back = reverse("registration_start", kwargs={"slug": slug})
        return redirect(f"{back}?{request.GET.urlencode()}")
    pdf = quote.quote_pdf(draft, placed_by=request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="devis-{congress.slug}.pdf"'
    return response
