"""The report's opening pages for a parliamentary reader: the leading policy proposals of the
executive summary (« L'essentiel ») and the logos printed on the cover."""

import base64
import mimetypes
from dataclasses import dataclass

from congress.editions.models import Congress
from congress.editions.partners import Partner

LEADING_COUNT = 10


def transversality(proposal) -> int:
    """How many tracks a proposal concerns: its own and the other related ones."""
    return 1 + len(proposal.other_tracks)


def leading_proposals(proposals: list, count: int = LEADING_COUNT) -> list:
    """The `count` leading validated proposals: most endorsements first, then those concerning
    most tracks, then in the report's own order (track, then rank: their number).
    `proposals` come from policy.validated_policy_proposals, already in that order."""
    ranked = sorted(proposals, key=lambda p: (-p.endorsement_count, -transversality(p)))
    return ranked[:count]


@dataclass
class Logo:
    name: str
    uri: str  # a data: URI, so the PDF does not depend on where the media files are served


def _data_uri(field) -> str:
    field.open("rb")
    try:
        data = field.read()
    finally:
        field.close()
    kind = mimetypes.guess_type(field.name)[0] or "image/png"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def edition_logo(congress: Congress) -> Logo | None:
    """The edition's own logo, if the organisers gave one."""
    if not congress.logo:
        return None
    try:
        return Logo(congress.name, _data_uri(congress.logo))
    except OSError:
        return None


def partner_logos(congress: Congress) -> list[Logo]:
    """The logos of the edition's partners (those who gave one), in the edition page's order."""
    logos = []
    for partner in Partner.objects.filter(congress=congress).exclude(logo=""):
        try:
            logos.append(Logo(partner.name, _data_uri(partner.logo)))
        except OSError:  # a file lost from the storage: the cover goes without it
            continue
    return logos
