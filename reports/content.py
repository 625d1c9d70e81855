"""What goes into the report: the chapters of one variant (full, one track, one addressee),
built from the selectors. The HTML template (templates/reports/report.html) only lays it out.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from congress.editions.models import Congress
from proposals.models import ProposalState
from proposals.outcomes.models import Addressee
from reports import charts, policy, selectors, summary
from reports.figures import PROCESS_CHARTS, ProcessFigure, key_figure_charts
from reports.models import ReportScope, ReportSettings
from tracks.feedback.selectors import (
    MIN_ANSWERS_FOR_TEXTS,
    feedback_summary,
    workshops_with_feedback,
)
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
    feedback: object = None  # the survey answers' summary (annex, full report with answers)
    feedback_workshops: list = field(default_factory=list)  # those with enough answers
    feedback_workshops_few: int = 0  # workshops answered too few times to show their figures
    feedback_minimum: int = MIN_ANSWERS_FOR_TEXTS
    # The executive summary (full report): the leading proposals, ranked as summary.py says.
    leading: list = field(default_factory=list)
    # Figures and charts of how the congress was run: in the method annex, not in the body.
    process_figures: list[tuple[str, str]] = field(default_factory=list)
    process_charts: list[charts.Chart] = field(default_factory=list)
    logos: list = field(default_factory=list)  # partners' logos, on the cover
    logo: object = None  # the edition's logo (summary.Logo), on the cover


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
    figures, figure_charts, process_figures, process_charts = [], [], [], []
    if scope == ReportScope.FULL:
        chapters.append(Chapter("essentiel", _("L'essentiel")))
    if foreword:
        chapters.append(Chapter("avant-propos", _("Avant-propos")))
    if scope == ReportScope.FULL:
        every_figure, every_chart = key_figure_charts(congress, tracks, proposals)
        figures = [f for f in every_figure if not isinstance(f, ProcessFigure)]
        process_figures = [f for f in every_figure if isinstance(f, ProcessFigure)]
        figure_charts = [c for c in every_chart if c.chart_id not in PROCESS_CHARTS]
        process_charts = [c for c in every_chart if c.chart_id in PROCESS_CHARTS]
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
    feedback, feedback_workshops, feedback_workshops_few = None, [], 0
    if scope == ReportScope.FULL:
        feedback = feedback_summary(congress)
        if not feedback.is_empty:
            # A workshop's figures only from a few answers, as on its results page: with one or
            # two, a public average would tell the moderators what those few people thought.
            answered = [w for w in workshops_with_feedback(congress) if w.answer_count]
            feedback_workshops = [w for w in answered if w.answer_count >= MIN_ANSWERS_FOR_TEXTS]
            feedback_workshops_few = len(answered) - len(feedback_workshops)
            chapters.append(Chapter("annexe-avis", _("Annexe : avis des participants")))
    method_sections = []
    if scope == ReportScope.FULL:
        method_sections = [
            ("annexe-methode-deroulement", _("Le déroulement du congrès en chiffres")),
            ("annexe-methode-donnees", _("Les données des graphiques")),
        ]
    chapters.append(Chapter("annexe-methode", _("Annexe : méthode"), method_sections))
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
        feedback=None if feedback is None or feedback.is_empty else feedback,
        feedback_workshops=feedback_workshops,
        feedback_workshops_few=feedback_workshops_few,
        leading=summary.leading_proposals(proposals) if scope == ReportScope.FULL else [],
        process_figures=process_figures,
        process_charts=process_charts,
        logos=summary.partner_logos(congress),
        logo=summary.edition_logo(congress),
    )
