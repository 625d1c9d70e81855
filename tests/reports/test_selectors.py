from proposals.models import ProposalState
from reports import selectors
from tests.reports.conftest import make_edition


def test_workshops_by_track_counts_workshops_seats_and_signups(edition):
    food, inclusion = edition.tracks
    rows = selectors.workshops_by_track(edition.congress, edition.tracks)
    assert [(r.track, r.workshops, r.seats, r.signups) for r in rows] == [
        (food, 1, 40, 3),
        (inclusion, 1, 40, 0),
    ]


def test_proposals_by_track_and_state_leaves_drafts_out(edition):
    food, inclusion = edition.tracks
    assert selectors.proposals_by_track_and_state(edition.congress) == {
        (food.pk, ProposalState.ACCEPTED): 1,
        (food.pk, ProposalState.REJECTED): 1,
        (inclusion.pk, ProposalState.ACCEPTED): 1,
        (inclusion.pk, ProposalState.SUBMITTED): 1,
    }


def test_review_figures_count_reviews_reviewed_proposals_and_mean(edition):
    figures = selectors.review_figures(edition.congress)
    assert (figures.reviewable, figures.reviewed, figures.reviews, figures.reviewers) == (
        4,
        2,
        3,
        3,
    )
    assert round(figures.mean_score, 4) == round((4.00 + 3.50 + 1.25) / 3, 4)
    food = edition.tracks[0]
    assert selectors.review_figures(edition.congress, track=food).reviews == 3


def test_involved_organisations_are_proposers_and_co_presenters_not_drafts(edition):
    names = set(selectors.involved_organisations(edition.congress).values_list("name", flat=True))
    assert names == {
        "Épicerie solidaire du Maine",
        "CCAS du Mans",
        "Solidarités de Corse",
        "Bénévoles de la Sarthe",  # only through a confirmed registration
    }


def test_organisations_by_kind_and_departement(edition):
    assert selectors.organisations_by_kind(edition.congress) == [
        ("Association", 3),
        ("CCAS / CIAS", 1),
    ]
    assert selectors.organisations_by_departement(edition.congress) == [
        ("72 – Sarthe", 2),
        ("2A – Corse-du-Sud", 1),
        ("49 – Maine-et-Loire", 1),
    ]
    assert selectors.organisations_by_departement(edition.congress, top=1) == [
        ("72 – Sarthe", 2),
        ("Autres départements (2)", 2),
    ]


def test_transversal_workshops_are_those_with_another_track(edition):
    assert list(selectors.transversal_workshops(edition.congress)) == [edition.proposals[0]]


def test_selectors_only_read_their_own_edition(db):
    first = make_edition()
    make_edition(workshops=3)
    assert selectors.review_figures(first.congress).reviews == 3
    rows = selectors.workshops_by_track(first.congress, first.tracks)
    assert sum(r.workshops for r in rows) == 2
