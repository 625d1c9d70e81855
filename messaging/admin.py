from django.contrib import admin

from messaging.models import Message, MessageRecipient, OptOut, ReminderText


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin):
    list_display = (
        "subject_fr",
        "congress",
        "audience_label",
        "status",
        "created_by",
        "created_at",
    )
    list_filter = ("congress", "status", "kind")
    readonly_fields = ("created_by", "sent_by", "sent_at")


@admin.register(MessageRecipient)
class MessageRecipientAdmin(admin.ModelAdmin):
    list_display = ("email", "message", "status", "sent_at")
    list_filter = ("status",)
    search_fields = ("email", "full_name")


admin.site.register(OptOut)
admin.site.register(ReminderText)
