"""The rules of congress/accounts/services.py that the other tests leave open (issue 19):
what sign-up stores and carries in its link, which existing account answers a sign-up, the
resent link, profile saves that write only the profile, and the record of a consent."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from congress.accounts import services
from congress.accounts.models import Consent, User
from tests.factories import CongressFactory, UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "x-Tr3s-long-pass"


def link_token(mail):
    return mail.body.split("/account/confirm/")[1].split("/")[0]


def sign_up(capture, **fields):
    with capture(execute=True):
        return services.user_sign_up(**({"full_name": "Louise", "password": PASSWORD} | fields))


def test_sign_up_stores_the_phone_and_language_given(
    mailoutbox, django_capture_on_commit_callbacks
):
    user = sign_up(
        django_capture_on_commit_callbacks,
        email="louise@example.org",
        phone="0601020304",
        preferred_language="en",
    )
    assert User.objects.filter(pk=user.pk).values_list("phone", "preferred_language").get() == (
        "0601020304",
        "en",
    )
    assert [m.to for m in mailoutbox] == [["louise@example.org"]]


def test_sign_up_without_phone_or_next_stores_no_phone_and_links_nowhere(
    mailoutbox, django_capture_on_commit_callbacks
):
    user = sign_up(django_capture_on_commit_callbacks, email="louise@example.org")
    assert User.objects.get(pk=user.pk).phone == ""
    (mail,) = mailoutbox
    assert services.confirmation_next_url(link_token(mail)) == ""


def test_the_confirmation_link_carries_where_to_go_next(
    mailoutbox, django_capture_on_commit_callbacks
):
    sign_up(django_capture_on_commit_callbacks, email="louise@example.org", next_url="/atelier/3/")
    (mail,) = mailoutbox
    assert services.confirmation_next_url(link_token(mail)) == "/atelier/3/"


def test_another_active_account_does_not_block_a_new_address(
    mailoutbox, django_capture_on_commit_callbacks
):
    other = UserFactory(email="marc@example.org")
    user = sign_up(django_capture_on_commit_callbacks, email="louise@example.org")
    assert user is not None
    assert sorted(User.objects.values_list("email", flat=True)) == [
        "louise@example.org",
        other.email,
    ]
    assert [(m.to, m.subject) for m in mailoutbox] == [
        (["louise@example.org"], "Confirmez votre adresse e-mail – Congrès des Solidarités")
    ]


def test_a_deactivated_account_is_not_mailed_as_the_owner_of_the_address(
    mailoutbox, django_capture_on_commit_callbacks
):
    """Only an active account's owner is told "someone tried to sign up with your address": a
    deactivated one is not mailed, and the sign-up makes no account (None, as for an active
    one: the page answers the same as for a new address)."""
    UserFactory(email="louise@example.org", is_active=False)
    assert sign_up(django_capture_on_commit_callbacks, email="louise@example.org") is None
    assert mailoutbox == []


def test_an_existing_address_still_hashes_the_password_given(
    monkeypatch, django_capture_on_commit_callbacks
):
    """Same work as a real sign-up (no timing difference): the password given is hashed."""
    UserFactory(email="louise@example.org")
    hashed = []
    monkeypatch.setattr(services, "make_password", lambda password: hashed.append(password))
    assert sign_up(django_capture_on_commit_callbacks, email="louise@example.org") is None
    assert hashed == [PASSWORD]


def test_the_resent_link_confirms_the_address(mailoutbox):
    user = UserFactory(email="louise@example.org", email_confirmed_at=None)
    services.user_resend_confirmation(user=user)
    (mail,) = mailoutbox
    assert mail.to == ["louise@example.org"]
    services.user_confirm_email(token=link_token(mail))
    assert User.objects.get(pk=user.pk).email_confirmed is True


def test_a_profile_save_writes_only_the_profile_fields():
    """A copy read before another change (the address confirmed meanwhile) does not write
    that change back."""
    stale = UserFactory(email_confirmed_at=None)
    User.objects.filter(pk=stale.pk).update(email_confirmed_at=timezone.now())
    services.user_update_profile(
        user=stale, full_name="Louise Michel", phone="0601020304", preferred_language="en"
    )
    fresh = User.objects.get(pk=stale.pk)
    assert (fresh.full_name, fresh.phone, fresh.preferred_language) == (
        "Louise Michel",
        "0601020304",
        "en",
    )
    assert fresh.email_confirmed_at is not None


@pytest.mark.parametrize("kind", sorted(services.CONSENT_WORDING))
def test_a_consent_is_recorded_with_the_wording_shown(kind):
    congress = CongressFactory()
    user = UserFactory()
    organiser = UserFactory()
    consent = services.consent_record(
        kind=kind,
        given=True,
        email="louise@example.org",
        source="inscription",
        congress=congress,
        user=user,
        recorded_by=organiser,
    )
    row = Consent.objects.filter(pk=consent.pk).values(
        "congress", "user", "email", "kind", "given", "wording", "source", "recorded_by"
    )
    assert list(row) == [
        {
            "congress": congress.pk,
            "user": user.pk,
            "email": "louise@example.org",
            "kind": kind,
            "given": True,
            "wording": services.CONSENT_WORDING[kind],
            "source": "inscription",
            "recorded_by": organiser.pk,
        }
    ]


def test_a_photo_consent_keeps_its_french_wording():
    consent = services.consent_record(
        kind="photo", given=False, email="a@example.org", source="accueil"
    )
    assert Consent.objects.get(pk=consent.pk).wording == (
        "J'accepte d'être photographié·e ou filmé·e pendant le congrès."
    )


@pytest.mark.parametrize(
    "recorded_by",
    [None, AnonymousUser(), SimpleNamespace(pk=1)],
    ids=["nobody", "anonymous", "no-is_authenticated"],
)
def test_a_consent_given_without_a_logged_in_recorder_has_none(recorded_by):
    consent = services.consent_record(
        kind="publication",
        given=False,
        email="a@example.org",
        source="formulaire",
        recorded_by=recorded_by,
    )
    assert list(
        Consent.objects.filter(pk=consent.pk).values_list(
            "congress", "user", "given", "recorded_by", "source", "email"
        )
    ) == [(None, None, False, None, "formulaire", "a@example.org")]
