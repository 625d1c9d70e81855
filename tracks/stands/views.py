"""Stands of an evening (issue 15; 404 when the edition has no stands): the public list, the
plan by zone, the exhibitors' guide (page and PDF), applications and the organisers' board."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.downloads import attachment_response
from congress.core.forms import submit_form
from tracks.stands import selectors, services
from tracks.stands.forms import (
    StandApplicationForm,
    StandDecisionForm,
    StandHallForm,
    StandPlanForm,
)
from tracks.stands.models import StandApplication, StandHolderKind
from tracks.stands.permissions import (
    can_apply_for_stand,
    can_manage_stands,
    can_see_hall_plan,
    can_withdraw_stand_application,
)
from tracks.views import visible_congress_or_404


def stand_list(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    kind = request.GET.get("kind", "")
    if kind not in StandHolderKind.values:
        kind = ""
    return render(
        request,
        "tracks/stands/stand_list.html",
        {
            "congress": congress,
            "stands": selectors.stands_of(congress, holder_kind=kind),
            "kinds": StandHolderKind.choices,
            "kind": kind,
            **_plan_context(request, congress),
        },
    )


def _plan_context(request, congress) -> dict:
    hall = services.hall_of(congress)
    return {"hall": hall, "show_plan": can_see_hall_plan(request.user, hall)}


def stand_plan(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    context = {
        "congress": congress,
        "zones": selectors.plan_of(congress),
        **_plan_context(request, congress),
    }
    return render(request, "tracks/stands/stand_plan.html", context)


PLAN_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}


def stand_plan_image(request, congress_slug):
    """The plan's image, private until published (organisers see their draft)."""
    congress = visible_congress_or_404(request, congress_slug)
    hall = services.hall_of(congress)
    if not can_see_hall_plan(request.user, hall):
        raise Http404
    name = hall.plan_image.name
    extension = name[name.rfind(".") :].lower()
    response = attachment_response(
        hall.plan_image.open("rb"),
        filename=f"plan-{congress.slug}{extension}",
        content_type=PLAN_TYPES[extension],
    )
    response["Content-Disposition"] = response["Content-Disposition"].replace(
        "attachment", "inline", 1
    )
    return response


def _guide_context(congress) -> dict:
    return {
        "congress": congress,
        "zones": selectors.plan_of(congress),
        "hall": services.hall_of(congress),
        "venues": list(congress.venues.all()),
    }


def stand_guide(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    return render(request, "tracks/stands/stand_guide.html", _guide_context(congress))


def stand_guide_pdf(request, congress_slug):
    from tracks.stands.pdf import exhibitors_guide_pdf

    congress = visible_congress_or_404(request, congress_slug)
    response = HttpResponse(exhibitors_guide_pdf(_guide_context(congress)), "application/pdf")
    response["Content-Disposition"] = f'inline; filename="guide-exposants-{congress.slug}.pdf"'
    return response


@login_required
def stand_apply(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    form = StandApplicationForm(request.POST or None, initial={"contact_email": request.user.email})
    open_ = can_apply_for_stand(request.user, congress)
    if open_ and (
        response := submit_form(
            request,
            form,
            lambda data: services.stand_application_submit(
                congress=congress, by=request.user, **data
            ),
            success=_("Votre demande de stand est envoyée aux organisateurs."),
            then=lambda _application: redirect("stand_apply", congress.slug),
        )
    ):
        return response
    return render(
        request,
        "tracks/stands/stand_apply.html",
        {
            "congress": congress,
            "form": form,
            "open": open_,
            "applications": [
                (a, can_withdraw_stand_application(request.user, a))
                for a in selectors.applications_by(request.user, congress)
            ],
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def stand_withdraw(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    application = get_object_or_404(StandApplication, congress=congress, pk=pk)
    services.stand_application_withdraw(application=application, by=request.user)
    messages.success(
        request,
        _("Votre demande de stand pour %(name)s est retirée ; les organisateurs sont prévenus.")
        % {"name": application.name},
    )
    return redirect("stand_apply", congress_slug=congress.slug)


def _organiser_edition(request, congress_slug):
    congress = visible_congress_or_404(request, congress_slug)
    if not can_manage_stands(request.user, congress):
        raise PermissionDenied
    return congress


@login_required
def stand_board(request, congress_slug):
    congress = _organiser_edition(request, congress_slug)
    hall = services.hall_of(congress)
    hall_form = StandHallForm(request.POST or None, instance=hall, prefix="hall")
    if response := submit_form(
        request,
        hall_form,
        lambda data: services.stand_hall_set(congress=congress, by=request.user, **data),
        success=_("Les réglages des stands sont enregistrés."),
        then=lambda _hall: redirect("stand_board", congress.slug),
    ):
        return response
    applications = [
        (
            a,
            StandDecisionForm(
                prefix=f"a{a.pk}",
                initial={
                    "status": a.status if a.status != "submitted" else "accepted",
                    "number": a.stand.number if a.stand else "",
                    "location": a.stand.location if a.stand else "",
                },
            ),
        )  # fmt: skip
        for a in selectors.applications_of(congress)
    ]
    return render(
        request,
        "tracks/stands/stand_board.html",
        {
            "congress": congress,
            "hall": hall,
            "hall_form": hall_form,
            "plan_form": StandPlanForm(instance=hall, prefix="plan"),
            "applications": applications,
            "stand_count": sum(1 for a, _form in applications if a.stand_id),
        },
        status=400 if hall_form.errors else 200,
    )


@login_required
@require_POST
def stand_decide(request, congress_slug, pk):
    congress = _organiser_edition(request, congress_slug)
    application = get_object_or_404(StandApplication, congress=congress, pk=pk)
    form = StandDecisionForm(request.POST, prefix=f"a{application.pk}")
    if form.is_valid():
        try:
            services.stand_application_decide(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            messages.error(request, f"{application.name} : {' '.join(error.messages)}")
        else:
            messages.success(
                request,
                _("%(name)s : %(status)s.")
                % {"name": application.name, "status": application.get_status_display().lower()},
            )
    else:
        messages.error(request, _("Décision incomplète : choisissez une décision."))
    return redirect("stand_board", congress_slug=congress.slug)


@login_required
@require_POST
def stand_plan_upload(request, congress_slug):
    congress = _organiser_edition(request, congress_slug)
    hall = services.hall_of(congress)
    form = StandPlanForm(request.POST, request.FILES, instance=hall, prefix="plan")
    if response := submit_form(
        request,
        form,
        lambda data: services.stand_plan_set(
            congress=congress,
            by=request.user,
            plan_image=False if data.get("remove_plan") else data["plan_image"],
            plan_description=data["plan_description"],
            plan_published=data["plan_published"],
        ),
        success=_("Le plan de la salle est enregistré."),
        then=lambda _hall: redirect("stand_board", congress.slug),
    ):
        return response
    return render(
        request,
        "tracks/stands/stand_plan_form.html",
        {"congress": congress, "plan_form": form},
        status=400,
    )
