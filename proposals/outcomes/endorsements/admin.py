from django.contrib import admin

from congress.core.admin_scoping import EditionScopedAdmin
from proposals.outcomes.endorsements.models import Endorsement, EndorsementPeriod


@admin.register(EndorsementPeriod)
class EndorsementPeriodAdmin(EditionScopedAdmin):
    list_display = ["congress", "starts_at", "ends_at"]


@admin.register(Endorsement)
class EndorsementAdmin(EditionScopedAdmin):
    edition_lookup = "proposal__congress"
    list_display = ["proposal", "user", "created_at"]
    raw_id_fields = ["proposal", "user"]
