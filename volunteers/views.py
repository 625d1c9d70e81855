"""Pages of volunteering's base: the volunteer's space and profile, trainings."""

from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from congress.accounts.models import User
from congress.core.forms import submit_form
from congress.organisations.models import Organisation
from volunteers import selectors, services
from volunteers.forms import (
    CapacityForm,
    ScheduleForm,
    SessionTimeForm,
    TrainingForm,
    VolunteerProfileForm,
)
from volunteers.models import (
    BookingStatus,
    Training,
    TrainingBooking,
    TrainingSession,
    VolunteerProfile,
)
from volunteers.permissions import (
    can_manage_training,
    can_run_trainings,
    can_see_volunteer_needs,
    can_view_volunteer,
)


@login_required
def volunteer_home(request):
    """« Mon espace bénévole »: profile, bookings, trainings followed, missions, shifts."""
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    user = request.user
    return render(
        request,
        "volunteers/home.html",
        {
            "profile": profile,
            "bookings": list(selectors.my_bookings(user)),
            "followed": list(selectors.trainings_followed(user)),
            "applications": list(
                user.mission_applications.select_related("mission__organisation").order_by(
                    "mission__starts_at"
                )
            ),
            "shifts": list(
                user.shift_signups.select_related("shift__congress").order_by("shift__starts_at")
            ),
            "managed": selectors.managed_organisations(user),
            "places": selectors.places(),
        },
    )


@login_required
def volunteer_profile_edit(request):
    profile = VolunteerProfile.objects.filter(user=request.user).first()
    initial = {}
    if profile is not None:
        initial = {
            "availability": profile.availability,
            "skills": profile.skills,
            "languages": profile.languages,
            "accessibility_needs": profile.accessibility_needs,
        }
    form = VolunteerProfileForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.volunteer_profile_save(user=request.user, **form.cleaned_data)
        messages.success(request, _("Votre profil de bénévole est enregistré."))
        return redirect("volunteer_home")
    status = 400 if form.errors else 200
    return render(
        request, "volunteers/profile_form.html", {"form": form, "profile": profile}, status=status
    )


@login_required
def volunteer_detail(request, pk):
    """A volunteer's profile as the associations they applied to see it (and themself)."""
    person = get_object_or_404(User, pk=pk, volunteer_profile__isnull=False)
    if not can_view_volunteer(request.user, person):
        raise Http404
    return render(
        request,
        "volunteers/volunteer_detail.html",
        {
            "person": person,
            "profile": person.volunteer_profile,
            "followed": list(selectors.trainings_followed(person)),
            "show_needs": can_see_volunteer_needs(request.user, person),
        },
    )


def training_list(request):
    sessions = list(selectors.upcoming_training_sessions())
    mine = {}
    if request.user.is_authenticated:
        mine = {
            b.session_id: b
            for b in TrainingBooking.objects.filter(
                user=request.user, session__in=[s.pk for s in sessions]
            )
        }
    for session in sessions:
        session.my_booking = mine.get(session.pk)
    return render(request, "volunteers/training_list.html", {"sessions": sessions})


def training_session_detail(request, pk):
    session = get_object_or_404(
        TrainingSession.objects.select_related("training__organisation"), pk=pk
    )
    my_booking = None
    if request.user.is_authenticated:
        my_booking = session.bookings.filter(user=request.user).first()
    return render(
        request,
        "volunteers/training_session_detail.html",
        {
            "session": session,
            "booked": session.bookings.filter(status=BookingStatus.BOOKED).count(),
            "my_booking": my_booking,
            "can_manage": can_manage_training(request.user, session.training),
        },
    )


@login_required
@require_POST
def training_book(request, pk):
    session = get_object_or_404(TrainingSession, pk=pk)
    try:
        booking = services.training_book(session=session, user=request.user)
    except PermissionDenied:
        messages.info(request, _("Inscrivez-vous d'abord comme bénévole."))
        return redirect("volunteer_profile_edit")
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        if booking.status == BookingStatus.BOOKED:
            messages.success(request, _("Votre place est réservée."))
        else:
            messages.info(
                request,
                _("La session est complète : vous êtes sur la liste d'attente."),
            )
    return redirect(session)


@login_required
@require_POST
def training_cancel(request, pk):
    booking = get_object_or_404(
        TrainingBooking.objects.select_related("session"), session__pk=pk, user=request.user
    )
    try:
        services.training_cancel(booking=booking, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Votre réservation est annulée."))
    return redirect(booking.session)


@login_required
def training_attendance(request, pk):
    session = get_object_or_404(
        TrainingSession.objects.select_related("training__organisation"), pk=pk
    )
    if not can_manage_training(request.user, session.training):
        raise PermissionDenied
    attendees = list(selectors.session_attendees(session))
    errors = []
    if request.method == "POST":
        try:
            present = {int(v) for v in request.POST.getlist("present")}
            count = services.training_record_attendance(
                session=session, present=present, by=request.user
            )
        except ValueError:
            errors = [_("Choix inconnu.")]
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                ngettext(
                    "Présences enregistrées : %(count)s personne présente.",
                    "Présences enregistrées : %(count)s personnes présentes.",
                    count,
                )
                % {"count": count},
            )
            return redirect("training_attendance", pk=session.pk)
    return render(
        request,
        "volunteers/training_attendance.html",
        {"session": session, "attendees": attendees, "errors": errors},
        status=400 if errors else 200,
    )


