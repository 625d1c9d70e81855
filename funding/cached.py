"""The calls for projects listed on the edition's cached page (congress/core/pagecache.py): a
call created, edited or deleted makes its edition's pages fresh."""

from congress.core import pagecache
from funding.models import FundingCall


def watch_models() -> None:
    pagecache.watch(FundingCall, lambda call: [call.congress_id])
