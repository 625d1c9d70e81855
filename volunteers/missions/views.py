"""Pages of missions: the volunteers' list, applying; the association's side."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.organisations.models import Organisation
from volunteers.missions import selectors, services
from volunteers.missions.forms import ApplyForm, HoursForm, MissionForm
from volunteers.missions.pdf import commitment_pdf
from volunteers.missions.permissions import can_manage_mission, can_post_mission
from volunteers.models import Mission, MissionApplication
from volunteers.selectors import trainings_followed


def mission_list(request):
    return render(
        request, "volunteers/mission_list.html", {"missions": selectors.missions_for(request.user)}
    )


def mission_detail(request, pk):
    mission = get_object_or_404(
        Mission.objects.select_related("organisation", "required_training"), pk=pk
    )
    mine = None
    if request.user.is_authenticated:
        mine = mission.applications.filter(user=request.user).first()
    return render(
        request,
        "volunteers/mission_detail.html",
        {
            "mission": mission,
            "my_application": mine,
            "form": ApplyForm(),
            "can_manage": can_manage_mission(request.user, mission),
            "started": mission.starts_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def mission_apply(request, pk):
    mission = get_object_or_404(Mission.objects.select_related("required_training"), pk=pk)
    form = ApplyForm(request.POST)
    message = form.cleaned_data["message"] if form.is_valid() else ""
    try:
        services.mission_apply(mission=mission, user=request.user, message=message)
    except PermissionDenied:
        messages.info(request, _("Inscrivez-vous d'abord comme bénévole."))
        return redirect("volunteer_profile_edit")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Votre proposition d'aide est envoyée à l'association."))
    return redirect(mission)


@login_required
@require_POST
def application_withdraw(request, pk):
    application = get_object_or_404(MissionApplication, mission__pk=pk, user=request.user)
    try:
        freed = services.application_withdraw(application=application, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            _("Votre candidature est retirée : l'association est prévenue.")
            if freed
            else _("Votre candidature est retirée."),
        )
    return redirect("mission_detail", pk=pk)


@login_required
def organisation_missions(request, slug):
    """The managers' list of their association's missions, with who applied to each."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_post_mission(request.user, organisation):
        raise PermissionDenied
    missions = list(selectors.organisation_missions(organisation))
    now = timezone.now()
    return render(
        request,
        "volunteers/organisation_missions.html",
        {
            "organisation": organisation,
            "upcoming": [m for m in missions if m.starts_at > now],
            "past": [m for m in missions if m.starts_at <= now],
        },
    )


def _mission_form_page(request, organisation, mission=None):
    initial = {}
    if mission is not None:
        start = timezone.localtime(mission.starts_at)
        initial = {
            "title": mission.title, "description": mission.description, "place": mission.place,
            "day": start.date(), "start": start.time(),
            "end": timezone.localtime(mission.ends_at).time(),
            "volunteers_needed": mission.volunteers_needed,
            "required_training": mission.required_training_id, "skills": mission.skills,
        }  # fmt: skip
    form = MissionForm(request.POST if request.method == "POST" else None, initial=initial)
    if response := submit_form(
        request, form,
        lambda _data: services.mission_save(
            organisation=organisation, by=request.user, mission=mission,
            **form.fields_for_service(),
        ),
        success=_("La mission est enregistrée."),
        then=lambda saved: redirect("mission_applications", pk=saved.pk),
    ):  # fmt: skip
        return response
    return render(
        request,
        "volunteers/mission_form.html",
        {"form": form, "organisation": organisation, "mission": mission},
        status=400 if form.errors else 200,
    )


@login_required
def mission_create(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_post_mission(request.user, organisation):
        raise PermissionDenied
    return _mission_form_page(request, organisation)


@login_required
def mission_edit(request, pk):
    mission = get_object_or_404(Mission.objects.select_related("organisation"), pk=pk)
    if not can_manage_mission(request.user, mission):
        raise PermissionDenied
    return _mission_form_page(request, mission.organisation, mission)


@login_required
def mission_applications(request, pk):
    """The association's view of a mission: who applied, accept or decline, hours after."""
    mission = get_object_or_404(Mission.objects.select_related("organisation"), pk=pk)
    if not can_manage_mission(request.user, mission):
        raise PermissionDenied
    return render(
        request,
        "volunteers/mission_applications.html",
        {
            "mission": mission,
            "applications": list(selectors.mission_applications(mission)),
            "hours_form": HoursForm(),
        },
    )


def _application(request, pk, application_pk) -> MissionApplication:
    application = get_object_or_404(
        MissionApplication.objects.select_related("mission__organisation", "user"),
        mission__pk=pk,
        pk=application_pk,
    )
    if not can_manage_mission(request.user, application.mission):
        raise PermissionDenied
    return application


@login_required
@require_POST
def application_decide(request, pk, application_pk):
    application = _application(request, pk, application_pk)
    accept = request.POST.get("decision") == "accept"
    try:
        services.application_decide(application=application, accept=accept, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        text = (
            _("Candidature de %(name)s acceptée.")
            if accept
            else _("Candidature de %(name)s déclinée.")
        )
        messages.success(request, text % {"name": application.user.full_name})
    return redirect("mission_applications", pk=pk)


@login_required
@require_POST
def application_hours(request, pk, application_pk):
    application = _application(request, pk, application_pk)
    form = HoursForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indiquez un nombre d'heures entre 0 et 24."))
        services.application_record_hours(
            application=application, hours=form.cleaned_data["hours"], by=request.user
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Heures enregistrées."))
    return redirect("mission_applications", pk=pk)


@login_required
def commitment_certificate(request):
    """The volunteer's « passeport de l'engagement » (PDF): missions, hours, trainings."""
    pdf = commitment_pdf(
        request.user, selectors.commitment(request.user), list(trainings_followed(request.user))
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="passeport-engagement.pdf"'
    return response
