"""« Mon compte » links to the pages of the person's roles, and only to those (issue 14): the
welcome desk, a funder's meetings, a project holder's applications."""

import pytest
from django.urls import reverse

from congress.onsite.models import DeskRole
from tests.factories import CongressFactory, MembershipFactory, UserFactory
from tests.factories.funding import ApplicationFactory, FunderFactory, FundingCallFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return CongressFactory(is_current=True)


def account_links(client, user) -> set[str]:
    client.force_login(user)
    response = client.get(reverse("account"))
    assert response.status_code == 200
    return {
        link
        for link in (
            reverse("funding_application_list", args=[response.context["current_congress"].slug]),
            reverse("funding_my_meetings", args=[response.context["current_congress"].slug]),
            *(
                reverse("checkin_desk", args=[c.slug])
                for c in CongressFactory._meta.model.objects.all()
            ),
        )
        if f'href="{link}"' in response.content.decode()
    }


def test_a_person_without_those_roles_sees_none_of_their_links(client, edition):
    assert account_links(client, UserFactory()) == set()


def test_a_welcome_desk_volunteer_finds_the_desk_of_their_edition(client, edition):
    user = UserFactory()
    DeskRole.objects.create(congress=edition, user=user)
    assert account_links(client, user) == {reverse("checkin_desk", args=[edition.slug])}


def test_a_funder_finds_the_meetings(client, edition):
    membership = MembershipFactory()
    FunderFactory(congress=edition, organisation=membership.organisation)
    assert account_links(client, membership.user) == {
        reverse("funding_my_meetings", args=[edition.slug])
    }


def test_a_project_holder_finds_the_applications_and_the_meetings(client, edition):
    membership = MembershipFactory()
    ApplicationFactory(
        call=FundingCallFactory(congress=edition), organisation=membership.organisation
    )
    assert account_links(client, membership.user) == {
        reverse("funding_application_list", args=[edition.slug]),
        reverse("funding_my_meetings", args=[edition.slug]),
    }


def test_an_inactive_account_gets_no_funding_role():
    from congress.onsite.selectors import desk_editions_of
    from funding.templatetags.funding_roles import funding_roles

    membership = MembershipFactory(user=UserFactory(is_active=False))
    edition = CongressFactory()
    FunderFactory(congress=edition, organisation=membership.organisation)
    DeskRole.objects.create(congress=edition, user=membership.user)
    assert funding_roles(membership.user, edition) == {"funder": False, "holder": False}
    assert funding_roles(membership.user, None) == {"funder": False, "holder": False}
    assert desk_editions_of(membership.user) == []
