from django.db.models import QuerySet

from congress.editions.models import Congress
from tracks.stands.models import Stand


def stands_of(congress: Congress, *, holder_kind: str = "") -> QuerySet[Stand]:
    qs = Stand.objects.filter(congress=congress).order_by("number", "name")
    if holder_kind:
        qs = qs.filter(holder_kind=holder_kind)
    return qs
