"""Pages of the outcomes sub-domain: each sub-domain package has its own urls; this module only
gathers them (congress/urls.py includes it)."""

from proposals.outcomes.consolidation import urls as consolidation_urls
from proposals.outcomes.endorsements import urls as endorsements_urls
from proposals.outcomes.followup import urls as followup_urls
from proposals.outcomes.recording import urls as recording_urls

urlpatterns = [
    *recording_urls.urlpatterns,  # moderators
    *endorsements_urls.urlpatterns,  # public, and the organisers' endorsement period
    *consolidation_urls.urlpatterns,  # organisers
    *followup_urls.urlpatterns,  # organisers
]
