"""Rules of the funder meetings (funding/meetings/services.py): registering a funder, the wishes
of both sides, the grid, the generated schedule, moves by hand and the outcome of a meeting."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from congress.audit.models import AuditEntry
from funding.meetings import services
from funding.meetings.selectors import slots_of
from funding.models import ApplicationState, Funder, Meeting, MeetingGrid, MeetingWish
from tests.factories import CongressFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.factories.funding import (
    ApplicationFactory,
    FunderFactory,
    FundingCallFactory,
    MeetingGridFactory,
)
from tests.funding.conftest import manager_of
from tests.spaces import plain

pytestmark = pytest.mark.django_db


def wishes():
    return sorted(
        MeetingWish.objects.values_list("application_id", "funder_id", "from_holder", "from_funder")
    )


# Funders ---------------------------------------------------------------------------------------


def test_a_funder_keeps_who_registered_it_and_is_registered_per_edition(congress, association):
    first, second = manager_of(association), manager_of(association)
    services.funder_register(congress=congress, organisation=association, by=first, funds="Prêts")
    services.funder_register(congress=congress, organisation=association, by=second, themes="Âge")
    other = CongressFactory()
    services.funder_register(congress=other, organisation=association, by=second, funds="Dons")

    here = Funder.objects.get(congress=congress)
    assert (here.funds, here.themes, here.registered_by) == ("Prêts", "Âge", first)
    there = Funder.objects.get(congress=other)
    assert (there.funds, there.registered_by) == ("Dons", second)


def test_two_organisations_of_an_edition_are_two_funders(congress, association):
    other = OrganisationFactory(name="Fonds Territorial Solidaire")
    services.funder_register(
        congress=congress, organisation=association, by=manager_of(association), funds="Prêts"
    )
    services.funder_register(
        congress=congress, organisation=other, by=manager_of(other), funds="Subventions"
    )

    assert sorted(Funder.objects.values_list("organisation__name", "funds")) == sorted(
        [(association.name, "Prêts"), (other.name, "Subventions")]
    )


def test_only_managers_register_a_funder(congress, association):
    member = MembershipFactory(organisation=association).user

    with pytest.raises(PermissionDenied) as error:
        services.funder_register(congress=congress, organisation=association, by=member, funds="x")
    assert str(error.value) == "Seuls les gestionnaires de la structure l'inscrivent."
    assert Funder.objects.count() == 0


# Wishes ----------------------------------------------------------------------------------------


def test_a_holder_cannot_choose_a_funder_of_another_edition(applications, funders):
    holder = applications[0]
    elsewhere = FunderFactory()

    services.holder_wishes_set(
        application=holder, funders=[funders[0], elsewhere], by=manager_of(holder.organisation)
    )

    assert wishes() == [(holder.pk, funders[0].pk, True, False)]


def test_a_holder_choosing_a_funder_that_chose_it_makes_the_wish_mutual(applications, funders):
    holder, funder = applications[0], funders[0]
    holder_manager = manager_of(holder.organisation)
    # The holder registers through another funder: now the first funder may choose it too.
    services.holder_wishes_set(application=holder, funders=[funders[1]], by=holder_manager)
    services.funder_wishes_set(
        funder=funder, applications=[holder], by=manager_of(funder.organisation)
    )

    services.holder_wishes_set(application=holder, funders=[funder, funders[1]], by=holder_manager)

    assert wishes() == [
        (holder.pk, funder.pk, True, True),
        (holder.pk, funders[1].pk, True, False),
    ]


def test_a_funder_dropping_a_mutual_wish_leaves_the_holders_wish(applications, funders):
    holder, funder = applications[0], funders[0]
    services.holder_wishes_set(
        application=holder, funders=[funder], by=manager_of(holder.organisation)
    )
    member = manager_of(funder.organisation)
    services.funder_wishes_set(funder=funder, applications=[holder, applications[1]], by=member)

    services.funder_wishes_set(funder=funder, applications=[], by=member)

    assert wishes() == [(holder.pk, funder.pk, True, False)]


def test_a_holders_new_choice_keeps_the_other_holders_wishes(applications, funders):
    first, second = applications[0], applications[1]
    services.holder_wishes_set(
        application=first, funders=funders, by=manager_of(first.organisation)
    )
    services.holder_wishes_set(
        application=second, funders=funders, by=manager_of(second.organisation)
    )

    services.holder_wishes_set(
        application=first, funders=[funders[1]], by=manager_of(first.organisation)
    )

    assert wishes() == sorted(
        [
            (first.pk, funders[1].pk, True, False),
            (second.pk, funders[0].pk, True, False),
            (second.pk, funders[1].pk, True, False),
        ]
    )


def test_a_funders_new_choice_keeps_the_other_funders_wishes(applications, funders):
    holder = applications[0]
    services.holder_wishes_set(
        application=holder, funders=funders, by=manager_of(holder.organisation)
    )
    for funder in funders:
        services.funder_wishes_set(
            funder=funder, applications=[holder], by=manager_of(funder.organisation)
        )

    services.funder_wishes_set(
        funder=funders[0], applications=[], by=manager_of(funders[0].organisation)
    )

    assert wishes() == sorted(
        [(holder.pk, funders[0].pk, True, False), (holder.pk, funders[1].pk, True, True)]
    )


def test_refused_wishes_say_who_chooses(call, applications, funders):
    with pytest.raises(PermissionDenied) as error:
        services.holder_wishes_set(application=applications[0], funders=funders, by=UserFactory())
    assert str(error.value) == "Seuls les gestionnaires d'une structure candidate choisissent."
    with pytest.raises(PermissionDenied) as error:
        services.funder_wishes_set(funder=funders[0], applications=applications, by=UserFactory())
    assert str(error.value) == "Seuls les membres du financeur choisissent ses projets."


# The grid --------------------------------------------------------------------------------------

GRID = {
    "day": datetime.date(2026, 11, 22), "starts_at": datetime.time(14),
    "ends_at": datetime.time(17), "slot_minutes": 15, "tables": 12,
}  # fmt: skip


def test_a_grid_without_breaks_given_has_none(congress, organiser):
    grid = services.grid_save(congress=congress, by=organiser, **GRID)

    grid.refresh_from_db()
    assert grid.breaks == ""
    assert (grid.day, grid.tables, grid.slot_minutes) == (GRID["day"], 12, 15)


def test_a_break_ending_before_it_starts_is_refused_with_the_expected_form(congress, organiser):
    with pytest.raises(ValidationError) as error:
        services.grid_save(congress=congress, by=organiser, breaks="16:00-15:30", **GRID)

    assert plain(error.value.message_dict) == {
        "breaks": ["Pause mal écrite : « 16:00-15:30 » (attendu : 15:30-15:45)."]
    }
    assert MeetingGrid.objects.count() == 0


def test_a_malformed_break_time_is_quoted_as_written(congress, organiser):
    with pytest.raises(ValidationError) as error:
        services.grid_save(congress=congress, by=organiser, breaks="15h30-15h45", **GRID)

    assert plain(error.value.message_dict) == {
        "breaks": ["Pause mal écrite : « 15h30-15h45 » (attendu : 15:30-15:45)."]
    }


def test_each_edition_has_its_own_grid(congress, organiser):
    MeetingGridFactory(tables=3)  # another edition's

    services.grid_save(congress=congress, by=organiser, **GRID)

    assert sorted(MeetingGrid.objects.values_list("tables", flat=True)) == [3, 12]


def test_only_organisers_set_the_grid(congress):
    with pytest.raises(PermissionDenied) as error:
        services.grid_save(congress=congress, by=UserFactory(), **GRID)
    assert str(error.value) == "Seuls les organisateurs règlent la grille."


# The schedule ----------------------------------------------------------------------------------


def _wish(application, funder, *, mutual):
    MeetingWish.objects.create(
        application=application, funder=funder, from_holder=True, from_funder=mutual
    )


def test_building_records_the_meetings_tables_and_moment_and_is_audited(
    monkeypatch, congress, organiser, applications, funders
):
    grid = MeetingGridFactory(congress=congress, breaks="")
    a, b, _c = applications
    _wish(a, funders[0], mutual=True)
    _wish(b, funders[0], mutual=False)
    moment = timezone.now().replace(microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: moment)

    assert services.schedule_build(congress=congress, by=organiser) == (2, 0)

    assert sorted(Meeting.objects.values_list("application_id", "funder_id", "slot", "mutual")) == (
        sorted([(a.pk, funders[0].pk, 0, True), (b.pk, funders[0].pk, 1, False)])
    )
    assert MeetingGrid.objects.get(pk=grid.pk).built_at == moment
    assert dict(Funder.objects.values_list("pk", "table")) == {
        funders[0].pk: 1,
        funders[1].pk: None,
    }
    entry = AuditEntry.objects.get(action="funding.schedule_build")
    assert (entry.actor_id, entry.congress_id, entry.details) == (
        organiser.pk, congress.pk, {"placed": 2, "unmet": 0},
    )  # fmt: skip


def test_a_funder_without_wishes_loses_its_table_and_other_editions_keep_theirs(
    congress, organiser, applications, funders
):
    MeetingGridFactory(congress=congress, breaks="")
    Funder.objects.filter(pk=funders[1].pk).update(table=5)
    elsewhere = FunderFactory(table=4)
    foreign_application = ApplicationFactory(call=FundingCallFactory(congress=elsewhere.congress))
    _wish(foreign_application, elsewhere, mutual=True)
    _wish(applications[0], funders[0], mutual=True)

    assert services.schedule_build(congress=congress, by=organiser) == (1, 0)

    assert dict(Funder.objects.values_list("pk", "table")) == {
        funders[0].pk: 1, funders[1].pk: None, elsewhere.pk: 4,
    }  # fmt: skip
    assert list(Meeting.objects.values_list("application_id", flat=True)) == [applications[0].pk]


def test_a_funder_keeps_its_fixed_table_when_it_has_wishes(
    congress, organiser, applications, funders
):
    MeetingGridFactory(congress=congress, breaks="")
    Funder.objects.filter(pk=funders[1].pk).update(table=7)
    _wish(applications[0], funders[0], mutual=True)
    _wish(applications[1], funders[1], mutual=True)

    services.schedule_build(congress=congress, by=organiser)

    assert dict(Funder.objects.values_list("pk", "table")) == {funders[0].pk: 1, funders[1].pk: 7}


def test_refused_builds_say_why(congress, organiser, applications, funders):
    with pytest.raises(PermissionDenied) as error:
        services.schedule_build(congress=congress, by=UserFactory())
    assert str(error.value) == "Seuls les organisateurs génèrent le planning."
    with pytest.raises(ValidationError) as error:
        services.schedule_build(congress=congress, by=organiser)
    assert error.value.messages == ["Réglez d'abord la grille des rendez-vous."]
    MeetingGridFactory(congress=congress, tables=1)
    _wish(applications[0], funders[0], mutual=True)
    _wish(applications[1], funders[1], mutual=True)
    with pytest.raises(ValidationError) as error:
        services.schedule_build(congress=congress, by=organiser)
    assert plain(error.value.messages) == [
        "Il y a plus de financeurs (2) que de tables (1) : ajoutez des tables."
    ]
    assert Meeting.objects.count() == 0


# Moves by hand ---------------------------------------------------------------------------------


@pytest.fixture
def scheduled(congress, applications, funders):
    grid = MeetingGridFactory(congress=congress)  # 14:00-17:00 by 15 minutes, break: slot 6
    a, b, _c = applications
    return grid, [
        Meeting.objects.create(grid=grid, funder=funders[0], application=a, slot=0),
        Meeting.objects.create(grid=grid, funder=funders[0], application=b, slot=1),
        Meeting.objects.create(grid=grid, funder=funders[1], application=a, slot=2),
    ]


def test_refused_moves_say_why_and_change_nothing(organiser, scheduled):
    _grid, (first, _second, _third) = scheduled
    for slot, message in (
        (1, "Le financeur a déjà un rendez-vous sur ce créneau."),
        (2, "Le porteur de projet a déjà un rendez-vous sur ce créneau."),
        (6, "Ce créneau n'existe pas ou tombe pendant une pause."),
        (12, "Ce créneau n'existe pas ou tombe pendant une pause."),
    ):
        with pytest.raises(ValidationError) as error:
            services.meeting_move(meeting=first, slot=slot, by=organiser)
        assert error.value.messages == [message]
    with pytest.raises(PermissionDenied) as error:
        services.meeting_move(meeting=first, slot=3, by=UserFactory())
    assert str(error.value) == "Seuls les organisateurs modifient le planning."
    assert Meeting.objects.get(pk=first.pk).slot == 0


def test_another_project_of_the_same_holder_is_a_conflict(call, organiser, scheduled, funders):
    grid, (first, _second, _third) = scheduled
    sibling = ApplicationFactory(
        call=call, organisation=first.application.organisation, state=ApplicationState.SUBMITTED
    )
    other_funder = FunderFactory(congress=call.congress)
    Meeting.objects.create(grid=grid, funder=other_funder, application=sibling, slot=4)

    with pytest.raises(ValidationError) as error:
        services.meeting_move(meeting=first, slot=4, by=organiser)
    assert error.value.messages == ["Le porteur de projet a déjà un rendez-vous sur ce créneau."]


def test_a_meeting_stays_movable_to_its_own_slot_and_the_move_is_audited(organiser, scheduled):
    _grid, (first, _second, _third) = scheduled

    services.meeting_move(meeting=first, slot=0, by=organiser)
    services.meeting_move(meeting=first, slot=5, by=organiser)

    assert Meeting.objects.get(pk=first.pk).slot == 5
    congress_id = first.grid.congress_id
    assert [
        (e.actor_id, e.congress_id, e.target_id, e.details)
        for e in AuditEntry.objects.filter(action="funding.meeting_move").order_by("pk")
    ] == [
        (organiser.pk, congress_id, str(first.pk), {"slot": 0}),
        (organiser.pk, congress_id, str(first.pk), {"slot": 5}),
    ]


def test_a_move_keeps_the_outcomes_recorded_meanwhile(organiser, scheduled):
    _grid, (first, _second, _third) = scheduled
    Meeting.objects.filter(pk=first.pk).update(funder_outcome="invited")

    services.meeting_move(meeting=first, slot=5, by=organiser)

    moved = Meeting.objects.get(pk=first.pk)
    assert (moved.slot, moved.funder_outcome) == (5, "invited")


# Outcomes --------------------------------------------------------------------------------------


@pytest.fixture
def met(call, scheduled):
    grid, (first, _second, _third) = scheduled
    grid.day = datetime.date(2024, 11, 22)
    grid.save()
    return first


def test_each_side_records_its_own_outcome_and_it_is_audited(met):
    funder_member = manager_of(met.funder.organisation)
    holder_member = MembershipFactory(organisation=met.application.organisation).user

    services.meeting_outcome_record(meeting=met, by=funder_member, outcome="invited")
    services.meeting_outcome_record(meeting=met, by=holder_member, outcome="none")

    met.refresh_from_db()
    assert (met.funder_outcome, met.holder_outcome) == ("invited", "none")
    assert [
        (e.actor_id, e.target_id, e.congress_id, e.details)
        for e in AuditEntry.objects.filter(action="funding.meeting_outcome").order_by("pk")
    ] == [
        (
            funder_member.pk,
            str(met.pk),
            met.grid.congress_id,
            {"side": "funder", "outcome": "invited"},
        ),
        (
            holder_member.pk,
            str(met.pk),
            met.grid.congress_id,
            {"side": "holder", "outcome": "none"},
        ),
    ]


def test_an_outcome_is_recorded_from_the_meetings_first_minute(monkeypatch, met):
    start = slots_of(met.grid)[met.slot][1]
    member = manager_of(met.funder.organisation)
    monkeypatch.setattr(timezone, "now", lambda: start)

    services.meeting_outcome_record(meeting=met, by=member, outcome="follow_up")

    assert Meeting.objects.get(pk=met.pk).funder_outcome == "follow_up"


def test_refused_outcomes_say_why(monkeypatch, met):
    member = manager_of(met.funder.organisation)
    with pytest.raises(PermissionDenied) as error:
        services.meeting_outcome_record(meeting=met, by=UserFactory(), outcome="invited")
    assert str(error.value) == "Seules les deux parties du rendez-vous en donnent la suite."
    with pytest.raises(ValidationError) as error:
        services.meeting_outcome_record(meeting=met, by=member, outcome="maybe")
    assert error.value.messages == ["Choisissez la suite donnée au rendez-vous."]
    start = slots_of(met.grid)[met.slot][1]
    monkeypatch.setattr(timezone, "now", lambda: start - datetime.timedelta(seconds=1))
    with pytest.raises(ValidationError) as error:
        services.meeting_outcome_record(meeting=met, by=member, outcome="invited")
    assert error.value.messages == ["Le rendez-vous n'a pas encore eu lieu."]
    assert Meeting.objects.filter(funder_outcome="").count() == 3


def test_a_meeting_on_a_slot_the_grid_no_longer_has_has_not_taken_place(met):
    Meeting.objects.filter(pk=met.pk).update(slot=40)
    member = manager_of(met.funder.organisation)

    with pytest.raises(ValidationError) as error:
        services.meeting_outcome_record(meeting=met, by=member, outcome="invited")
    assert error.value.messages == ["Le rendez-vous n'a pas encore eu lieu."]


def test_an_outsider_organisation_of_the_edition_records_nothing(call, met):
    stranger = manager_of(OrganisationFactory())

    with pytest.raises(PermissionDenied):
        services.meeting_outcome_record(meeting=met, by=stranger, outcome="invited")
