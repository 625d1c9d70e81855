import pytest
from django.urls import reverse

from congress.audit.services import audit_record
from tests.factories import CongressFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_and_congress():
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    return organiser, congress


def test_audit_record_describes_the_target(organiser_and_congress):
    organiser, congress = organiser_and_congress
    target = OrganisationFactory(name="CCAS du Mans")
    entry = audit_record(
        actor=organiser,
        action="payment.recorded",
        congress=congress,
        target=target,
        details={"amount": "270.00"},
    )
    assert (entry.target_type, entry.target_id, entry.target_repr) == (
        "congress.Organisation",
        str(target.pk),
        "CCAS du Mans",
    )
    assert entry.details == {"amount": "270.00"}


def test_audit_log_page_for_organisers_only(client, organiser_and_congress):
    organiser, congress = organiser_and_congress
    url = reverse("staff_audit_log", args=[congress.slug])
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    other = CongressFactory()
    other_organiser = UserFactory()
    other.organisers.add(other_organiser)
    client.force_login(other_organiser)
    assert client.get(url).status_code == 403


def test_audit_log_filter_by_action(client, organiser_and_congress):
    organiser, congress = organiser_and_congress
    audit_record(actor=organiser, action="proposal.merged", congress=congress)
    audit_record(actor=organiser, action="export.csv", congress=congress)
    client.force_login(organiser)
    response = client.get(
        reverse("staff_audit_log", args=[congress.slug]), {"action": "export.csv"}
    )
    assert [e.action for e in response.context["page"]] == ["export.csv"]


@pytest.mark.parametrize("count", [1, 3])
def test_audit_log_query_count(client, django_assert_num_queries, organiser_and_congress, count):
    organiser, congress = organiser_and_congress
    for n in range(count):
        audit_record(actor=UserFactory(), action=f"action.{n}", congress=congress)
    client.force_login(organiser)
    # session, user, congress, organiser check, count, page, actions, current edition, staff link
    with django_assert_num_queries(9):
        response = client.get(reverse("staff_audit_log", args=[congress.slug]))
    assert len(response.context["page"].object_list) == count
