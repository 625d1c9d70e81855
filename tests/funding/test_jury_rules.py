"""Rules of a call's jury (funding/jury/services.py): jurors added by address or invited,
invitations replaced, revoked and accepted, criteria frozen by the first assessment; each
refusal says why and each change is audited."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from funding.jury import services
from funding.models import ApplicationState, Assessment, JurorInvitation, JuryCriterion
from funding.permissions import is_juror
from tests.factories import UserFactory
from tests.factories.funding import ApplicationFactory, FundingCallFactory
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def audit(prefix):
    return list(
        AuditEntry.objects.filter(action__startswith=prefix)
        .order_by("pk")
        .values_list("action", "actor_id", "congress_id", "target_id", "details")
    )


def test_an_address_is_trimmed_and_lowered_before_it_is_looked_up(call, organiser):
    person = UserFactory(email="marie.curie-jure@example.org")

    added = services.juror_add(call=call, email="  Marie.Curie-Jure@EXAMPLE.org ", by=organiser)

    assert added is None
    assert list(call.jurors.all()) == [person]
    assert audit("funding.juror") == [
        ("funding.juror_add", organiser.pk, call.congress_id, str(call.pk),
         {"juror": person.email}),
    ]  # fmt: skip


def test_an_invitation_keeps_the_address_trimmed_and_lowered(call, organiser):
    invitation = services.juror_add(call=call, email=" Paul.Invite@Example.ORG ", by=organiser)

    assert JurorInvitation.objects.get().pk == invitation.pk
    assert (invitation.email, invitation.invited_by, invitation.call) == (
        "paul.invite@example.org", organiser, call,
    )  # fmt: skip
    assert audit("funding.juror") == [
        ("funding.juror_invite", organiser.pk, call.congress_id, str(call.pk),
         {"email": "paul.invite@example.org"}),
    ]  # fmt: skip


def test_a_deactivated_account_is_invited_not_added(call, organiser):
    UserFactory(email="ancien.jure@example.org", is_active=False)

    invitation = services.juror_add(call=call, email="ancien.jure@example.org", by=organiser)

    assert invitation is not None
    assert call.jurors.count() == 0


def test_a_juror_added_twice_is_told_so(call, organiser, juror):
    with pytest.raises(ValidationError) as error:
        services.juror_add(call=call, email=juror.email, by=organiser)
    assert error.value.message_dict == {"email": ["Cette personne fait déjà partie du jury."]}


def test_inviting_again_revokes_only_the_pending_invitation_of_this_call(call, organiser):
    other_call = FundingCallFactory(congress=call.congress)
    elsewhere = services.juror_add(call=other_call, email="lea@ex.org", by=organiser)
    accepted = services.juror_add(call=call, email="lea@ex.org", by=organiser)
    JurorInvitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    pending = services.juror_add(call=call, email="lea@ex.org", by=organiser)

    services.juror_add(call=call, email="lea@ex.org", by=organiser)

    revoked = set(
        JurorInvitation.objects.filter(revoked_at__isnull=False).values_list("pk", flat=True)
    )
    assert revoked == {pending.pk}
    assert JurorInvitation.objects.get(pk=elsewhere.pk).is_pending


def test_inviting_again_keeps_the_date_an_earlier_invitation_was_revoked(call, organiser):
    first = services.juror_add(call=call, email="lea@ex.org", by=organiser)
    revoked_at = timezone.now() - datetime.timedelta(days=3)
    JurorInvitation.objects.filter(pk=first.pk).update(revoked_at=revoked_at)

    services.juror_add(call=call, email="lea@ex.org", by=organiser)

    assert JurorInvitation.objects.get(pk=first.pk).revoked_at == revoked_at


def test_refusals_to_non_organisers_say_who_manages_the_jury(call, manager, juror):
    criterion = call.criteria.first()
    invitation = JurorInvitation.objects.create(call=call, email="x@ex.org")
    for write in (
        lambda: services.juror_add(call=call, email="x@ex.org", by=manager),
        lambda: services.juror_remove(call=call, juror=juror, by=manager),
        lambda: services.juror_invitation_revoke(invitation=invitation, by=manager),
        lambda: services.criterion_save(call=call, by=manager, name="x", weight=1),
        lambda: services.criterion_delete(criterion=criterion, by=manager),
    ):
        with pytest.raises(PermissionDenied) as error:
            write()
        assert str(error.value) == "Seuls les organisateurs gèrent le jury."
    assert call.jurors.count() == 1
    assert JuryCriterion.objects.filter(pk=criterion.pk).exists()
    assert JurorInvitation.objects.get().is_pending


def test_removing_a_juror_is_audited_and_someone_else_is_refused(call, organiser, juror):
    with pytest.raises(ValidationError) as error:
        services.juror_remove(call=call, juror=UserFactory(), by=organiser)
    assert error.value.messages == ["Cette personne ne fait pas partie du jury."]

    services.juror_remove(call=call, juror=juror, by=organiser)

    assert call.jurors.count() == 0
    assert audit("funding.juror") == [
        ("funding.juror_remove", organiser.pk, call.congress_id, str(call.pk),
         {"juror": juror.email}),
    ]  # fmt: skip


def test_revoking_is_audited_and_an_accepted_invitation_stays_accepted(call, organiser):
    invitation = services.juror_add(call=call, email="revoque@ex.org", by=organiser)
    accepted = services.juror_add(call=call, email="accepte@ex.org", by=organiser)
    JurorInvitation.objects.filter(pk=accepted.pk).update(accepted_at=timezone.now())
    accepted.refresh_from_db()

    services.juror_invitation_revoke(invitation=invitation, by=organiser)
    services.juror_invitation_revoke(invitation=accepted, by=organiser)

    assert JurorInvitation.objects.get(pk=invitation.pk).revoked_at is not None
    assert JurorInvitation.objects.get(pk=accepted.pk).revoked_at is None
    assert audit("funding.juror_invitation") == [
        ("funding.juror_invitation_revoke", organiser.pk, call.congress_id, str(call.pk),
         {"email": "revoque@ex.org"}),
    ]  # fmt: skip


def test_accepting_makes_a_juror_at_once_and_is_audited(call, organiser):
    invitation = services.juror_add(call=call, email="nouvelle@ex.org", by=organiser)
    newcomer = UserFactory(email="nouvelle@ex.org")
    assert not is_juror(newcomer, call)  # the juries of this account are now known (cached)

    joined = services.juror_invitation_accept(
        token=services.invitation_token(invitation), by=newcomer
    )

    assert joined == call
    assert is_juror(newcomer, call)
    assert list(call.jurors.all()) == [newcomer]
    invitation.refresh_from_db()
    assert (invitation.accepted_by, invitation.is_pending) == (newcomer, False)
    assert audit("funding.juror_join") == [
        ("funding.juror_join", newcomer.pk, call.congress_id, str(call.pk),
         {"juror": "nouvelle@ex.org"}),
    ]  # fmt: skip


# Criteria --------------------------------------------------------------------------------------


def _assess(call, *jurors):
    application = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED)
    for juror in jurors:
        Assessment.objects.create(application=application, juror=juror)


def test_one_assessment_freezes_the_criteria_with_the_singular(call, organiser, juror):
    _assess(call, juror)

    with pytest.raises(ValidationError) as error:
        services.criterion_save(call=call, by=organiser, name="Innovation", weight=1)
    assert plain(error.value.messages) == [
        "Le jury a déjà rendu 1 évaluation : les critères ne peuvent plus changer, les notes "
        "déjà données perdraient leur sens."
    ]


def test_two_assessments_freeze_the_criteria_with_the_plural(call, organiser, juror):
    _assess(call, juror, UserFactory())
    criterion = call.criteria.first()

    with pytest.raises(ValidationError) as error:
        services.criterion_delete(criterion=criterion, by=organiser)
    assert plain(error.value.messages) == [
        "Le jury a déjà rendu 2 évaluations : les critères ne peuvent plus changer, les notes "
        "déjà données perdraient leur sens."
    ]
    assert JuryCriterion.objects.filter(pk=criterion.pk).exists()


def test_assessments_of_another_call_do_not_freeze_this_one(call, organiser, juror):
    _assess(FundingCallFactory(congress=call.congress), juror)

    criterion = services.criterion_save(call=call, by=organiser, name="Innovation", weight=2)

    assert JuryCriterion.objects.get(pk=criterion.pk).name == "Innovation"


def test_a_criterion_name_is_unique_per_call_whatever_its_case(call, organiser):
    other_call = FundingCallFactory(congress=call.congress)
    services.criterion_save(call=other_call, by=organiser, name="Innovation", weight=1)
    services.criterion_save(call=call, by=organiser, name="Innovation", weight=1)

    with pytest.raises(ValidationError) as error:
        services.criterion_save(call=call, by=organiser, name="INNOVATION", weight=1)
    assert error.value.message_dict == {
        "name": ["Un critère de ce nom existe déjà pour cet appel."]
    }
    assert call.criteria.filter(name__iexact="innovation").count() == 1


def test_creating_and_deleting_a_criterion_are_audited_with_its_details(call, organiser):
    created = services.criterion_save(
        call=call, by=organiser, name="Ancrage local", weight=2, order=4
    )

    assert (created.call, created.name, created.weight, created.order) == (
        call,
        "Ancrage local",
        2,
        4,
    )
    services.criterion_delete(criterion=created, by=organiser)

    assert not JuryCriterion.objects.filter(pk=created.pk).exists()
    assert audit("funding.criterion") == [
        ("funding.criterion_create", organiser.pk, call.congress_id, str(call.pk),
         {"criterion": "Ancrage local", "weight": 2, "order": 4}),
        ("funding.criterion_delete", organiser.pk, call.congress_id, str(call.pk),
         {"criterion": "Ancrage local"}),
    ]  # fmt: skip
