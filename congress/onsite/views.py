"""The welcome desk's pages (search, scan, check in, undo) and the organisers' on-site pages
(live figures, the desk team, certificate settings)."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.editions.models import Congress
from congress.onsite import guests, selectors, services
from congress.onsite.forms import (
    CertificateSettingsForm,
    DeskRoleGrantForm,
    DeskSearchForm,
    TicketTokenForm,
    WalkInForm,
    WalkInInvoiceForm,
)
from congress.onsite.models import CertificateSettings, CheckIn, DeskRole
from congress.onsite.permissions import can_check_in, can_manage_desk
from congress.registrations.models import Order, Tariff
from congress.registrations.tickets import ticket_registration_id


def _desk_congress(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if not can_check_in(request.user, congress):
        raise PermissionDenied
    return congress


def _organiser_congress(request, slug) -> Congress:
    congress = get_object_or_404(Congress, slug=slug)
    if not can_manage_desk(request.user, congress):
        raise PermissionDenied
    return congress


def _desk_day(congress, chosen: str):
    """The day the desk works for, and the value to carry in its forms and links (empty when it
    is the default one: today, or the first day before the congress)."""
    day = selectors.desk_day(congress, chosen)
    return day, (day.isoformat() if day and day != selectors.desk_day(congress) else "")


def clock(moment) -> str:
    """« 9 h 12 » in French, « 9:12 » in English."""
    return date_format(timezone.localtime(moment), _("G \\h i"))


def _back_to_desk(congress, *, query="", shown=None, day=""):
    params = {key: value for key, value in (("q", query), ("r", shown), ("day", day)) if value}
    url = reverse("checkin_desk", kwargs={"slug": congress.slug})
    return redirect(f"{url}?{urlencode(params)}" if params else url)


@login_required
def checkin_desk(request, slug):
    congress = _desk_congress(request, slug)
    day, chosen = _desk_day(congress, request.GET.get("day", ""))
    search = DeskSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    ids = selectors.desk_search(congress, query) if query else []
    shown = request.GET.get("r", "")
    if re.fullmatch(r"[0-9]{1,9}", shown) and not query:  # a registration's id, nothing larger
        ids = [int(shown)]
    return render(
        request,
        "congress/onsite/desk.html",
        {
            "congress": congress,
            "day": day,
            "chosen_day": chosen,
            "days": congress.days,
            "search": search,
            "query": query,
            "token_form": TicketTokenForm(),
            "entries": selectors.desk_entries(congress, ids, day=day),
            "guests": selectors.desk_guests(congress, query, day=day) if query else [],
            "searched": bool(query),
        },
    )


def _record(request, congress, registration, *, query=""):
    day, chosen = _desk_day(congress, request.POST.get("day", ""))
    if day is None:
        messages.error(
            request, _("Le congrès est terminé : choisissez le jour des arrivées à enregistrer.")
        )
        return _back_to_desk(congress, query=query)
    try:
        arrival = services.checkin_record(registration=registration, day=day, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_to_desk(congress, query=query, day=chosen)
    check_in = arrival.check_in
    if arrival.created:
        messages.success(
            request,
            _("%(name)s : arrivée enregistrée à %(time)s.")
            % {"name": registration.full_name, "time": clock(check_in.checked_in_at)},
        )
    else:
        by = check_in.by.full_name if check_in.by else _("un compte supprimé")
        messages.warning(
            request,
            _("%(name)s : déjà enregistré·e à %(time)s par %(by)s.")
            % {"name": registration.full_name, "time": clock(check_in.checked_in_at), "by": by},
        )
    return _back_to_desk(congress, query=query, shown=registration.pk, day=chosen)


@login_required
@require_POST
def checkin_create(request, slug, pk):
    congress = _desk_congress(request, slug)
    registration = get_object_or_404(selectors.confirmed_registrations(congress), pk=pk)
    registration.congress = congress
    return _record(request, congress, registration, query=request.POST.get("q", "")[:100])


@login_required
@require_POST
def guest_checkin(request, slug, source, pk):
    """Check in a guest of another list (an accredited journalist) for the desk's day."""
    congress = _desk_congress(request, slug)
    found = guests.get_source(source)
    if found is None:
        raise Http404
    query = request.POST.get("q", "")[:100]
    day, chosen = _desk_day(congress, request.POST.get("day", ""))
    if day is None:
        messages.error(
            request, _("Le congrès est terminé : choisissez le jour des arrivées à enregistrer.")
        )
        return _back_to_desk(congress, query=query)
    try:
        guest, arrival = found.check_in(congress=congress, pk=pk, day=day, by=request.user)
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back_to_desk(congress, query=query, day=chosen)
    time = clock(arrival.checked_in_at)
    if arrival.created:
        text = _("%(name)s (%(mark)s) : arrivée enregistrée à %(time)s.")
        messages.success(
            request, text % {"name": guest.full_name, "mark": guest.mark, "time": time}
        )
    else:
        by = arrival.by.full_name if arrival.by else _("un compte supprimé")
        text = _("%(name)s (%(mark)s) : déjà enregistré·e à %(time)s par %(by)s.")
        values = {"name": guest.full_name, "mark": guest.mark, "time": time, "by": by}
        messages.warning(request, text % values)
    return _back_to_desk(congress, query=query or guest.full_name, day=chosen)


