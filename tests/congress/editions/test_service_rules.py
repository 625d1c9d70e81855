"""The rules of congress/editions/services.py that the other tests leave open (issue 19):
organisers' invitations for an organisation left without manager, who changes an edition's
settings and which fields that writes and checks, when programme alerts fire, and the admin
grant writing only the staff flag."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.accounts.models import User
from congress.editions import services, tasks
from congress.editions.alerts import ProgrammeAlert
from congress.editions.models import Congress
from congress.organisations.models import Invitation, MembershipRole, Organisation
from tests.factories import CongressFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    user = UserFactory()
    CongressFactory().organisers.add(user)
    return user


@pytest.fixture
def orphaned():
    return OrganisationFactory(orphaned_at=timezone.now())


def invitations():
    return list(Invitation.objects.values_list("organisation", "email", "role", "invited_by"))


# orphaned_organisation_invite


def test_an_organiser_invites_a_manager_for_an_orphaned_organisation(
    organiser, orphaned, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.orphaned_organisation_invite(
            organisation=orphaned, email=" Nouvelle@Example.org", by=organiser
        )
    assert invitations() == [(orphaned.pk, "nouvelle@example.org", MembershipRole.MANAGER,
                              organiser.pk)]  # fmt: skip
    assert invitation.role == MembershipRole.MANAGER
    assert [m.to for m in mailoutbox] == [["nouvelle@example.org"]]


def test_a_superuser_counts_as_an_organiser(orphaned):
    admin = UserFactory(is_superuser=True)
    services.orphaned_organisation_invite(organisation=orphaned, email="a@example.org", by=admin)
    assert invitations() == [(orphaned.pk, "a@example.org", MembershipRole.MANAGER, admin.pk)]


def test_only_organisers_invite_for_an_orphaned_organisation(orphaned, mailoutbox):
    with pytest.raises(PermissionDenied) as error:
        services.orphaned_organisation_invite(
            organisation=orphaned, email="a@example.org", by=UserFactory()
        )
    assert str(error.value) == "Seuls les organisateurs peuvent inviter pour cette organisation."
    assert (invitations(), mailoutbox) == ([], [])


def test_organisers_do_not_invite_for_an_organisation_that_has_a_manager(organiser, mailoutbox):
    organisation = OrganisationFactory(orphaned_at=None)
    with pytest.raises(PermissionDenied) as error:
        services.orphaned_organisation_invite(
            organisation=organisation, email="a@example.org", by=organiser
        )
    assert str(error.value) == (
        "Cette organisation a un gestionnaire\u202f: c'est à lui d'inviter de nouveaux membres."
    )
    assert (invitations(), mailoutbox) == ([], [])


def test_the_orphaned_state_is_read_from_the_database(organiser, orphaned):
    """A copy read before a manager came back is not trusted: the row decides."""
    Organisation.objects.filter(pk=orphaned.pk).update(orphaned_at=None)
    with pytest.raises(PermissionDenied):
        services.orphaned_organisation_invite(
            organisation=orphaned, email="a@example.org", by=organiser
        )
    stale = Organisation.objects.get(pk=orphaned.pk)
    Organisation.objects.filter(pk=orphaned.pk).update(orphaned_at=timezone.now())
    services.orphaned_organisation_invite(organisation=stale, email="a@example.org", by=organiser)
    assert len(invitations()) == 1


# edition_features_set


@pytest.fixture
def week():
    return CongressFactory(kind="programme", programme_published=False)


@pytest.fixture
def queued(monkeypatch):
    sent = []
    monkeypatch.setattr(
        tasks, "send_programme_published", SimpleNamespace(enqueue=lambda *a: sent.append(a))
    )
    return sent


def confirmed_alert(congress, email="camille@example.org"):
    return ProgrammeAlert.objects.create(
        congress=congress, email=email, confirmed_at=timezone.now()
    )


def test_only_the_editions_organisers_change_its_settings(week, organiser):
    with pytest.raises(PermissionDenied) as error:
        services.edition_features_set(
            congress=week, features={}, programme_published=True, by=organiser
        )
    assert str(error.value) == "Seuls les organisateurs de l'édition changent ses réglages."
    assert Congress.objects.get(pk=week.pk).programme_published is False


def test_saving_the_settings_unpublished_keeps_the_alerts_and_sends_nothing(
    week, queued, django_capture_on_commit_callbacks
):
    organiser = UserFactory()
    week.organisers.add(organiser)
    alert = confirmed_alert(week)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_features_set(
            congress=week, features=week.features_on, programme_published=False, by=organiser
        )
    assert queued == []
    assert list(ProgrammeAlert.objects.values_list("pk", flat=True)) == [alert.pk]


def test_saving_an_already_published_programme_again_fires_no_alert(
    queued, django_capture_on_commit_callbacks
):
    published = CongressFactory(kind="programme", programme_published=True)
    organiser = UserFactory()
    published.organisers.add(organiser)
    alert = confirmed_alert(published)
    with django_capture_on_commit_callbacks(execute=True):
        services.edition_features_set(
            congress=published, features=published.features_on, programme_published=True,
            by=organiser,
        )  # fmt: skip
    assert queued == []
    assert list(ProgrammeAlert.objects.values_list("pk", flat=True)) == [alert.pk]


def test_the_settings_write_and_check_only_their_own_fields(week):
    """A copy read before another change (the name) does not write it back, and a field the
    form does not show (an old contact address now invalid) does not block the switches."""
    organiser = UserFactory()
    week.organisers.add(organiser)
    Congress.objects.filter(pk=week.pk).update(name="Semaine renommée")
    week.contact_email = "pas-une-adresse"
    services.edition_features_set(
        congress=week, features={"stands": True}, programme_published=True, by=organiser
    )
    fresh = Congress.objects.get(pk=week.pk)
    assert (fresh.name, fresh.contact_email) == ("Semaine renommée", "congres@example.org")
    assert fresh.programme_published is True
    assert fresh.features["stands"] is True


# organiser_grant_admin, programme_alert_subscribe


def test_granting_the_admin_writes_only_the_staff_flag():
    stale = UserFactory(is_staff=False)
    User.objects.filter(pk=stale.pk).update(full_name="Nom changé")
    services.organiser_grant_admin(user=stale)
    fresh = User.objects.get(pk=stale.pk)
    assert (fresh.is_staff, fresh.full_name) == (True, "Nom changé")


def test_no_alert_once_the_programme_is_out(mailoutbox):
    published = CongressFactory(kind="programme", programme_published=True)
    with pytest.raises(ValidationError) as error:
        services.programme_alert_subscribe(congress=published, email="a@example.org")
    assert error.value.messages == ["Le programme est déjà publié\u202f: vous pouvez le consulter."]
    assert (ProgrammeAlert.objects.count(), mailoutbox) == (0, [])
