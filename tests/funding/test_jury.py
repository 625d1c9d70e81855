"""Organisers manage a call's jury: jurors by e-mail (an account at once, otherwise an
invitation), removal, criteria edited until the first assessment; every change audited."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from congress.audit.models import AuditEntry
from funding.jury import services
from funding.models import ApplicationState, JurorInvitation, JuryCriterion
from tests.factories import UserFactory
from tests.factories.funding import ApplicationFactory, FundingCallFactory, JuryCriterionFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def _url(name, call, *args):
    return reverse(name, args=[call.congress.slug, call.pk, *args])


def test_an_organiser_adds_an_account_then_removes_it(client, call, organiser):
    person = UserFactory(email="Jeanne.Jure@example.org")
    client.force_login(organiser)
    page = _url("funding_jury_manage", call)

    response = client.post(page, {"action": "juror", "juror-email": "jeanne.jure@EXAMPLE.org"})

    assert response.status_code == 302
    assert list(call.jurors.all()) == [person]
    assert mail.outbox == []
    shown = client.get(page).content.decode()
    assert person.email in shown
    again = client.post(page, {"action": "juror", "juror-email": person.email})
    assert again.status_code == 200
    assert "fait déjà partie du jury" in plain(again.content.decode())
    client.post(_url("funding_juror_remove", call, person.pk))
    assert list(call.jurors.all()) == []
    assert list(
        AuditEntry.objects.filter(action__startswith="funding.juror")
        .order_by("pk")
        .values_list("action", "details")
    ) == [
        ("funding.juror_add", {"juror": person.email}),
        ("funding.juror_remove", {"juror": person.email}),
    ]


def test_an_address_without_account_is_invited_and_joins_by_signing_in_with_it(
    client, call, organiser, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            _url("funding_jury_manage", call), {"action": "juror", "juror-email": "new@ex.org"}
        )
    invitation = JurorInvitation.objects.get()
    assert (invitation.email, invitation.invited_by) == ("new@ex.org", organiser)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new@ex.org"]
    link = next(w for w in mail.outbox[0].body.split() if "/jury-invitations/" in w)
    path = link.split("testserver", 1)[-1] if "testserver" in link else link[link.index("/f") :]

    intruder = UserFactory(email="other@ex.org")
    client.force_login(intruder)
    refused = client.post(path)
    assert refused.status_code == 400
    assert "new@ex.org" in refused.content.decode()
    assert list(call.jurors.all()) == []

    newcomer = UserFactory(email="new@ex.org", email_confirmed_at=None)
    client.force_login(newcomer)
    assert call.title in plain(client.get(path).content.decode())
    joined = client.post(path)
    assert joined.status_code == 302
    assert joined.url == reverse("funding_assessment_list", args=[call.congress.slug, call.pk])
    assert list(call.jurors.all()) == [newcomer]
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at is not None  # the link reached this mailbox
    used = client.post(path)
    assert "déjà été utilisée" in escape(plain(used.content.decode())).replace("&#x27;", "'")
    assert AuditEntry.objects.filter(action="funding.juror_join", actor=newcomer).count() == 1


def test_a_revoked_invitation_no_longer_opens_and_a_bad_token_is_refused(client, call, organiser):
    invitation = services.juror_add(call=call, email="late@ex.org", by=organiser)
    token = services.invitation_token(invitation)
    client.force_login(organiser)
    client.post(_url("funding_juror_invitation_revoke", call, invitation.pk))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    client.force_login(UserFactory(email="late@ex.org"))
    gone = client.get(reverse("funding_juror_invitation_accept", args=[token]))
    assert gone.status_code == 400
    bad = client.get(reverse("funding_juror_invitation_accept", args=["abc"]))
    assert bad.status_code == 400
    assert "pas valide" in plain(bad.content.decode())
    assert AuditEntry.objects.filter(action="funding.juror_invitation_revoke").count() == 1


def test_inviting_again_replaces_the_pending_invitation(call, organiser):
    first = services.juror_add(call=call, email="a@ex.org", by=organiser)
    second = services.juror_add(call=call, email="A@ex.org", by=organiser)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert [i.pk for i in JurorInvitation.objects.filter(revoked_at__isnull=True)] == [second.pk]


def test_only_organisers_manage_the_jury(client, call, manager, juror):
    for name, method in (("funding_jury_manage", "get"), ("funding_jury_manage", "post")):
        client.force_login(manager)
        assert getattr(client, method)(_url(name, call)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.juror_add(call=call, email="x@ex.org", by=manager)
    with pytest.raises(PermissionDenied):
        services.juror_remove(call=call, juror=juror, by=juror)
    with pytest.raises(PermissionDenied):
        services.criterion_save(call=call, by=manager, name="x", weight=1, order=1)
    assert call.jurors.count() == 1


def test_removing_someone_not_on_the_jury_is_refused(call, organiser):
    with pytest.raises(ValidationError):
        services.juror_remove(call=call, juror=UserFactory(), by=organiser)


def test_organisers_add_edit_and_delete_criteria_audited(client, call, organiser):
    client.force_login(organiser)
    page = _url("funding_jury_manage", call)
    body = {"action": "criterion", "criterion-name": "Innovation", "criterion-weight": "2",
            "criterion-order": "3"}  # fmt: skip
    assert client.post(page, body).status_code == 302
    created = call.criteria.get(name="Innovation")
    assert (created.weight, created.order) == (2, 3)
    bad = client.post(page, {**body, "criterion-name": "innovation", "criterion-weight": "0"})
    assert bad.status_code == 200
    text = plain(bad.content.decode())
    assert "Le poids est un entier de 1 au moins." in text
    dup = client.post(page, {**body, "criterion-name": "INNOVATION"})
    assert "Un critère de ce nom existe déjà" in plain(dup.content.decode())
    edit = _url("funding_criterion_edit", call, created.pk)
    assert client.get(edit).status_code == 200
    response = client.post(edit, {"name": "Caractère innovant", "weight": "4", "order": "1"})
    assert response.status_code == 302
    created.refresh_from_db()
    assert (created.name, created.weight, created.order) == ("Caractère innovant", 4, 1)
    client.post(_url("funding_criterion_delete", call, created.pk))
    assert not JuryCriterion.objects.filter(pk=created.pk).exists()
    assert list(
        AuditEntry.objects.filter(action__startswith="funding.criterion")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["funding.criterion_create", "funding.criterion_edit", "funding.criterion_delete"]


def test_criteria_are_frozen_once_the_jury_has_assessed(client, call, organiser, juror):
    from funding.services import assessment_save

    application = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)
    criteria = list(call.criteria.all())
    assessment_save(application=application, juror=juror, scores={c.pk: 3 for c in criteria})
    client.force_login(organiser)

    page = client.get(_url("funding_jury_manage", call)).content.decode()
    assert "Le jury a déjà rendu 1 évaluation" in plain(page)
    assert 'value="criterion"' not in page
    refused = client.post(
        _url("funding_criterion_edit", call, criteria[0].pk),
        {"name": "Autre", "weight": "1", "order": "1"},
    )
    assert refused.status_code == 200
    assert "les critères ne peuvent plus changer" in plain(refused.content.decode())
    deleted = client.post(_url("funding_criterion_delete", call, criteria[0].pk), follow=True)
    assert "les critères ne peuvent plus changer" in plain(deleted.content.decode())
    assert [c.name for c in call.criteria.all()] == [c.name for c in criteria]
    with pytest.raises(ValidationError):
        services.criterion_save(call=call, by=organiser, name="Nouveau", weight=1, order=9)
    assert not AuditEntry.objects.filter(action__startswith="funding.criterion").exists()


def test_pages_of_another_calls_objects_answer_404(client, call, organiser):
    other = FundingCallFactory(congress=call.congress)
    foreign = JuryCriterionFactory(call=other)
    client.force_login(organiser)
    assert client.get(_url("funding_criterion_edit", call, foreign.pk)).status_code == 404
    assert client.post(_url("funding_juror_remove", call, organiser.pk)).status_code == 404


@pytest.mark.parametrize("n", [1, 3])
def test_jury_page_query_count(client, call, organiser, n, django_assert_num_queries):
    jurors = [UserFactory(full_name=f"Juré {i}") for i in range(n)]
    call.jurors.add(*jurors)
    for i in range(n):
        services.juror_add(call=call, email=f"inv{i}@ex.org", by=organiser)
    client.force_login(organiser)
    with django_assert_num_queries(12):
        response = client.get(_url("funding_jury_manage", call))
    text = response.content.decode()
    assert [j.email for j in jurors if j.email not in text] == []
    assert [i for i in range(n) if f"inv{i}@ex.org" not in text] == []


def test_an_expired_or_already_used_invitation_is_refused_with_a_message(
    call, organiser, monkeypatch
):
    import time

    from django.core import signing

    invitation = services.juror_add(call=call, email="old@ex.org", by=organiser)
    real_time = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real_time() - 400 * 24 * 3600)
    old_token = services.invitation_token(invitation)
    monkeypatch.setattr(signing.time, "time", real_time)
    with pytest.raises(ValidationError, match="expiré"):
        services.juror_invitation_from_token(old_token)

    token = services.invitation_token(invitation)
    services.juror_invitation_revoke(invitation=invitation, by=organiser)
    services.juror_invitation_revoke(invitation=invitation, by=organiser)  # already: nothing
    assert AuditEntry.objects.filter(action="funding.juror_invitation_revoke").count() == 1
    # Revoked between the link's check and the lock: refused all the same.
    monkeypatch.setattr(services, "juror_invitation_from_token", lambda token: invitation)
    with pytest.raises(ValidationError, match="déjà été utilisée"):
        services.juror_invitation_accept(token=token, by=UserFactory(email="old@ex.org"))
    assert call.jurors.count() == 0


def test_a_persons_juror_invitations_are_exported_then_erased(call, organiser):
    from django.utils import timezone

    from funding.jury import privacy

    services.juror_add(call=call, email="moi@ex.org", by=organiser)
    services.juror_add(call=call, email="autre@ex.org", by=organiser)
    me = UserFactory(email="moi@ex.org", email_confirmed_at=timezone.now())
    claimant = UserFactory(email="autre@ex.org", email_confirmed_at=None)

    assert [i["call"] for i in privacy.export(me)["juror_invitations_received"]] == [call.title]
    assert privacy.export(claimant) == {"juror_invitations_received": []}
    privacy.erase(me)
    assert list(JurorInvitation.objects.values_list("email", flat=True)) == ["autre@ex.org"]


def test_editing_only_a_criterions_weight_keeps_its_name_and_order(call, organiser):
    criterion = call.criteria.get(name="Faisabilité")
    order = criterion.order

    services.criterion_save(call=call, by=organiser, criterion=criterion, weight=5)

    criterion.refresh_from_db()
    assert (criterion.name, criterion.weight, criterion.order) == ("Faisabilité", 5, order)
    entry = AuditEntry.objects.get(action="funding.criterion_edit")
    assert entry.details == {"criterion": "Faisabilité", "weight": 5, "order": order}
