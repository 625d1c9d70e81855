"""« Mon compte » links to the pages of the person's roles, and only to those (issue 14): the
welcome desk, a funder's meetings, a project holder's applications, in every edition where the
person holds the role (the demo's funder meets on the past edition)."""

import pytest
from django.urls import reverse

from congress.onsite.models import DeskRole
from congress.onsite.selectors import desk_editions_of
from funding.templatetags.funding_roles import funding_links
from tests.factories import CongressFactory, MembershipFactory, UserFactory
from tests.factories.funding import ApplicationFactory, FunderFactory, FundingCallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return CongressFactory(is_current=True)


def role_links(client, user, editions) -> set[str]:
    """The links to role pages found on the person's account page."""
    client.force_login(user)
    response = client.get(reverse("account"))
    assert response.status_code == 200
    html = response.content.decode()
    candidates = [
        reverse(name, args=[edition.slug])
        for edition in editions
        for name in ("funding_application_list", "funding_my_meetings", "checkin_desk")
    ]
    return {url for url in candidates if f'href="{url}"' in html}


def test_a_person_without_those_roles_sees_none_of_their_links(client, edition):
    assert role_links(client, MembershipFactory().user, [edition]) == set()


def test_a_welcome_desk_volunteer_finds_the_desk_of_their_edition(client, edition):
    user = UserFactory()
    DeskRole.objects.create(congress=edition, user=user)
    assert role_links(client, user, [edition]) == {reverse("checkin_desk", args=[edition.slug])}


def test_a_funder_finds_the_meetings_of_a_past_edition_too(client, edition):
    past = CongressFactory()
    membership = MembershipFactory()
    FunderFactory(congress=past, organisation=membership.organisation)
    assert role_links(client, membership.user, [edition, past]) == {
        reverse("funding_my_meetings", args=[past.slug])
    }


def test_a_project_holder_finds_the_applications_and_the_meetings(client, edition):
    membership = MembershipFactory()
    ApplicationFactory(
        call=FundingCallFactory(congress=edition), organisation=membership.organisation
    )
    assert role_links(client, membership.user, [edition]) == {
        reverse("funding_application_list", args=[edition.slug]),
        reverse("funding_my_meetings", args=[edition.slug]),
    }
    assert [label for label, _url in funding_links(membership.user)] == [
        f"Mes demandes de financement\u202f: {edition.name}",
        f"Mes rendez-vous financeurs\u202f: {edition.name}",
    ]


def test_an_inactive_account_gets_no_role_link():
    membership = MembershipFactory(user=UserFactory(is_active=False))
    edition = CongressFactory()
    FunderFactory(congress=edition, organisation=membership.organisation)
    DeskRole.objects.create(congress=edition, user=membership.user)
    assert funding_links(membership.user) == []
    assert desk_editions_of(membership.user) == []
