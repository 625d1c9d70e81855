from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from congress.core.admin_scoping import EditionScopedAdmin
from proposals.outcomes.followup.models import FollowUp


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
