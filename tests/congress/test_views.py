import pytest
from django.urls import reverse
from django.utils.html import escape

from congress.organisations.models import MembershipRole, Organisation
from tests.factories import (
    CongressFactory,
    MembershipFactory,
    OrganisationFactory,
    TrackFactory,
    UserFactory,
)
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def test_home_shows_current_edition_with_tracks(client):
    congress = CongressFactory(is_current=True, name="2e Congrès national des Solidarités")
    TrackFactory(congress=congress, name="L'insertion")
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["congress"] == congress
    assert "L&#x27;insertion" in response.text


def test_home_without_current_edition(client):
    CongressFactory(is_current=False)
    response = client.get("/")
    assert response.status_code == 200
    assert "Aucune édition n'est annoncée" in response.text


def test_draft_edition_is_hidden_from_the_public(client):
    congress = CongressFactory(status="draft")
    assert client.get(congress.get_absolute_url()).status_code == 404


def test_private_organisation_data_hidden_from_members_of_another_organisation(client):
    a = MembershipFactory(role=MembershipRole.MANAGER)
    b = MembershipFactory(
        role=MembershipRole.MANAGER, organisation=OrganisationFactory(public_listing=True)
    )
    client.force_login(a.user)
    response = client.get(b.organisation.get_absolute_url())
    assert response.status_code == 200
    assert response.context["private"] is False
    assert b.user.email not in response.text
    assert b.organisation.siret not in response.text
    assert client.get(reverse("organisation_edit", args=[b.organisation.slug])).status_code == 403
    response = client.post(
        reverse("organisation_invite", args=[b.organisation.slug]),
        {"email": "intrus@example.org", "role": "manager"},
    )
    assert response.status_code == 403
    assert b.organisation.invitations.count() == 0
    response = client.post(reverse("membership_remove", args=[b.organisation.slug, b.pk]))
    assert response.status_code == 403


def test_unlisted_organisation_is_404_for_outsiders(client):
    hidden = OrganisationFactory(public_listing=False)
    client.force_login(UserFactory())
    assert client.get(hidden.get_absolute_url()).status_code == 404


def test_member_sees_private_data_of_own_organisation(client):
    membership = MembershipFactory(
        role=MembershipRole.MEMBER, organisation=OrganisationFactory(public_listing=False)
    )
    client.force_login(membership.user)
    response = client.get(membership.organisation.get_absolute_url())
    assert response.status_code == 200
    assert response.context["private"] is True
    assert response.context["can_manage"] is False
    assert membership.organisation.siret in response.text


def test_membership_remove_with_id_of_another_organisation_is_404(client):
    a = MembershipFactory(role=MembershipRole.MANAGER)
    victim = MembershipFactory()
    client.force_login(a.user)
    response = client.post(reverse("membership_remove", args=[a.organisation.slug, victim.pk]))
    assert response.status_code == 404


def test_organisation_create_form_invalid_siret_shows_french_error(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("organisation_create"),
        {
            "kind": "association",
            "name": "Asso",
            "siret": "12345678901234",
            "commune": "Le Mans",
            "departement": "72",
            "contact_email": "a@example.org",
        },  # fmt: skip
    )
    assert response.status_code == 200
    assert plain(response.context["form"].errors["siret"]) == plain(
        ["Ce numéro SIRET n'est pas valide : la clé de contrôle ne correspond pas."]
    )
    assert Organisation.objects.count() == 0


def test_staff_area_denied_to_non_organisers(client):
    client.force_login(UserFactory())
    assert client.get(reverse("staff_home")).status_code == 403


def test_staff_area_anonymous_redirects_to_login(client):
    response = client.get(reverse("staff_home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_staff_area_open_to_organisers(client):
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    client.force_login(organiser)
    response = client.get(reverse("staff_home"))
    assert response.status_code == 200
    assert list(response.context["editions"]) == [congress]


def test_sign_up_then_login_and_logout(client, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("sign_up"),
            {
                "full_name": "Louise",
                "email": "louise@example.org",
                "preferred_language": "fr",
                "password1": "x-Tr3s-long-pass",
                "password2": "x-Tr3s-long-pass",
            },  # fmt: skip
        )
    assert response.status_code == 200  # "check your mailbox", nobody logged in
    assert "_auth_user_id" not in client.session
    assert len(mailoutbox) == 1
    client.post(reverse("logout"))
    response = client.post(
        reverse("login"), {"username": "louise@example.org", "password": "x-Tr3s-long-pass"}
    )
    assert response.status_code == 302
    assert response.url == reverse("account")


def test_password_reset_sends_a_working_link(client, mailoutbox):
    UserFactory(email="louise@example.org")
    client.post(reverse("password_reset"), {"email": "louise@example.org"})
    assert len(mailoutbox) == 1
    link = [line for line in mailoutbox[0].body.splitlines() if "/password-reset/" in line][0]
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get("/" + path, follow=True)
    assert response.context["validlink"] is True


def test_theme_css_lists_track_colours(client):
    congress = CongressFactory()
    TrackFactory(congress=congress, slug="insertion", colour="#6a1b9a")
    response = client.get(reverse("congress_theme_css", args=[congress.slug]))
    assert response["Content-Type"] == "text/css; charset=utf-8"
    assert response.text == ".track-insertion{--track-colour:#6a1b9a;}"


def test_theme_css_of_a_draft_edition_is_for_its_organisers_only(client):
    congress = CongressFactory(status="draft")
    TrackFactory(congress=congress, slug="insertion", colour="#6a1b9a")
    url = reverse("congress_theme_css", args=[congress.slug])
    outsider = client.get(url).status_code
    organiser = UserFactory()
    congress.organisers.add(organiser)
    client.force_login(organiser)
    response = client.get(url)
    assert (outsider, response.status_code, response["Cache-Control"]) == (
        404,
        200,
        "private, max-age=300",
    )


def test_pages_send_a_strict_content_security_policy(client):
    CongressFactory(is_current=True)
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.parametrize("count", [1, 3])
def test_directory_query_count(client, django_assert_num_queries, count):
    OrganisationFactory.create_batch(count)
    OrganisationFactory(public_listing=False)
    # session-less anonymous: count + page + current congress
    with django_assert_num_queries(3):
        response = client.get(reverse("organisation_list"))
    assert len(response.context["page"].object_list) == count


@pytest.mark.parametrize("count", [1, 3])
def test_edition_list_query_count(client, django_assert_num_queries, count):
    CongressFactory.create_batch(count)
    with django_assert_num_queries(2):
        response = client.get(reverse("congress_list"))
    assert len(response.context["editions"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_organisation_members_page_query_count(client, django_assert_num_queries, count):
    manager = MembershipFactory(role=MembershipRole.MANAGER)
    MembershipFactory.create_batch(count - 1, organisation=manager.organisation)
    client.force_login(manager.user)
    with django_assert_num_queries(9):  # + the organisation's orders
        response = client.get(manager.organisation.get_absolute_url())
    assert len(response.context["members"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_staff_home_query_count(client, django_assert_num_queries, count):
    organiser = UserFactory()
    congresses = CongressFactory.create_batch(count)
    for congress in congresses:
        congress.organisers.add(organiser)
    client.force_login(organiser)
    with django_assert_num_queries(12):  # 5 + the to-do board of one edition (7)
        response = client.get(reverse("staff_home"))
    assert response.status_code == 200
    body = response.content.decode()
    assert [c.name for c in congresses if escape(c.name) not in body] == []
