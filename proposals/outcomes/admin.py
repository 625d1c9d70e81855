from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from congress.admin_scoping import EditionScopedAdmin
from proposals.outcomes.models import (
    Addressee,
    Endorsement,
    EndorsementPeriod,
    FollowUp,
    Outcome,
    PolicyProposal,
    Revision,
)


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


@admin.register(EndorsementPeriod)
class EndorsementPeriodAdmin(EditionScopedAdmin):
    list_display = ["congress", "starts_at", "ends_at"]


@admin.register(Endorsement)
class EndorsementAdmin(EditionScopedAdmin):
    edition_lookup = "proposal__congress"
    list_display = ["proposal", "user", "created_at"]
    raw_id_fields = ["proposal", "user"]


@admin.register(FollowUp)
class FollowUpAdmin(EditionScopedAdmin):
    edition_lookup = "proposal__congress"
    list_display = ["proposal", "status", "date", "institution"]
    list_filter = ["status"]
    raw_id_fields = ["proposal", "recorded_by"]
    exclude = ["document"]  # private file (no URL): uploaded and served by the staff pages
    readonly_fields = ["document_link"]

    @admin.display(description=_("document"))
    def document_link(self, followup):
        if not followup.document:
            return "–"
        url = reverse("followup_document", args=[followup.proposal.congress.slug, followup.pk])
        return format_html('<a href="{}">{}</a>', url, _("Télécharger"))
