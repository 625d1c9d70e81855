"""What the registrations keep of other rows and follow (issue 18): the name the board sorts
delegates by (`sorting.py`), through the renames of organisations and people; and the version
of the edition page's live part (places left, tariffs on sale: `editions.cached.live_scope`),
bumped by every write of the rows it counts. The writes no signal sees bump it themselves:
the registrations of a new order (`order_rows`), an order released (`services._release`),
offers lapsed (`seats.waitlist_advance`)."""

from congress.core import pagecache
from congress.editions.cached import live_scope
from congress.registrations import sorting
from congress.registrations.models import Registration, Tariff, WaitlistEntry


def watch_models() -> None:
    sorting.follow_renames()
    for model in (Registration, WaitlistEntry, Tariff):
        pagecache.watch(model, lambda row: [live_scope(row.congress_id)])
