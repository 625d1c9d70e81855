from django.contrib import admin

from funding.models import (
    Application,
    Decision,
    Funder,
    FundingCall,
    JuryCriterion,
    Meeting,
    MeetingGrid,
)


class CriterionInline(admin.TabularInline):
    model = JuryCriterion
    extra = 1


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    list_display = ("title", "congress", "funder_name", "opens_at", "closes_at")
    inlines = [CriterionInline]
    filter_horizontal = ("jurors",)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ("title", "organisation", "call", "state", "amount_requested")
    list_filter = ("state",)
    raw_id_fields = ("organisation", "created_by")


admin.site.register(Decision)
admin.site.register(Funder)
admin.site.register(MeetingGrid)
admin.site.register(Meeting)
