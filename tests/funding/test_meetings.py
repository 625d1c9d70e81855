"""Funder meetings: registration, wishes, the grid, the generated schedule, moves by hand."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from funding.meetings import services
from funding.meetings.calendar import meetings_ics
from funding.meetings.selectors import (
    applications_for_funder,
    funder_wished_application_ids,
    holder_wished_funder_ids,
    meetings_of_organisations,
    slots_of,
    timed,
    usable_slots,
)
from funding.models import ApplicationState, Funder, Meeting, MeetingWish
from tests.factories import UserFactory
from tests.factories.funding import (
    ApplicationFactory,
    FundingCallFactory,
    MeetingGridFactory,
)
from tests.funding.conftest import manager_of

pytestmark = pytest.mark.django_db


def test_a_manager_registers_their_organisation_as_funder_once(congress, association, manager):
    services.funder_register(
        congress=congress, organisation=association, by=manager, funds="Prêts d'honneur",
        ticket_min=5000, ticket_max=50000, themes="Vie quotidienne",
    )  # fmt: skip
    services.funder_register(
        congress=congress, organisation=association, by=manager, funds="Prêts", ticket_min=1
    )

    funder = Funder.objects.get()
    assert (funder.funds, funder.ticket_min, funder.ticket_max) == ("Prêts", 1, 50000)
    with pytest.raises(ValidationError):
        services.funder_register(
            congress=congress, organisation=association, by=manager, ticket_min=90000
        )
    with pytest.raises(PermissionDenied):
        services.funder_register(
            congress=congress, organisation=association, by=UserFactory(), funds="x"
        )


def test_wishes_from_both_sides_make_a_mutual_wish(applications, funders):
    holder, funder = applications[0], funders[0]
    services.holder_wishes_set(
        application=holder, funders=funders, by=manager_of(holder.organisation)
    )
    services.funder_wishes_set(
        funder=funder, applications=[holder], by=manager_of(funder.organisation)
    )

    assert holder_wished_funder_ids(holder) == {f.pk for f in funders}
    assert funder_wished_application_ids(funder) == {holder.pk}
    assert MeetingWish.objects.get(application=holder, funder=funder).mutual

    services.holder_wishes_set(application=holder, funders=[], by=manager_of(holder.organisation))
    # The funder's wish stays; the wish only the holder made is gone.
    assert list(MeetingWish.objects.values_list("funder_id", "from_holder", "from_funder")) == [
        (funder.pk, False, True)
    ]
    services.funder_wishes_set(funder=funder, applications=[], by=manager_of(funder.organisation))
    assert MeetingWish.objects.count() == 0


def test_wishes_are_refused_to_outsiders_and_drafts(call, applications, funders):
    draft = ApplicationFactory(call=call)
    with pytest.raises(PermissionDenied):
        services.holder_wishes_set(
            application=draft, funders=funders, by=manager_of(draft.organisation)
        )
    with pytest.raises(PermissionDenied):
        services.holder_wishes_set(application=applications[0], funders=funders, by=UserFactory())
    with pytest.raises(PermissionDenied):
        services.funder_wishes_set(funder=funders[0], applications=applications, by=UserFactory())
    services.funder_wishes_set(
        funder=funders[0], applications=[draft], by=manager_of(funders[0].organisation)
    )
    assert MeetingWish.objects.count() == 0


def test_grid_is_saved_by_organisers_and_malformed_breaks_refused(congress, organiser):
    fields = {
        "day": datetime.date(2026, 11, 22), "starts_at": datetime.time(14),
        "ends_at": datetime.time(17), "slot_minutes": 15, "tables": 12,
    }  # fmt: skip
    with pytest.raises(ValidationError) as error:
        services.grid_save(congress=congress, by=organiser, breaks="15:30", **fields)
    assert "breaks" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.grid_save(congress=congress, by=UserFactory(), breaks="", **fields)

    grid = services.grid_save(congress=congress, by=organiser, breaks="15:30-15:45", **fields)

    assert usable_slots(grid) == [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 11]
    assert slots_of(grid)[0][1].hour == 14


def _wish(application, funder, *, mutual):
    MeetingWish.objects.create(
        application=application, funder=funder, from_holder=True, from_funder=mutual
    )


def test_the_schedule_is_built_mutual_first_with_fixed_tables(
    congress, organiser, applications, funders
):
    grid = MeetingGridFactory(congress=congress, starts_at=datetime.time(14),
                              ends_at=datetime.time(14, 30), breaks="")  # fmt: skip
    a, b, c = applications
    _wish(a, funders[0], mutual=False)
    _wish(b, funders[0], mutual=False)
    _wish(c, funders[0], mutual=True)
    _wish(a, funders[1], mutual=True)

    placed, unmet = services.schedule_build(congress=congress, by=organiser)

    assert (placed, unmet) == (3, 1)
    meetings = {(m.application_id, m.funder_id): m for m in Meeting.objects.all()}
    assert meetings[(c.pk, funders[0].pk)].mutual
    assert meetings[(a.pk, funders[1].pk)].slot == 0
    assert sorted(Funder.objects.values_list("table", flat=True)) == [1, 2]
    rows = timed(meetings_of_organisations(grid, {a.organisation_id}), grid)
    assert [r[0].application_id for r in rows] == [a.pk] * len(rows)
    assert b"BEGIN:VEVENT" in meetings_ics(congress, rows)

    services.schedule_build(congress=congress, by=organiser)  # rebuilt: replaced, not added
    assert Meeting.objects.count() == 3


def test_building_needs_a_grid_enough_tables_and_an_organiser(
    congress, organiser, applications, funders
):
    with pytest.raises(ValidationError, match="grille"):
        services.schedule_build(congress=congress, by=organiser)
    MeetingGridFactory(congress=congress, tables=1)
    _wish(applications[0], funders[0], mutual=True)
    _wish(applications[1], funders[1], mutual=True)
    with pytest.raises(ValidationError, match=r"plus de financeurs \(2\) que de tables \(1\)"):
        services.schedule_build(congress=congress, by=organiser)
    with pytest.raises(PermissionDenied):
        services.schedule_build(congress=congress, by=UserFactory())


def test_a_meeting_moved_by_hand_refuses_conflicts(congress, organiser, applications, funders):
    grid = MeetingGridFactory(congress=congress)  # break: slot 6
    a, b, _c = applications
    m1 = Meeting.objects.create(grid=grid, funder=funders[0], application=a, slot=0)
    Meeting.objects.create(grid=grid, funder=funders[0], application=b, slot=1)
    Meeting.objects.create(grid=grid, funder=funders[1], application=a, slot=2)

    with pytest.raises(ValidationError, match="financeur a déjà un rendez-vous"):
        services.meeting_move(meeting=m1, slot=1, by=organiser)
    with pytest.raises(ValidationError, match="porteur de projet a déjà un rendez-vous"):
        services.meeting_move(meeting=m1, slot=2, by=organiser)
    with pytest.raises(ValidationError, match="pause"):
        services.meeting_move(meeting=m1, slot=6, by=organiser)
    with pytest.raises(PermissionDenied):
        services.meeting_move(meeting=m1, slot=3, by=UserFactory())

    services.meeting_move(meeting=m1, slot=3, by=organiser)

    m1.refresh_from_db()
    assert m1.slot == 3


def test_choosing_again_changes_nothing_and_a_grid_keeps_fields_left_out(
    congress, organiser, applications, funders
):
    holder, funder = applications[0], funders[0]
    holder.call.funder_organisation = funder.organisation  # the funder of the call
    holder.call.save()
    holder_manager, funder_member = manager_of(holder.organisation), manager_of(funder.organisation)
    services.funder_wishes_set(funder=funder, applications=[holder], by=funder_member)
    services.funder_wishes_set(funder=funder, applications=[holder], by=funder_member)
    services.holder_wishes_set(application=holder, funders=[funders[1]], by=holder_manager)
    services.holder_wishes_set(application=holder, funders=[funders[1]], by=holder_manager)
    services.holder_wishes_set(application=holder, funders=[], by=holder_manager)

    assert list(MeetingWish.objects.values_list("funder_id", "from_holder", "from_funder")) == [
        (funder.pk, False, True)
    ]
    grid = MeetingGridFactory(congress=congress, tables=7)
    services.grid_save(congress=congress, by=organiser, breaks="", slot_minutes=20)
    grid.refresh_from_db()
    assert (grid.tables, grid.slot_minutes) == (7, 20)


def test_a_funder_sees_and_chooses_only_its_calls_and_the_registered_holders(
    client, call, congress, funders
):
    funder, other_funder = funders
    funded_by_it = FundingCallFactory(congress=congress, funder_organisation=funder.organisation)
    own = ApplicationFactory(call=funded_by_it, state=ApplicationState.SUBMITTED, title="Sien")
    ApplicationFactory(call=funded_by_it, title="Brouillon")
    registered = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED, title="Inscrit")
    services.holder_wishes_set(
        application=registered, funders=[other_funder], by=manager_of(registered.organisation)
    )
    unregistered = ApplicationFactory(call=call, state=ApplicationState.SUBMITTED, title="Absent")
    elsewhere = FundingCallFactory(funder_organisation=funder.organisation)
    ApplicationFactory(call=elsewhere, state=ApplicationState.SUBMITTED, title="Autre édition")

    assert list(applications_for_funder(funder)) == [registered, own]
    assert list(applications_for_funder(other_funder)) == [registered]

    member = manager_of(funder.organisation)
    client.force_login(member)
    url = reverse("funding_funder_wishes", args=[congress.slug, funder.pk])
    shown = client.get(url).content.decode()
    assert ("Sien" in shown, "Inscrit" in shown, "Absent" in shown) == (True, True, False)
    assert "Autre édition" not in shown and "Brouillon" not in shown
    client.post(url, {"application": [own.pk, registered.pk, unregistered.pk]})
    assert funder_wished_application_ids(funder) == {own.pk, registered.pk}
    services.funder_wishes_set(funder=funder, applications=[unregistered], by=member)
    assert funder_wished_application_ids(funder) == set()