@login_required
def staff_trainings(request, slug):
    """The organisation's trainings for its managers: each with its coming sessions (places,
    waiting list), and a new training."""
    organisation = get_object_or_404(Organisation, slug=slug)
    if not can_run_trainings(request.user, organisation):
        raise PermissionDenied
    form = TrainingForm(request.POST if request.method == "POST" else None)
    if response := submit_form(
        request,
        form,
        lambda data: services.training_save(organisation=organisation, by=request.user, **data),
        success=_("La formation est créée : programmez ses sessions."),
        then=lambda training: redirect("staff_training_edit", pk=training.pk),
    ):
        return response
    return render(
        request,
        "volunteers/staff_trainings.html",
        {
            "organisation": organisation,
            "trainings": list(selectors.organisation_trainings(organisation)),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _initial(training: Training) -> dict:
    fields = ("title", "description", "place", "weekday", "week_of_month", "start_time",
              "end_time", "capacity")  # fmt: skip
    return {name: getattr(training, name) for name in fields}


@login_required
def staff_training_edit(request, pk):
    """One training: change it, schedule its sessions over a period, each session's places and
    the link to its attendance."""
    training = get_object_or_404(Training.objects.select_related("organisation"), pk=pk)
    if not can_run_trainings(request.user, training.organisation):
        raise PermissionDenied
    action = request.POST.get("action") if request.method == "POST" else None
    form = TrainingForm(request.POST if action == "save" else None, initial=_initial(training))
    schedule = ScheduleForm(request.POST if action == "schedule" else None)
    bound = form if action == "save" else schedule if action == "schedule" else None
    if action == "save" and (
        response := submit_form(
            request,
            form,
            lambda data: services.training_save(
                organisation=training.organisation, by=request.user, training=training, **data
            ),
            success=_("La formation est enregistrée."),
            then=lambda _training: redirect("staff_training_edit", pk=training.pk),
        )
    ):
        return response
    if action == "schedule" and (
        response := submit_form(
            request, schedule,
            lambda data: services.training_sessions_add(training=training, by=request.user, **data),
            success=lambda created: ngettext(
                "%(count)s session programmée.", "%(count)s sessions programmées.", len(created)
            ) % {"count": len(created)},
            then=lambda _created: redirect("staff_training_edit", pk=training.pk),
        )
    ):  # fmt: skip
        return response
    return render(
        request,
        "volunteers/staff_training_edit.html",
        {
            "training": training,
            "form": form,
            "schedule": schedule,
            "sessions": list(selectors.training_sessions_for_staff(training)),
        },
        status=400 if bound is not None and bound.errors else 200,
    )


@login_required
@require_POST
def staff_session_capacity(request, pk):
    session = get_object_or_404(
        TrainingSession.objects.select_related("training__organisation"), pk=pk
    )
    if not can_run_trainings(request.user, session.training.organisation):
        raise PermissionDenied
    form = CapacityForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Indiquez un nombre de places entre 1 et 500."))
        promoted = services.session_set_capacity(
            session=session, by=request.user, capacity=form.cleaned_data["capacity"]
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(
            request,
            ngettext(
                "Places enregistrées ; %(count)s personne quitte la liste d'attente.",
                "Places enregistrées ; %(count)s personnes quittent la liste d'attente.",
                len(promoted),
            ) % {"count": len(promoted)}
            if promoted
            else _("Places enregistrées."),
        )  # fmt: skip
    return redirect("staff_training_edit", pk=session.training_id)


@login_required
def staff_session_time(request, pk):
    """Move one coming session to another date or hours; the people with a place are told."""
    session = get_object_or_404(
        TrainingSession.objects.select_related("training__organisation"), pk=pk
    )
    if not can_run_trainings(request.user, session.training.organisation):
        raise PermissionDenied
    start = timezone.localtime(session.starts_at)
    initial = {"day": start.date(), "start_time": start.time(),
               "end_time": timezone.localtime(session.ends_at).time()}  # fmt: skip
    form = SessionTimeForm(request.POST if request.method == "POST" else None, initial=initial)
    tz = timezone.get_current_timezone()
    if response := submit_form(
        request, form,
        lambda data: services.session_reschedule(
            session=session, by=request.user,
            starts_at=datetime.combine(data["day"], data["start_time"], tzinfo=tz),
            ends_at=datetime.combine(data["day"], data["end_time"], tzinfo=tz),
        ),
        success=lambda told: ngettext(
            "Nouvel horaire enregistré ; %(count)s personne inscrite est prévenue.",
            "Nouvel horaire enregistré ; %(count)s personnes inscrites sont prévenues.",
            len(told),
        ) % {"count": len(told)},
        then=lambda _told: redirect("staff_training_edit", pk=session.training_id),
    ):  # fmt: skip
        return response
    return render(
        request,
        "volunteers/staff_session_time.html",
        {"session": session, "form": form},
        status=400 if form.errors else 200,
    )
