from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from proposals.models import (
    CallForProposals,
    CallTrack,
    ProposalStateChange,
    Review,
    ReviewCriterion,
    Speaker,
    WorkshopProposal,
)

# The admin of the outcome models, one module per sub-domain, registered with this app's.
from proposals.outcomes.endorsements import admin as _endorsements_admin  # noqa: F401
from proposals.outcomes.followup import admin as _followup_admin  # noqa: F401
from proposals.outcomes.recording import admin as _recording_admin  # noqa: F401


class CallTrackInline(admin.TabularInline):
    model = CallTrack
    extra = 0


class ReviewCriterionInline(admin.TabularInline):
    model = ReviewCriterion
    extra = 0


@admin.register(CallForProposals)
class CallForProposalsAdmin(EditionScopedAdmin):
    list_display = ["congress", "opens_at", "closes_at", "review_closes_at", "anonymous_review"]
    inlines = [CallTrackInline, ReviewCriterionInline]


class SpeakerInline(admin.TabularInline):
    model = Speaker
    extra = 0


class StateChangeInline(admin.TabularInline):
    model = ProposalStateChange
    extra = 0
    readonly_fields = ["from_state", "to_state", "by", "at", "note"]


@admin.register(WorkshopProposal)
class WorkshopProposalAdmin(EditionScopedAdmin):
    list_display = ["title", "congress", "organisation", "track", "state", "submitted_at"]
    list_filter = ["congress", "state", "track"]
    list_select_related = ["congress", "organisation", "track"]
    search_fields = ["title", "organisation__name"]
    autocomplete_fields = ["organisation", "co_organisations"]
    raw_id_fields = ["session", "created_by"]
    inlines = [SpeakerInline, StateChangeInline]


@admin.register(Review)
class ReviewAdmin(EditionScopedAdmin):
    edition_lookup = "proposal__congress"
    list_display = ["proposal", "reviewer", "weighted_score", "updated_at"]
    list_select_related = ["proposal", "reviewer"]
