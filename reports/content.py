"""What goes into the report: the chapters of one variant (full, one track, one addressee),
built from the selectors. The HTML template (templates/reports/report.html) only lays it out.
"""

from dataclasses import dataclass, field

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.editions.models import Congress
from proposals.models import ProposalState
from proposals.outcomes.models import Addressee
from reports import charts, policy, selectors
from reports.formatting import fr_money, fr_number
from reports.models import ReportScope, ReportSettings
from tracks.models import Track

DEFAULT_METHOD = [
    gettext_lazy(
        "Les organisations participantes (associations, CCAS et CIAS, collectivités, acteurs "
        "de l'économie sociale et solidaire) ont répondu à un appel à propositions d'ateliers. "
        "Chaque proposition a été relue par des membres du comité de programme du thème, selon "
        "des critères pondérés publiés avec l'appel ; le comité d'organisation a ensuite décidé."
    ),
    gettext_lazy(
        "Pendant le congrès, chaque atelier a été animé par un animateur et un rapporteur du "
        "thème, qui ont consigné les constats partagés et les propositions issues des échanges."
    ),
    gettext_lazy(
        "Les propositions ont ensuite été consolidées : les propositions proches issues de "
        "plusieurs ateliers ont été fusionnées en gardant la trace de leurs ateliers d'origine, "
        "puis validées par le comité d'organisation avant d'être adressées aux décideurs."
    ),
    gettext_lazy(
        "Les chiffres de ce rapport sont calculés à partir des données enregistrées dans "
        "l'application du congrès à la date de génération du document."
    ),
]


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs of a text written in a textarea."""
    blocks = [" ".join(block.split()) for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]


@dataclass
class Chapter:
    anchor: str
    title: str
    sections: list[tuple[str, str]] = field(default_factory=list)  # (anchor, title) for the TOC


@dataclass
class TrackChapter(Chapter):
    track: Track | None = None
    workshops: list = field(default_factory=list)
    proposals_received: int = 0
    proposals_accepted: int = 0
    signups: int = 0
    seats: int = 0
    policy_proposals: list = field(default_factory=list)


@dataclass
class AddresseeSection:
    addressee: object
    heading: str
    anchor: str
    proposals: list


@dataclass
class ReportContent:
    congress: Congress
    scope: str
    scope_value: str
    title: str
    subtitle: str
    foreword: list[str]
    method: list[str]
    venue: str
    key_figures: list[tuple[str, str]]
    charts: list[charts.Chart]
    track_chapters: list[TrackChapter]
    transversal: list
    organisations: object  # an iterable of organisations (annex)
    chapters: list[Chapter]
    tracks: list[Track]
    transversal_proposals: list = field(default_factory=list)
    addressee_sections: list[AddresseeSection] = field(default_factory=list)
    addressee: object = None  # the addressee of an addressee variant
    addressee_title: str = ""
    addressee_count: int = 0
    policy_total: int = 0


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
    figures = [
        (_("participants (inscriptions confirmées)"), fr_number(registrations.confirmed)),
        (_("organisations engagées"), fr_number(organisation_total)),
        (_("départements représentés"), fr_number(selectors.departement_count(congress))),
        (_("propositions d'ateliers reçues"), fr_number(proposals_total)),
        (_("relectures du comité de programme"), fr_number(reviews.reviews)),
        (_("ateliers tenus"), fr_number(workshops_total)),
        (_("inscriptions aux ateliers"), fr_number(signups_total)),
    ]

    def track_label(track):
        return (track.short_name or track.name) if track else _("Sans thème")

    result = [
        charts.bar_chart(
            chart_id="chart-workshops",
            title=_("Ateliers tenus par thème"),
            description=_("%(n)s ateliers au total, répartis entre les thèmes du congrès.")
            % {"n": fr_number(workshops_total)},
            items=[(track_label(row.track), row.workshops) for row in by_track],
            label_heading=_("Thème"),
            value_heading=_("Ateliers"),
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
            description=_(
                "%(n)s propositions reçues lors de l'appel, par thème principal, réparties "
                "selon la décision du comité."
            )
            % {"n": fr_number(proposals_total)},
            categories=[track_label(by_pk.get(k)) for k in track_keys],
            series=[
                (_state_label(state), [proposal_counts.get((k, state), 0) for k in track_keys])
                for state in states
            ],
            label_heading=_("Thème"),
            total_heading=_("Total"),
        )
    )
    result.append(
        charts.bar_chart(
            chart_id="chart-organisation-kinds",
            title=_("Organisations engagées par type"),
            description=_(
                "%(n)s organisations ont inscrit des participants, proposé un atelier ou animé "
                "une session du congrès."
            )
            % {"n": fr_number(organisation_total)},
            items=kinds,
            label_heading=_("Type d'organisation"),
            value_heading=_("Organisations"),
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
            colour=charts.PALETTE[1],
        )
    )
    if seats_total:
        figures.append((_("places en atelier"), fr_number(seats_total)))
    if proposals is None:
        proposals = policy.validated_policy_proposals(congress)
    figures_policy, policy_charts = policy_key_figures(congress, tracks, proposals, workshops_total)
    figures[5:5] = figures_policy
    # Policy proposals first: they are what the report is for.
    return figures, [*policy_charts, *result]


def policy_key_figures(congress, tracks, proposals, workshops_total) -> tuple[list, list]:
    counts = policy.policy_figures(congress, workshops_total)
    figures = [
        (
            _("comptes rendus d'ateliers transmis (sur %(n)s ateliers)")
            % {"n": fr_number(workshops_total)},
            fr_number(counts.outcomes_submitted),
        ),
        (_("propositions aux décideurs validées"), fr_number(counts.validated)),
        (_("soutiens de participants"), fr_number(counts.endorsements)),
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
            description=_("%(n)s propositions validées, selon leur thème principal.")
            % {"n": total},
            items=[(t.short_name or t.name, per_track.get(t.pk, 0)) for t in tracks],
            label_heading=_("Thème"),
            value_heading=_("Propositions"),
            colour=charts.PALETTE[0],
        ),
        charts.bar_chart(
            chart_id="chart-policy-levels",
            title=_("Propositions par échelon visé"),
            description=_("Du local à l'européen : l'échelon de décision de chaque proposition."),
            items=policy.count_by_level(proposals),
            label_heading=_("Échelon"),
            value_heading=_("Propositions"),
            colour=charts.PALETTE[3],
        ),
        charts.bar_chart(
            chart_id="chart-policy-addressees",
            title=_("Propositions par destinataire"),
            description=_(
                "Une proposition peut s'adresser à plusieurs destinataires : les parts se "
                "rapportent au total des mentions."
            ),
            items=policy.count_by_addressee(proposals, every),
            label_heading=_("Destinataire"),
            value_heading=_("Propositions"),
            colour=charts.PALETTE[5],
        ),
    ]
    return figures, result


def track_chapter(
    congress: Congress, track: Track, number: int, proposals: list, outcomes: dict
) -> TrackChapter:
    workshops = list(selectors.workshops_of_track(congress, track))
    for session in workshops:
        session.recorded_outcome = outcomes.get(session.pk)
    counts = selectors.proposals_by_track_and_state(congress)
    received = sum(n for (t, _s), n in counts.items() if t == track.pk)
    accepted = counts.get((track.pk, ProposalState.ACCEPTED), 0)
    anchor = f"theme-{track.slug}"
    return TrackChapter(
        anchor=anchor,
        title=_("Thème %(n)s : %(name)s") % {"n": number, "name": track.name},
        sections=[
            (f"{anchor}-ateliers", _("Les ateliers et leurs constats")),
            (f"{anchor}-propositions", _("Les propositions aux décideurs")),
        ],
        track=track,
        policy_proposals=[p for p in proposals if p.track_id == track.pk],
        workshops=workshops,
        proposals_received=received,
        proposals_accepted=accepted,
        signups=sum(s.signup_count for s in workshops),
        seats=sum(s.capacity for s in workshops),
    )


def scope_is_valid(congress: Congress, scope: str, scope_value: str) -> bool:
    if scope == ReportScope.FULL:
        return not scope_value
    if scope == ReportScope.TRACK:
        return Track.objects.filter(congress=congress, slug=scope_value).exists()
    if scope == ReportScope.ADDRESSEE:
        return Addressee.objects.filter(slug=scope_value).exists()
    return False


def build_report(congress: Congress, *, scope: str = ReportScope.FULL, scope_value: str = ""):
    """The content of one variant of the report: the full report, one track's (its workshops
    and proposals), or one addressee's (the proposals sent to them). Raises ValueError for an
    unknown variant."""
    if scope not in ReportScope.values:
        raise ValueError(f"Unknown report scope: {scope}")
    report_settings = ReportSettings.objects.filter(congress=congress).first()
    foreword = paragraphs(report_settings.foreword) if report_settings else []
    method = paragraphs(report_settings.method) if report_settings else []
    tracks = selectors.tracks_of(congress)
    venue = congress.venues.order_by("pk").first()
    proposals = policy.validated_policy_proposals(congress)
    chosen = tracks
    addressee = None
    subtitle = _("Propositions aux décideurs politiques")
    if scope == ReportScope.TRACK:
        chosen = [t for t in tracks if t.slug == scope_value]
        if not chosen:
            raise ValueError(f"Unknown track: {scope_value}")
        subtitle = _("Thème « %(name)s » : ateliers et propositions") % {"name": chosen[0].name}
    elif scope == ReportScope.ADDRESSEE:
        addressee = Addressee.objects.filter(slug=scope_value).first()
        if addressee is None:
            raise ValueError(f"Unknown addressee: {scope_value}")
        subtitle = _("Propositions %(heading)s") % {
            "heading": policy.addressee_heading(addressee)[0].lower()
            + policy.addressee_heading(addressee)[1:]
        }
    chapters: list[Chapter] = []
    if foreword:
        chapters.append(Chapter("avant-propos", _("Avant-propos")))
    figures, figure_charts = [], []
    if scope == ReportScope.FULL:
        figures, figure_charts = key_figure_charts(congress, tracks, proposals)
        chapters.append(
            Chapter(
                "chiffres-cles",
                _("Le congrès en chiffres"),
                [(c.chart_id, c.title) for c in figure_charts],
            )
        )
    track_chapters = []
    addressee_sections = []
    if scope == ReportScope.ADDRESSEE:
        mine = [p for p in proposals if any(a.pk == addressee.pk for a in p.addressees.all())]
        for track in tracks:
            in_track = [p for p in mine if p.track_id == track.pk]
            if in_track:
                addressee_sections.append(
                    AddresseeSection(track, track.name, f"propositions-{track.slug}", in_track)
                )
        chapters.append(
            Chapter(
                "propositions",
                policy.addressee_heading(addressee),
                [(s.anchor, s.heading) for s in addressee_sections],
            )
        )
    else:
        outcomes = policy.outcomes_by_session(congress)
        track_chapters = [
            track_chapter(congress, track, tracks.index(track) + 1, proposals, outcomes)
            for track in chosen
        ]
        chapters.extend(track_chapters)
    transversal, transversal_proposals = [], []
    if scope == ReportScope.FULL:
        transversal = list(selectors.transversal_workshops(congress))
        transversal_proposals = [p for p in proposals if p.other_tracks]
        chapters.append(
            Chapter(
                "transversalite",
                _("Fil rouge et transversalité"),
                [
                    ("transversalite-propositions", _("Les propositions transversales")),
                    ("transversalite-ateliers", _("Les ateliers transversaux")),
                ],
            )
        )
        every = policy.addressees()
        addressee_sections = [
            AddresseeSection(
                a,
                policy.addressee_heading(a),
                f"destinataire-{a.slug}",
                [p for p in proposals if any(x.pk == a.pk for x in p.addressees.all())],
            )
            for a in every
        ]
        chapters.append(
            Chapter(
                "annexe-destinataires",
                _("Annexe : les propositions par destinataire"),
                [(s.anchor, s.heading) for s in addressee_sections if s.proposals],
            )
        )
        chapters.append(Chapter("annexe-organisations", _("Annexe : organisations participantes")))
    chapters.append(Chapter("annexe-methode", _("Annexe : méthode")))
    return ReportContent(
        congress=congress,
        scope=scope,
        scope_value=scope_value,
        title=congress.name,
        subtitle=subtitle,
        foreword=foreword,
        method=method or DEFAULT_METHOD,
        venue=f"{venue.name}, {venue.city}" if venue else congress.city,
        key_figures=figures,
        charts=figure_charts,
        track_chapters=track_chapters,
        transversal=transversal,
        organisations=selectors.organisations_for_annex(congress)
        if scope == ReportScope.FULL
        else [],
        chapters=chapters,
        tracks=tracks,
        transversal_proposals=transversal_proposals,
        addressee_sections=addressee_sections,
        addressee=addressee,
        addressee_title=policy.addressee_heading(addressee) if addressee else "",
        addressee_count=sum(len(s.proposals) for s in addressee_sections) if addressee else 0,
        policy_total=len(proposals),
    )


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
            _("propositions relues (sur %(n)s envoyées au comité)")
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
            description=_("%(n)s relectures faites par %(r)s relecteurs.")
            % {"n": fr_number(reviews.reviews), "r": fr_number(reviews.reviewers)},
            items=[(t.short_name or t.name, reviews_per_track.get(t.pk, 0)) for t in tracks],
            label_heading=_("Thème"),
            value_heading=_("Relectures"),
            colour=charts.PALETTE[3],
        ),
        charts.stacked_bar_chart(
            chart_id="chart-seats",
            title=_("Inscriptions et places libres dans les ateliers, par thème"),
            description=_("%(s)s inscriptions pour %(p)s places en atelier.")
            % {
                "s": fr_number(sum(r.signups for r in by_track)),
                "p": fr_number(sum(r.seats for r in by_track)),
            },
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
                _("places encore libres (sur %(n)s)") % {"n": fr_number(registrations.capacity)},
                fr_number(registrations.places_left),
            )
        )
    figures.append((_("inscriptions en attente de paiement"), fr_number(registrations.pending)))
    weeks = selectors.registrations_by_week(congress)
    orders = selectors.orders_by_state(congress)
    registration_charts = [
        charts.bar_chart(
            chart_id="chart-registrations-weeks",
            title=_("Inscriptions confirmées par semaine"),
            description=_("%(n)s participants inscrits, semaine par semaine.")
            % {"n": fr_number(registrations.confirmed)},
            items=[
                (_("semaine du %(d)s") % {"d": formats.date_format(week, "j F Y")}, n)
                for week, n in weeks
            ],
            label_heading=_("Semaine"),
            value_heading=_("Inscriptions"),
            colour=charts.PALETTE[6],
        ),
        charts.bar_chart(
            chart_id="chart-orders",
            title=_("Commandes par état de paiement"),
            description=_("Nombre de commandes dans chaque état ; le tableau donne les montants."),
            items=[(label, n) for label, n, _amount in orders],
            label_heading=_("État"),
            value_heading=_("Commandes"),
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
            colour=charts.PALETTE[7],
        ),
        charts.bar_chart(
            chart_id="chart-endorsements",
            title=_("Soutiens aux propositions validées, par thème"),
            description=_("Les soutiens des participants aux propositions validées."),
            items=[(t.short_name or t.name, endorsements.get(t.pk, 0)) for t in tracks],
            label_heading=_("Thème"),
            value_heading=_("Soutiens"),
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
