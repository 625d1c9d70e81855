"""Two staff actions in the browser: a manager names a member manager on the organisation page;
an organiser deletes a session from the staff programme page (after confirming)."""

import pytest

from congress.organisations.models import Membership, MembershipRole
from tests.e2e.conftest import log_in
from tests.factories import (
    TEST_PASSWORD,
    CongressFactory,
    MembershipFactory,
    OrganisationFactory,
    SessionFactory,
    UserFactory,
)
from tests.spaces import plain
from tracks.models import Session

pytestmark = pytest.mark.django_db(transaction=True)


def test_manager_names_a_member_manager(web):
    organisation = OrganisationFactory(name="Épicerie solidaire du Maine")
    manager = MembershipFactory(organisation=organisation, role=MembershipRole.MANAGER).user
    member = MembershipFactory(
        organisation=organisation, user=UserFactory(full_name="Inès Bénévole")
    )
    log_in(web, manager.email, TEST_PASSWORD)
    web.go(organisation.get_absolute_url())
    web.axe(context="organisation page, manager")
    web.page.get_by_role("button", name="Nommer gestionnaire Inès Bénévole").click()
    web.page.wait_for_load_state()
    assert plain("Inès Bénévole est maintenant « Gestionnaire ».") in plain(web.page.content())
    assert Membership.objects.get(pk=member.pk).role == MembershipRole.MANAGER
    web.axe(context="organisation page, after the role change")


def test_organiser_deletes_a_session_after_confirming(web):
    congress = CongressFactory(is_current=True)
    organiser = UserFactory()
    congress.organisers.add(organiser)
    session = SessionFactory(congress=congress, title="Forum des initiatives")
    log_in(web, organiser.email, TEST_PASSWORD)
    web.go(f"/congresses/{congress.slug}/staff/sessions/")
    web.axe(context="staff sessions")
    web.page.get_by_role("button", name="Supprimer Forum des initiatives").click()
    web.page.wait_for_load_state()
    assert plain(web.dialogs) == plain(
        ["Supprimer la session « Forum des initiatives » du programme ?"]
    )
    assert plain("La session « Forum des initiatives » est supprimée.") in plain(web.page.content())
    assert not Session.objects.filter(pk=session.pk).exists()
    web.axe(context="staff sessions, after the delete")
