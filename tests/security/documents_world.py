"""Documents and messages of the permission matrix's world: a generated report and a press
badge per edition, a draft message per edition, a sent one with a failure to retry."""

from django.core.files.base import ContentFile

from messaging.delivery import unsubscribe_token
from messaging.models import Message, MessageRecipient, MessageStatus, RecipientStatus
from reports.models import BadgeGuest, Report, ReportScope, ReportStatus


def add_documents(w) -> None:
    """Reports, badge guests, messages and an unsubscribe token."""
    o = w.objects
    edition, other = o["edition"], o["other_edition"]
    # --- generated reports (one per edition, with its PDF) ---------------------------------
    for name, congress in (("report", edition), ("report_other", other)):
        report = Report(congress=congress, scope=ReportScope.FULL, status=ReportStatus.DONE)
        report.file.save(f"{congress.slug}.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
        report.save()
        o[name] = report

    # --- printed matter: a press badge per edition -----------------------------------------
    for name, congress in (("badge_guest", edition), ("badge_guest_other", other)):
        o[name] = BadgeGuest.objects.create(
            congress=congress, full_name="Jeanne Presse", role="press"
        )
    # --- messages: a draft in each edition, a sent one with a failure to retry -------------
    for name, congress, author in (
        ("message", edition, w.users["organiser"]),
        ("message_other", other, w.users["organiser_other"]),
    ):
        o[name] = Message.objects.create(
            congress=congress, created_by=author, audience="delegates",
            audience_label="Toutes les personnes inscrites", subject_fr="Infos pratiques",
            body_fr="Bonjour {prenom}",
        )  # fmt: skip
    o["message_sent"] = Message.objects.create(
        congress=edition, created_by=w.users["organiser"], audience="delegates",
        subject_fr="Déjà envoyé", body_fr="Bonjour", status=MessageStatus.SENT,
    )  # fmt: skip
    MessageRecipient.objects.create(message=o["message_sent"], email="echec@example.org",
                                    full_name="Adresse en échec", status=RecipientStatus.FAILED)  # fmt: skip
    o["unsubscribe_token"] = unsubscribe_token(w.users["participant"].email)
