"""The editable grid: the organisers' room × time grid with a form under each workshop."""

from dataclasses import dataclass, field

from congress.editions.models import Congress
from proposals.scheduling.forms import PlaceForm, slot_choices, slot_value
from proposals.selectors import accepted_to_schedule, session_placement
from tracks.forms import rooms_of
from tracks.selectors import scheduling_grid


@dataclass
class Cell:
    room: object
    slot: str
    sessions: list


@dataclass
class Row:
    starts_at: object
    cells: list[Cell]


@dataclass
class Day:
    day: object
    rooms: list
    rows: list[Row]


@dataclass
class WorkshopGrid:
    days: list[Day]
    unplaced: list = field(default_factory=list)  # accepted workshops not on the programme
    slots: list = field(default_factory=list)
    rooms: list = field(default_factory=list)


def workshop_grid(congress: Congress, *, failed: tuple[int, PlaceForm] | None = None):
    """Every session in its cell; each accepted workshop (placed or not) carries `place_form`
    (`failed`: the workshop whose move was refused, with its bound form and errors)."""
    programme = scheduling_grid(congress)
    proposals = list(accepted_to_schedule(congress))
    by_session = {p.session_id: p for p in proposals if p.session_id}
    rooms = list(rooms_of(congress).order_by("order", "name"))
    slots = slot_choices(congress, [s.starts_at for day in programme for s in day.sessions])
    grid = WorkshopGrid(days=[], slots=slots, rooms=rooms)

    def form_of(proposal):
        if failed and failed[0] == proposal.pk:
            return failed[1]
        session = proposal.session
        initial = {"placed": session_placement(session)}
        if session:
            initial |= {"slot": slot_value(session.starts_at), "room": session.room_id}
        return PlaceForm(initial=initial, slots=slots, rooms=rooms, prefix=f"w{proposal.pk}")

    for proposal in proposals:
        proposal.place_form = form_of(proposal)
        if not proposal.session_id:
            grid.unplaced.append(proposal)
    for day in programme:
        rows = []
        for row in day.rows:
            cells = []
            for room, sessions in zip(day.rooms, row.cells, strict=True):
                for session in sessions:
                    session.workshop = by_session.get(session.pk)
                cells.append(Cell(room, slot_value(row.starts_at), sessions))
            rows.append(Row(row.starts_at, cells))
        grid.days.append(Day(day.day, day.rooms, rows))
    return grid
