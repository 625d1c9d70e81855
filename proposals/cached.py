"""The organisers' review ranking, its rows rendered once per version (issue 18;
congress/core/pagecache.py explains the cache).

The ranking of ~1,000 proposals costs most of its page's time in the template. Its tables are
kept under a scope of their own per edition (`ranking_scope`), bumped by every write of a
proposal, a review or an organisation's name, so that a review (frequent during the review
phase) does not make the public pages stale; the key also carries the edition's public version
(its slug, its tracks' names and order). Nothing personal is in them: the ticked boxes after a
refused decision are rendered live, never stored."""

from django.template.loader import render_to_string
from django.utils.translation import get_language

from congress.core import pagecache
from congress.editions.models import Congress
from congress.organisations.models import Organisation
from proposals import selectors
from proposals.models import Review, WorkshopProposal


def ranking_scope(congress_id: int) -> str:
    return f"ranking-{congress_id}"


def watch_models() -> None:
    pagecache.watch(WorkshopProposal, lambda proposal: [ranking_scope(proposal.congress_id)])
    pagecache.watch(Review, _ranking_of_review)
    pagecache.watch(Organisation, _rankings_of_organisation, fields={"name"})


def _ranking_of_review(review: Review):
    editions = WorkshopProposal.objects.filter(pk=review.proposal_id)
    return [ranking_scope(pk) for pk in editions.values_list("congress_id", flat=True)]


def _rankings_of_organisation(organisation: Organisation):
    if organisation.pk is None:
        return []
    editions = WorkshopProposal.objects.filter(organisation=organisation).values_list(
        "congress_id", flat=True
    )
    return [ranking_scope(pk) for pk in set(editions)]


def ranking_tables(congress: Congress, selected: set[int]) -> str:
    """The ranking's tables, cached when no box is ticked (the page as it first opens)."""

    def render() -> str:
        context = {
            "congress": congress, "tracks": selectors.ranking_by_track(congress),
            "selected": selected,
        }  # fmt: skip
        return render_to_string("proposals/staff/_ranking_tables.html", context)

    if selected:
        return render()
    cache_key = pagecache.key(
        ranking_scope(congress.pk), "ranking", get_language(), pagecache.version(congress.pk)
    )
    return pagecache.get_or_render(cache_key, render)