@login_required
@require_POST
def checkin_scan(request, slug):
    congress = _desk_congress(request, slug)
    form = TicketTokenForm(request.POST)
    registration = None
    if form.is_valid():
        pk = ticket_registration_id(form.cleaned_data["token"], congress)
        if pk is not None:
            registration = selectors.confirmed_registrations(congress).filter(pk=pk).first()
    if registration is None:
        # One message for a forged token, another edition's, or a cancelled registration.
        messages.error(
            request,
            _("Billet non reconnu pour ce congrès. Cherchez la personne par son nom."),
        )
        return _back_to_desk(congress, day=_desk_day(congress, request.POST.get("day", ""))[1])
    registration.congress = congress  # already read: no join, no second query
    return _record(request, congress, registration)


@login_required
def walk_in(request, slug):
    """Register at the desk a person who arrives without a registration, take the payment and
    check them in for the desk's day."""
    congress = _desk_congress(request, slug)
    day, chosen = _desk_day(congress, request.POST.get("day") or request.GET.get("day", ""))
    tariffs = list(Tariff.objects.filter(congress=congress).order_by("order", "price", "pk"))
    form = WalkInForm(request.POST or None, tariffs=tariffs)

    def register(data):
        if day is None:
            raise ValidationError(_("Le congrès est terminé : plus d'inscription sur place."))
        return services.walk_in_register(
            congress=congress,
            by=request.user,
            tariff=next(t for t in tariffs if t.pk == data["tariff"]),
            full_name=data["full_name"],
            email=data["email"],
            organisation_name=data["organisation_name"],
            payment=data["payment"],
            payment_reference=data["payment_reference"],
            day=day,
        )

    if response := submit_form(
        request,
        form,
        register,
        success=lambda arrival: (
            _("%(name)s : inscription enregistrée, arrivée à %(time)s.")
            % {
                "name": arrival.registration.full_name,
                "time": clock(arrival.check_in.checked_in_at),
            }
        ),
        then=lambda arrival: _back_to_desk(congress, shown=arrival.registration.pk, day=chosen),
    ):
        return response
    return render(
        request,
        "congress/onsite/walk_in.html",
        {"congress": congress, "form": form, "day": day, "chosen_day": chosen},
    )


@login_required
@require_POST
def checkin_undo(request, slug, pk):
    congress = _desk_congress(request, slug)
    check_in = get_object_or_404(
        CheckIn.objects.select_related("registration__congress"),
        pk=pk,
        registration__congress=congress,
    )
    registration = check_in.registration
    services.checkin_undo(check_in=check_in, by=request.user)
    messages.success(request, _("%(name)s : arrivée annulée.") % {"name": registration.full_name})
    return _back_to_desk(
        congress,
        query=request.POST.get("q", "")[:100],
        shown=registration.pk,
        day=_desk_day(congress, request.POST.get("day", ""))[1],
    )


