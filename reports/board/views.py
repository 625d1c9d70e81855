"""The staff home: the to-do board of an edition, in the order of the congress's life."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from congress.core.french import format_date
from congress.editions.models import Congress
from congress.editions.permissions import can_access_staff_area
from reports.board import selectors
from reports.formatting import fr_money
from reports.permissions import can_view_reports

STATE_LABELS = {
    selectors.TODO: gettext_lazy("À faire"),
    selectors.IN_PROGRESS: gettext_lazy("En cours"),
    selectors.DONE: gettext_lazy("Terminé"),
}


def _call_summary(step) -> str:
    call = step.extra["call"]
    if call is None:
        return _("L'appel à propositions n'est pas encore paramétré.")
    dates = {
        "opens": format_date(call.opens_at, "j F Y"),
        "closes": format_date(call.closes_at, "j F Y"),
    }
    if step.state == selectors.TODO:
        return _("L'appel ouvrira le %(opens)s.") % dates
    if step.state == selectors.IN_PROGRESS:
        return _("L'appel est ouvert jusqu'au %(closes)s.") % dates
    return _("L'appel est clos depuis le %(closes)s.") % dates


def _payments_summary(step) -> str:
    if not step.total:
        return _("Aucune commande pour l'instant.")
    if not step.extra["due_count"]:
        return _("Toutes les commandes sont réglées.")
    n = step.extra["due_count"]
    return ngettext(
        "%(n)d commande attend son règlement (%(amount)s) :",
        "%(n)d commandes attendent leur règlement (%(amount)s) :",
        n,
    ) % {"n": n, "amount": fr_money(step.extra["due_amount"])}


def _report_summary(step) -> str:
    report = step.extra["report"]
    if step.state == selectors.DONE and report.generated_at is None:
        return _("Rapport complet généré.")
    if step.state == selectors.DONE:
        return _("Rapport complet généré le %(date)s.") % {
            "date": formats.date_format(report.generated_at, "j F Y")
        }
    if step.state == selectors.IN_PROGRESS:
        return _("Génération du rapport en cours.")
    return _("Le rapport complet n'a pas encore été généré.")


def _present(step, congress) -> dict:
    """Title, counter sentence and link of one step."""
    slug = congress.slug
    counts = {"done": step.done, "total": step.total}
    if step.key == "call":
        title, summary = _("Appel à propositions"), _call_summary(step)
        link = (reverse("call_settings", args=[slug]), _("Paramétrer l'appel"))
    elif step.key == "reviews":
        title = _("Relectures")
        summary = (
            ngettext(
                "%(done)d proposition relue sur %(total)d.",
                "%(done)d propositions relues sur %(total)d.",
                step.done,
            )
            % counts
        )
        link = (reverse("track_roles", args=[slug]), _("Relecteurs et animateurs"))
    elif step.key == "decisions":
        title = _("Décisions")
        summary = (
            ngettext(
                "%(done)d décision prise sur %(total)d.",
                "%(done)d décisions prises sur %(total)d.",
                step.done,
            )
            % counts
        )
        link = (reverse("ranking", args=[slug]), _("Classement et décisions"))
    elif step.key == "programme":
        title = _("Programme")
        summary = (
            ngettext(
                "%(done)d atelier accepté programmé sur %(total)d.",
                "%(done)d ateliers acceptés programmés sur %(total)d.",
                step.done,
            )
            % counts
        )
        link = (reverse("schedule_list", args=[slug]), _("Programmation des ateliers"))
    elif step.key == "payments":
        title, summary = _("Inscriptions et règlements"), _payments_summary(step)
        link = (reverse("registration_board", args=[slug]), _("Inscriptions et paiements"))
    elif step.key == "outcomes":
        title = _("Comptes rendus des ateliers")
        summary = (
            ngettext(
                "%(done)d compte rendu reçu sur %(total)d.",
                "%(done)d comptes rendus reçus sur %(total)d.",
                step.done,
            )
            % counts
        )
        link = (reverse("outcome_workshop_list", args=[slug]), _("Comptes rendus des ateliers"))
    elif step.key == "policy":
        title = _("Propositions aux décideurs")
        summary = ngettext(
            "%(todo)d à valider, %(done)d validée.",
            "%(todo)d à valider, %(done)d validées.",
            step.done,
        ) % {
            "todo": step.total - step.done,
            "done": step.done,
        }
        link = (
            reverse("policy_board", args=[slug]),
            _("Propositions aux décideurs : consolidation et suites"),
        )
    else:
        title, summary = _("Rapport final"), _report_summary(step)
        link = (reverse("report_page", args=[slug]), _("Rapport final (PDF)"))
    return {
        "step": step,
        "title": title,
        "summary": summary,
        "state_label": STATE_LABELS[step.state],
        "url": link[0],
        "link_label": link[1],
    }


def _board_page(request, congress, editions):
    steps = [_present(step, congress) for step in selectors.staff_board(congress)]
    context = {"congress": congress, "editions": editions, "steps": steps}
    return render(request, "reports/board/staff_home.html", context)


def _organised_editions(user):
    editions = Congress.objects.all() if user.is_superuser else user.organised_congresses.all()
    return list(editions.order_by("-start_date"))


@login_required
def staff_home(request):
    """The board of the current edition (or the latest one organised), other editions linked."""
    if not can_access_staff_area(request.user):
        raise PermissionDenied
    editions = _organised_editions(request.user)
    if not editions:
        return render(request, "reports/board/staff_home.html", {"editions": [], "steps": []})
    congress = next((c for c in editions if c.is_current), editions[0])
    return _board_page(request, congress, editions)


@login_required
def staff_board(request, congress_slug):
    congress = get_object_or_404(Congress, slug=congress_slug)
    if not can_view_reports(request.user, congress):
        raise PermissionDenied
    return _board_page(request, congress, _organised_editions(request.user))
