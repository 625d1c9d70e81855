from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from proposals.outcomes.followup.models import FollowUp


@admin.register(FollowUp)
class FollowUpAdmin(EditionScopedAdmin):
    edition_lookup = "proposal__congress"
    list_display = ["proposal", "status", "date", "institution"]
    list_filter = ["status"]
    raw_id_fields = ["proposal", "recorded_by"]