def _board(request, congress, *, failed: tuple[int, WalkInInvoiceForm] | None = None):
    """The live figures and the walk-ins to invoice, each with its payer form (prefilled with
    the organisation declared at the desk; `failed`: the form just refused, with its errors)."""
    to_invoice = selectors.walk_ins_to_invoice(congress)
    for order in to_invoice:
        if failed and failed[0] == order.pk:
            order.form = failed[1]
        elif order.invoice is None:
            declared = next((r.declared_organisation for r in order.registrations.all()), "")
            order.form = WalkInInvoiceForm(prefix=f"o{order.pk}", initial={"name": declared})
    return render(
        request,
        "congress/onsite/board.html",
        {
            "congress": congress,
            "figures": selectors.attendance_figures(congress),
            "to_invoice": to_invoice,
        },
        status=400 if failed else 200,
    )


@login_required
def onsite_board(request, slug):
    return _board(request, _organiser_congress(request, slug))


@login_required
@require_POST
def walk_in_invoice(request, slug, pk):
    """Issue the invoice of a walk-in registered « à facturer », to the payer typed here."""
    congress = _organiser_congress(request, slug)
    order = get_object_or_404(Order, pk=pk, congress=congress, walk_in=True)
    form = WalkInInvoiceForm(request.POST, prefix=f"o{order.pk}")
    if response := submit_form(
        request,
        form,
        lambda data: services.walk_in_invoice_issue(
            order=order,
            by=request.user,
            payer={key: data[key] for key in services.PAYER_FIELDS},
            code_service=data["code_service"],
            engagement_number=data["engagement_number"],
        ),
        success=lambda invoice: (
            _("Facture %(reference)s émise à %(payer)s.")
            % {"reference": invoice.reference, "payer": invoice.buyer["name"]}
        ),
        then=lambda _invoice: redirect(
            f"{reverse('onsite_board', kwargs={'slug': slug})}#to-invoice"
        ),
    ):
        return response
    return _board(request, congress, failed=(order.pk, form))


@login_required
def desk_roles(request, slug):
    congress = _organiser_congress(request, slug)
    form = DeskRoleGrantForm(request.POST or None)
    if response := submit_form(
        request,
        form,
        lambda data: services.desk_role_grant(
            congress=congress, email=data["email"], by=request.user
        ),
        success=lambda role: (
            _("%(name)s fait désormais partie de l'accueil.") % {"name": role.user.full_name}
        ),
        then=lambda _role: redirect("desk_roles", slug=congress.slug),
    ):
        return response
    return render(
        request,
        "congress/onsite/desk_roles.html",
        {"congress": congress, "form": form, "roles": selectors.desk_volunteers(congress)},
    )


@login_required
@require_POST
def desk_role_revoke(request, slug, pk):
    congress = _organiser_congress(request, slug)
    role = get_object_or_404(
        DeskRole.objects.select_related("user", "congress"), pk=pk, congress=congress
    )
    services.desk_role_revoke(role=role, by=request.user)
    messages.success(
        request, _("%(name)s ne fait plus partie de l'accueil.") % {"name": role.user.full_name}
    )
    return redirect("desk_roles", slug=congress.slug)


@login_required
def certificate_settings(request, slug):
    congress = _organiser_congress(request, slug)
    current = CertificateSettings.objects.filter(congress=congress).first()
    initial = {"issuer": congress.organiser_name or congress.billing_name}
    form = CertificateSettingsForm(
        request.POST or None, request.FILES or None, instance=current, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.certificate_settings_update(
            congress=congress,
            by=request.user,
            issuer=data["issuer"],
            signatory_name=data["signatory_name"],
            signatory_title=data["signatory_title"],
            signature=request.FILES.get("signature"),
        )
        messages.success(request, _("Les réglages des attestations sont enregistrés."))
        return redirect("certificate_settings", slug=congress.slug)
    return render(
        request,
        "congress/onsite/certificate_settings.html",
        {
            "congress": congress,
            "form": form,
            "organisations": selectors.organisations_with_attendance(congress),
        },
    )
