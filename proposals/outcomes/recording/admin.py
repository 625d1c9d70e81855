from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from proposals.outcomes.recording.models import Addressee, Outcome, PolicyProposal, Revision


@admin.register(Addressee)
class AddresseeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order"]


@admin.register(Outcome)
class OutcomeAdmin(EditionScopedAdmin):
    list_display = ["session", "status", "attendee_count", "version", "updated_at"]
    list_filter = ["congress", "status"]
    raw_id_fields = ["session", "updated_by"]
    filter_horizontal = ["organisations"]
    readonly_fields = ["version"]


@admin.register(PolicyProposal)
class PolicyProposalAdmin(EditionScopedAdmin):
    list_display = ["title", "track", "status", "level", "followup_status"]
    list_filter = ["congress", "status", "level", "track"]
    search_fields = ["title", "statement"]
    raw_id_fields = ["outcome", "merged_into", "split_from"]
    filter_horizontal = ["addressees", "related_tracks", "supporting_organisations", "sources"]
    readonly_fields = ["version"]


@admin.register(Revision)
class RevisionAdmin(EditionScopedAdmin):
    list_display = ["at", "action", "by", "outcome", "policy_proposal"]
    list_filter = ["action"]
    raw_id_fields = ["outcome", "policy_proposal", "by"]
