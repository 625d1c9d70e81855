"""E-mail confirmation links, resending them, the profile: each guard fails without it."""

import time

import pytest
from django.core import signing
from django.core.exceptions import ValidationError

from congress.accounts import services
from congress.accounts.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unconfirmed():
    return UserFactory(email_confirmed_at=None)


def confirmed_at(user):
    return User.objects.get(pk=user.pk).email_confirmed_at


def test_an_expired_confirmation_link_is_refused(unconfirmed, settings, monkeypatch):
    token = services.email_confirmation_token(unconfirmed)
    later = time.time() + settings.EMAIL_CONFIRMATION_MAX_AGE + 10
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(ValidationError) as error:
        services.user_confirm_email(token=token)
    assert error.value.messages == ["Ce lien de confirmation a expiré. Demandez-en un nouveau."]
    assert confirmed_at(unconfirmed) is None


def test_a_forged_confirmation_link_is_refused(unconfirmed):
    token = signing.dumps({"u": unconfirmed.pk, "e": unconfirmed.email}, salt="another.salt")
    with pytest.raises(ValidationError) as error:
        services.user_confirm_email(token=token)
    assert error.value.messages == ["Ce lien de confirmation n'est pas valide."]
    assert confirmed_at(unconfirmed) is None


def test_a_confirmation_link_for_a_changed_address_is_refused(unconfirmed):
    token = services.email_confirmation_token(unconfirmed)
    User.objects.filter(pk=unconfirmed.pk).update(email="nouvelle@example.org")
    with pytest.raises(ValidationError) as error:
        services.user_confirm_email(token=token)
    assert error.value.messages == ["Ce lien de confirmation n'est pas valide."]
    assert confirmed_at(unconfirmed) is None


def test_confirming_twice_keeps_the_first_date(unconfirmed):
    token = services.email_confirmation_token(unconfirmed)
    first = services.user_confirm_email(token=token).email_confirmed_at
    services.user_confirm_email(token=token)
    assert confirmed_at(unconfirmed) == first


def test_resending_the_confirmation_mails_an_unconfirmed_person(unconfirmed, mailoutbox):
    services.user_resend_confirmation(user=unconfirmed)
    assert [m.to for m in mailoutbox] == [[unconfirmed.email]]


def test_resending_the_confirmation_to_a_confirmed_person_sends_nothing(mailoutbox):
    services.user_resend_confirmation(user=UserFactory())
    assert mailoutbox == []


def test_profile_update_saves_the_three_fields():
    user = UserFactory(full_name="Ancien Nom", phone="", preferred_language="fr")
    services.user_update_profile(
        user=user, full_name="Nouveau Nom", phone="02 43 00 00 00", preferred_language="en"
    )
    assert User.objects.filter(pk=user.pk).values_list(
        "full_name", "phone", "preferred_language"
    ).get() == ("Nouveau Nom", "02 43 00 00 00", "en")


def test_profile_update_refuses_an_unknown_language():
    user = UserFactory(full_name="Ancien Nom", preferred_language="fr")
    with pytest.raises(ValidationError) as error:
        services.user_update_profile(user=user, full_name="X", phone="", preferred_language="xx")
    assert list(error.value.message_dict) == ["preferred_language"]
    assert User.objects.filter(pk=user.pk).values_list("full_name", "preferred_language").get() == (
        "Ancien Nom",
        "fr",
    )


def test_the_next_page_is_read_from_a_valid_link_only(unconfirmed):
    token = services.email_confirmation_token(unconfirmed, next_url="/congres/2025/inscription/")
    assert services.confirmation_next_url(token) == "/congres/2025/inscription/"
    assert services.confirmation_next_url(services.email_confirmation_token(unconfirmed)) == ""
    assert services.confirmation_next_url(token + "x") == ""
    forged = signing.dumps({"u": unconfirmed.pk, "n": "/ailleurs/"}, salt="autre-chose")
    assert services.confirmation_next_url(forged) == ""
