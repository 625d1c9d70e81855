"""The editions of the permission matrix's world: the edition under test, another edition and a
draft one, with their places, tracks, session types, tariffs and calls for proposals."""

from decimal import Decimal

from congress.editions.models import CongressStatus
from congress.registrations.models import TariffAudience
from tests.factories import (
    CallFactory,
    CongressFactory,
    CriterionFactory,
    RoomFactory,
    SessionTypeFactory,
    TariffFactory,
    TrackFactory,
    VenueFactory,
)


def add_editions(w) -> None:
    """Editions, places, tracks, session types, tariffs, the call and its criteria."""
    o = w.objects
    billing = {
        "billing_name": "CCAS du Mans",
        "billing_address": "Place Saint-Pierre\n72000 Le Mans",
        "billing_siret": "21720181300011",
        "billing_iban": "FR76 3000 1007 9412 3456 7890 185",
        "billing_bic": "BDFEFRPPCCT",
    }
    o["edition"] = edition = CongressFactory(
        slug="matrix-edition", is_current=True, capacity=100, **billing
    )
    o["other_edition"] = other = CongressFactory(slug="matrix-other", **billing)
    o["draft_edition"] = CongressFactory(slug="matrix-draft", status=CongressStatus.DRAFT)

    # --- places, tracks, session types, tariffs, calls -------------------------------------
    o["venue"] = venue = VenueFactory(congress=edition)
    room_1, room_2 = RoomFactory(venue=venue), RoomFactory(venue=venue)
    o["venue_other"] = venue_other = VenueFactory(congress=other)
    room_other = RoomFactory(venue=venue_other)
    o["track_1"] = TrackFactory(congress=edition, slug="track-1")
    o["track_2"] = TrackFactory(congress=edition, slug="track-2")
    o["track_other"] = TrackFactory(congress=other, slug="track-other")
    o["workshop_type"] = SessionTypeFactory(congress=edition, slug="atelier")
    plenary_type = SessionTypeFactory(
        congress=edition, name="Plénière", slug="pleniere", is_workshop=False
    )
    o["type_other"] = SessionTypeFactory(congress=other, slug="atelier-autre")
    o["tariff"] = TariffFactory(congress=edition, name="Association", price=60)
    tariff_public = TariffFactory(
        congress=edition,
        name="Organisme public",
        price=Decimal("90.00"),
        audience=TariffAudience.PUBLIC_BODY,
    )
    o["tariff_other"] = TariffFactory(congress=other, name="Autre édition")
    o["call"] = call = CallFactory(congress=edition)
    criteria = [CriterionFactory(call=call, name=n) for n in ("Pertinence", "Transférabilité")]
    CallFactory(congress=other)
    o["room_1"], o["room_2"], o["room_other"] = room_1, room_2, room_other
    o["plenary_type"], o["tariff_public"], o["criteria"] = plenary_type, tariff_public, criteria
