"""The organisers' dashboard: the key figures and charts of the report, plus registrations,
payments, reviews, seats and endorsements."""

from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.editions.models import Congress
from reports import charts, policy, selectors, shares
from reports.figures import key_figure_charts
from reports.formatting import fr_money, fr_number


@dataclass
class Dashboard:
    figures: list[tuple[str, str]]
    charts: list[charts.Chart]


def dashboard(congress: Congress) -> Dashboard:
    """The organisers' dashboard: the key figures and charts, plus reviews and seats."""
    tracks = selectors.tracks_of(congress)
    proposals = policy.validated_policy_proposals(congress)
    figures, figure_charts = key_figure_charts(congress, tracks, proposals)
    reviews = selectors.review_figures(congress)
    reviews_per_track = selectors.reviews_by_track(congress)
    by_track = selectors.workshops_by_track(congress, tracks)
    figures.append(
        (
            ngettext("proposition relue", "propositions relues", reviews.reviewed)
            + " "
            + ngettext(
                "(sur %(n)s envoyée au comité)",
                "(sur %(n)s envoyées au comité)",
                reviews.reviewable,
            )
            % {"n": fr_number(reviews.reviewable)},
            fr_number(reviews.reviewed),
        )
    )
    if reviews.mean_score is not None:
        figures.append((_("note moyenne des relectures (sur 5)"), fr_number(reviews.mean_score, 2)))
    extra = [
        charts.bar_chart(
            chart_id="chart-reviews",
            title=_("Relectures par thème"),
            description=ngettext(
                "%(n)s relecture faite", "%(n)s relectures faites", reviews.reviews
            )
            % {"n": fr_number(reviews.reviews)}
            + " "
            + ngettext("par %(r)s relecteur.", "par %(r)s relecteurs.", reviews.reviewers)
            % {"r": fr_number(reviews.reviewers)},
            items=[(t.short_name or t.name, reviews_per_track.get(t.pk, 0)) for t in tracks],
            label_heading=_("Thème"),
            value_heading=_("Relectures"),
            of_base=shares.of_reviews,
            colour=charts.PALETTE[3],
        ),
        charts.stacked_bar_chart(
            chart_id="chart-seats",
            title=_("Inscriptions et places libres dans les ateliers, par thème"),
            description=ngettext(
                "%(s)s inscription", "%(s)s inscriptions", sum(r.signups for r in by_track)
            )
            % {"s": fr_number(sum(r.signups for r in by_track))}
            + " "
            + ngettext(
                "pour %(p)s place en atelier.",
                "pour %(p)s places en atelier.",
                sum(r.seats for r in by_track),
            )
            % {"p": fr_number(sum(r.seats for r in by_track))},
            categories=[
                (r.track.short_name or r.track.name) if r.track else _("Sans thème")
                for r in by_track
            ],
            series=[
                (_("Inscrits"), [r.signups for r in by_track]),
                (_("Places libres"), [max(r.seats - r.signups, 0) for r in by_track]),
            ],
            label_heading=_("Thème"),
            total_heading=_("Places"),
        ),
    ]
    registrations = selectors.registration_figures(congress)
    if registrations.capacity is not None:
        figures.append(
            (
                ngettext(
                    "place encore libre (sur %(n)s)",
                    "places encore libres (sur %(n)s)",
                    registrations.places_left,
                )
                % {"n": fr_number(registrations.capacity)},
                fr_number(registrations.places_left),
            )
        )
    figures.append(
        (
            ngettext(
                "inscription en attente de paiement",
                "inscriptions en attente de paiement",
                registrations.pending,
            ),
            fr_number(registrations.pending),
        )
    )
    weeks = selectors.registrations_by_week(congress)
    orders = selectors.orders_by_state(congress)
    registration_charts = [
        charts.bar_chart(
            chart_id="chart-registrations-weeks",
            title=_("Inscriptions confirmées par semaine"),
            description=ngettext(
                "%(n)s participant inscrit, semaine par semaine.",
                "%(n)s participants inscrits, semaine par semaine.",
                registrations.confirmed,
            )
            % {"n": fr_number(registrations.confirmed)},
            items=[
                (_("semaine du %(d)s") % {"d": formats.date_format(week, "j F Y")}, n)
                for week, n in weeks
            ],
            label_heading=_("Semaine"),
            value_heading=_("Inscriptions"),
            of_base=shares.of_participants,
            colour=charts.PALETTE[6],
        ),
        charts.bar_chart(
            chart_id="chart-orders",
            title=_("Commandes par état de paiement"),
            description=_("Nombre de commandes dans chaque état ; le tableau donne les montants."),
            items=[(label, n) for label, n, _amount in orders],
            label_heading=_("État"),
            value_heading=_("Commandes"),
            of_base=shares.of_orders,
            colour=charts.PALETTE[4],
        ),
    ]
    amounts = [fr_money(amount) for _label, _n, amount in orders]
    registration_charts[1].columns.append(_("Montant"))
    for row, amount in zip(registration_charts[1].rows, amounts, strict=True):
        row.append(amount)
    registration_charts.append(
        charts.bar_chart(
            chart_id="chart-audiences",
            title=_("Participants par type de tarif"),
            description=_("Inscriptions confirmées selon le public du tarif."),
            items=selectors.registrations_by_audience(congress),
            label_heading=_("Tarif"),
            value_heading=_("Participants"),
            of_base=shares.of_participants,
            colour=charts.PALETTE[5],
        )
    )
    # Registrations first, then proposals and reviews, the programme, the organisations.
    by_id = {c.chart_id: c for c in figure_charts}
    endorsements = {}
    for p in proposals:
        endorsements[p.track_id] = endorsements.get(p.track_id, 0) + p.endorsement_count
    policy_charts = [
        charts.bar_chart(
            chart_id="chart-policy-status",
            title=_("Propositions aux décideurs par état"),
            description=_("Où en est la consolidation des propositions issues des ateliers."),
            items=policy.count_by_status(congress),
            label_heading=_("État"),
            value_heading=_("Propositions"),
            of_base=shares.of_proposals,
            colour=charts.PALETTE[7],
        ),
        charts.bar_chart(
            chart_id="chart-endorsements",
            title=_("Soutiens aux propositions validées, par thème"),
            description=_("Les soutiens des participants aux propositions validées."),
            items=[(t.short_name or t.name, endorsements.get(t.pk, 0)) for t in tracks],
            label_heading=_("Thème"),
            value_heading=_("Soutiens"),
            of_base=shares.of_endorsements,
            colour=charts.PALETTE[2],
        ),
    ]
    ordered = [
        *registration_charts,
        policy_charts[0],
        by_id["chart-policy-tracks"],
        by_id["chart-policy-levels"],
        by_id["chart-policy-addressees"],
        policy_charts[1],
        by_id["chart-proposals"],
        extra[0],
        by_id["chart-workshops"],
        extra[1],
        by_id["chart-organisation-kinds"],
        by_id["chart-departements"],
    ]
    return Dashboard(figures=figures, charts=ordered)
