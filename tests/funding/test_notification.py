"""Decision letters e-mailed: the PDF attached, once per application, audited."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils.html import escape

from congress.audit.models import AuditEntry
from congress.organisations.models import MembershipRole
from funding.models import ApplicationState, Decision
from tests.factories import MembershipFactory, UserFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(draft, manager):
    draft.state = ApplicationState.GRANTED
    draft.save()
    Decision.objects.create(
        application=draft, granted=True, amount_granted=Decimal("7000"), conditions="Rapport"
    )
    return draft


def test_the_organiser_emails_the_letter_once(
    client, call, organiser, decided, manager, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=decided.organisation, role=MembershipRole.MEMBER)
    MembershipFactory(
        organisation=decided.organisation,
        role=MembershipRole.MANAGER,
        user=UserFactory(is_active=False),
    )
    client.force_login(organiser)
    url = reverse("funding_application_notify", args=[call.congress.slug, decided.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert response.status_code == 200
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [manager.email, decided.organisation.contact_email]
    assert decided.title in message.subject
    assert "a été retenu" in message.body
    (name, content, mimetype) = message.attachments[0]
    assert (name, mimetype) == (f"decision-{decided.pk}.pdf", "application/pdf")
    assert content.startswith(b"%PDF-")
    assert "Lettre envoyée par e-mail le" in response.content.decode()
    entry = AuditEntry.objects.get(action="funding.notify")
    assert entry.target_id == str(decided.pk)
    assert entry.details["to"] == message.to

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, follow=True)
    assert "La lettre a déjà été envoyée le" in again.content.decode()
    assert len(mail.outbox) == 1
    assert AuditEntry.objects.filter(action="funding.notify").count() == 1

    decide = reverse("funding_application_decide", args=[call.congress.slug, decided.pk])
    refused = client.post(decide, {"granted": "0"}, follow=True)
    assert "elle ne change plus" in refused.content.decode()
    assert Decision.objects.get().granted is True


def test_no_letter_before_a_decision_and_only_organisers_send(
    client, call, organiser, draft, manager, django_capture_on_commit_callbacks
):
    draft.state = ApplicationState.SUBMITTED
    draft.save()
    url = reverse("funding_application_notify", args=[call.congress.slug, draft.pk])
    client.force_login(manager)
    assert client.post(url).status_code == 403
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, follow=True)
    assert escape("Décidez d'abord") in response.content.decode()
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action="funding.notify").exists()


def test_a_refused_letter_is_recorded_shown_and_resent_once_per_click(
    client, call, organiser, decided, manager, django_capture_on_commit_callbacks, monkeypatch
):
    from funding import services as funding_services

    def refuse(application, recipients):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(funding_services, "send_decision_letter", refuse)
    client.force_login(organiser)
    url = reverse("funding_application_notify", args=[call.congress.slug, decided.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    decision = Decision.objects.get()
    assert decision.notified_at is None
    assert decision.letter_failed_at is not None
    assert decision.letter_error == "ConnectionRefusedError: mail server down"
    assert AuditEntry.objects.get(action="funding.notify_failed").details == {
        "to": [manager.email, decided.organisation.contact_email],
        "error": "ConnectionRefusedError",
    }
    ranking = reverse("funding_call_ranking", args=[call.congress.slug, call.pk])
    page = plain(client.get(ranking).content.decode())
    assert "L'envoi de la lettre a échoué le" in page.replace("&#x27;", "'")
    assert "Renvoyer la lettre par e-mail" in page

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(url, follow=True)
    assert len(mail.outbox) == 1
    assert "La lettre a déjà été envoyée le" in plain(second.content.decode())
    decision.refresh_from_db()
    assert decision.notified_at is not None
    assert (decision.letter_failed_at, decision.letter_error) == (None, "")
    notified = AuditEntry.objects.filter(action="funding.notify").order_by("pk")
    assert [e.details["resend"] for e in notified] == [False, True]
    assert "échoué" not in plain(client.get(ranking).content.decode())


def test_the_service_refuses_a_letter_sent_by_someone_not_organising(
    decided, manager, juror, django_capture_on_commit_callbacks
):
    from django.core.exceptions import PermissionDenied

    from funding.services import decision_notify

    for user in (manager, juror):
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
            decision_notify(application=decided, by=user)

    assert Decision.objects.get().notified_at is None
    assert mail.outbox == []
    assert not AuditEntry.objects.filter(action__startswith="funding.notify").exists()


def test_letter_recipients_are_each_written_once_whatever_the_case_and_blanks_dropped(decided):
    from funding.services import letter_recipients

    organisation = decided.organisation
    shared = UserFactory(email="Tresorier@Example.org")
    MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER, user=shared)
    organisation.contact_email = "tresorier@example.org"
    organisation.save()
    managers = sorted(
        organisation.memberships.filter(role=MembershipRole.MANAGER).values_list(
            "user__email", flat=True
        )
    )

    assert sorted(letter_recipients(decided)) == managers  # the contact is a manager: not twice

    organisation.contact_email = ""
    organisation.save()
    assert sorted(letter_recipients(decided)) == managers  # no contact address: nothing blank added
