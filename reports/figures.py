"""The key figures and charts of the « chiffres clés » chapter, shared by the report and the
organisers' dashboard."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from congress.editions.models import Congress
from proposals.models import ProposalState
from reports import charts, policy, selectors, shares
from reports.formatting import fr_number
from tracks.models import Track

# A decision's colour says what it means: accepted green, waiting amber, refused red, the
# undecided and the withdrawn in neutral tones (never a refusal in the colour of a success).
DECISION_COLOURS = {
    ProposalState.ACCEPTED: "#1d6f42",
    ProposalState.WAITLISTED: "#8a6d00",
    ProposalState.REJECTED: "#a61c3c",
    ProposalState.SUBMITTED: "#35586b",
    ProposalState.WITHDRAWN: "#555555",
}


class ProcessFigure(tuple):
    """A (label, value) figure about how the congress was run (reviews, workshop proposals,
    seats, outcomes transmitted): the report prints it in its method annex, not in the body."""


# Charts about the process, printed in the report's method annex.
PROCESS_CHARTS = {"chart-proposals"}


def _state_label(state: str) -> str:
    return dict(ProposalState.choices)[state]


def key_figure_charts(
    congress: Congress, tracks: list[Track], proposals: list | None = None
) -> tuple[list, list]:
    """Key figures (label, formatted value) and the charts of the « chiffres clés » chapter.
    `proposals`: the validated policy proposals (loaded once by the caller)."""
    by_track = selectors.workshops_by_track(congress, tracks)
    proposal_counts = selectors.proposals_by_track_and_state(congress)
    reviews = selectors.review_figures(congress)
    kinds = selectors.organisations_by_kind(congress)
    departements = selectors.organisations_by_departement(congress)
    organisation_total = sum(n for _k, n in kinds)
    workshops_total = sum(row.workshops for row in by_track)
    proposals_total = sum(proposal_counts.values())
    signups_total = sum(row.signups for row in by_track)
    seats_total = sum(row.seats for row in by_track)
    registrations = selectors.registration_figures(congress)
    present, confirmed = registrations.present, registrations.confirmed
    if present:  # the welcome desk's arrivals: actual attendance
        people = [
            (
                ngettext(
                    "participant présent (arrivée à l'accueil)",
                    "participants présents (arrivées à l'accueil)",
                    present,
                ),
                fr_number(present),
            ),
            (
                ngettext("inscription confirmée", "inscriptions confirmées", confirmed),
                fr_number(confirmed),
            ),
        ]
    else:
        people = [
            (
                ngettext(
                    "participant (inscription confirmée)",
                    "participants (inscriptions confirmées)",
                    confirmed,
                ),
                fr_number(confirmed),
            )
        ]
    departements_total = selectors.departement_count(congress)
    if congress.has_ended:
        workshops_label = ngettext("atelier tenu", "ateliers tenus", workshops_total)
    else:
        workshops_label = ngettext("atelier prévu", "ateliers prévus", workshops_total)
    figures = [
        *people,
        (
            ngettext("organisation engagée", "organisations engagées", organisation_total),
            fr_number(organisation_total),
        ),
        (
            ngettext("département représenté", "départements représentés", departements_total),
            fr_number(departements_total),
        ),
        ProcessFigure(
            (
                ngettext(
                    "proposition d'atelier reçue", "propositions d'ateliers reçues", proposals_total
                ),
                fr_number(proposals_total),
            )
        ),
        ProcessFigure(
            (
                ngettext(
                    "relecture du comité de programme",
                    "relectures du comité de programme",
                    reviews.reviews,
                ),
                fr_number(reviews.reviews),
            )
        ),
        (workshops_label, fr_number(workshops_total)),
        (
            ngettext("inscription aux ateliers", "inscriptions aux ateliers", signups_total),
            fr_number(signups_total),
        ),
    ]

    def track_label(track):
        return (track.short_name or track.name) if track else _("Sans thème")

    result = [
        charts.bar_chart(
            chart_id="chart-workshops",
            title=_("Ateliers tenus par thème")
            if congress.has_ended
            else _("Ateliers prévus par thème"),
            description=ngettext(
                "%(n)s atelier au total, réparti entre les thèmes du congrès.",
                "%(n)s ateliers au total, répartis entre les thèmes du congrès.",
                workshops_total,
            )
            % {"n": fr_number(workshops_total)},
            items=[(track_label(row.track), row.workshops) for row in by_track],
            label_heading=_("Thème"),
            value_heading=_("Ateliers"),
            of_base=shares.of_workshops,
        )
    ]
    states = [
        s
        for s in (
            ProposalState.ACCEPTED,
            ProposalState.WAITLISTED,
            ProposalState.REJECTED,
            ProposalState.SUBMITTED,
            ProposalState.WITHDRAWN,
        )
        if any(state == s for (_t, state) in proposal_counts)
    ]
    track_keys = [t.pk for t in tracks]
    if any(track_id is None for (track_id, _s) in proposal_counts):
        track_keys.append(None)
    by_pk = {t.pk: t for t in tracks}
    result.append(
        charts.stacked_bar_chart(
            chart_id="chart-proposals",
            title=_("Propositions d'ateliers par thème et par décision"),
            description=ngettext(
                "%(n)s proposition reçue lors de l'appel, par thème principal, selon la "
                "décision du comité.",
                "%(n)s propositions reçues lors de l'appel, par thème principal, réparties "
                "selon la décision du comité.",
                proposals_total,
            )
            % {"n": fr_number(proposals_total)},
            categories=[track_label(by_pk.get(k)) for k in track_keys],
            series=[
                (_state_label(state), [proposal_counts.get((k, state), 0) for k in track_keys])
                for state in states
            ],
            label_heading=_("Thème"),
            total_heading=_("Total"),
            colours=[DECISION_COLOURS[state] for state in states],
        )
    )
    result.append(
        charts.bar_chart(
            chart_id="chart-organisation-kinds",
            title=_("Organisations engagées par type"),
            description=ngettext(
                "%(n)s organisation a inscrit des participants, proposé un atelier ou animé "
                "une session du congrès.",
                "%(n)s organisations ont inscrit des participants, proposé un atelier ou animé "
                "une session du congrès.",
                organisation_total,
            )
            % {"n": fr_number(organisation_total)},
            items=kinds,
            label_heading=_("Type d'organisation"),
            value_heading=_("Organisations"),
            of_base=shares.of_organisations,
            colour=charts.PALETTE[2],
        )
    )
    result.append(
        charts.bar_chart(
            chart_id="chart-departements",
            title=_("Organisations engagées par département"),
            description=_("Les départements les plus représentés parmi les organisations."),
            items=departements,
            label_heading=_("Département"),
            value_heading=_("Organisations"),
            of_base=shares.of_organisations,
            colour=charts.PALETTE[1],
        )
    )
    if seats_total:
        figures.append(
            ProcessFigure(
                (
                    ngettext("place en atelier", "places en atelier", seats_total),
                    fr_number(seats_total),
                )
            )
        )
    if proposals is None:
        proposals = policy.validated_policy_proposals(congress)
    figures_policy, policy_charts = policy_key_figures(congress, tracks, proposals, workshops_total)
    figures[5:5] = figures_policy
    # Policy proposals first: they are what the report is for.
    return figures, [*policy_charts, *result]


def policy_key_figures(congress, tracks, proposals, workshops_total) -> tuple[list, list]:
    counts = policy.policy_figures(congress, workshops_total)
    figures = [
        ProcessFigure(
            (
                ngettext(
                    "compte rendu d'atelier transmis",
                    "comptes rendus d'ateliers transmis",
                    counts.outcomes_submitted,
                )
                + " "
                + ngettext("(sur %(n)s atelier)", "(sur %(n)s ateliers)", workshops_total)
                % {"n": fr_number(workshops_total)},
                fr_number(counts.outcomes_submitted),
            )
        ),
        (
            ngettext(
                "proposition aux décideurs validée",
                "propositions aux décideurs validées",
                counts.validated,
            ),
            fr_number(counts.validated),
        ),
        (
            ngettext("soutien de participant", "soutiens de participants", counts.endorsements),
            fr_number(counts.endorsements),
        ),
    ]
    per_track: dict[int, int] = {}
    for p in proposals:
        per_track[p.track_id] = per_track.get(p.track_id, 0) + 1
    every = policy.addressees()
    total = fr_number(len(proposals))
    result = [
        charts.bar_chart(
            chart_id="chart-policy-tracks",
            title=_("Propositions aux décideurs par thème"),
            description=ngettext(
                "%(n)s proposition validée, selon son thème principal.",
                "%(n)s propositions validées, selon leur thème principal.",
                len(proposals),
            )
            % {"n": total},
            items=[(t.short_name or t.name, per_track.get(t.pk, 0)) for t in tracks],
            label_heading=_("Thème"),
            value_heading=_("Propositions"),
            of_base=shares.of_proposals,
            colour=charts.PALETTE[0],
        ),
        charts.bar_chart(
            chart_id="chart-policy-levels",
            title=_("Propositions par échelon visé"),
            description=_("Du local à l'européen : l'échelon de décision de chaque proposition."),
            items=policy.count_by_level(proposals),
            label_heading=_("Échelon"),
            value_heading=_("Propositions"),
            of_base=shares.of_proposals,
            colour=charts.PALETTE[3],
        ),
        charts.bar_chart(
            chart_id="chart-policy-addressees",
            title=_("Propositions par destinataire"),
            description=_(
                "Une proposition peut s'adresser à plusieurs destinataires : chaque part se "
                "rapporte au nombre de propositions validées (%(n)s), et leur total peut "
                "dépasser 100 %%."
            )
            % {"n": total},
            items=policy.count_by_addressee(proposals, every),
            label_heading=_("Destinataire"),
            value_heading=_("Propositions"),
            of_base=shares.of_proposals,
            share_base=len(proposals),
            colour=charts.PALETTE[5],
        ),
    ]
    return figures, result
