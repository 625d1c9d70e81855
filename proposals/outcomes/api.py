"""REST API of outcomes and policy proposals, on the same services and permissions as the pages.

- outcomes: moderators of the workshop's track (and organisers) record them;
- policy-proposals: validated ones are public; organisers edit, validate, set aside, merge, split;
- endorsements: participants support validated proposals during the endorsement period;
- follow-ups: public read, organisers write (multipart, PDF document).

Each viewset lives in its sub-domain package; this module only routes them under one prefix
(congress/urls.py includes it).
"""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from proposals.outcomes.consolidation.api import PolicyProposalViewSet
from proposals.outcomes.endorsements.api import EndorsementViewSet
from proposals.outcomes.followup.api import FollowUpViewSet
from proposals.outcomes.recording.api import OutcomeViewSet

router = SimpleRouter()
router.register("outcomes", OutcomeViewSet, basename="outcome")
router.register("policy-proposals", PolicyProposalViewSet, basename="policy-proposal")
router.register("endorsements", EndorsementViewSet, basename="endorsement")
router.register("follow-ups", FollowUpViewSet, basename="follow-up")
urlpatterns = [path("congresses/<slug:congress_slug>/", include(router.urls))]
