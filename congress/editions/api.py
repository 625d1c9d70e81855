"""Read-only API of editions and venues."""

from django.db.models import Prefetch
from rest_framework import serializers, viewsets

from congress.editions.models import VISIBLE_STATUSES, Congress, Room, Venue


class RoomSerializer(serializers.ModelSerializer):
    class Meta:
        model = Room
        fields = [
            "id",
            "name",
            "capacity",
            "floor",
            "step_free",
            "hearing_loop",
            "accessibility_notes",
        ]


class VenueSerializer(serializers.ModelSerializer):
    rooms = RoomSerializer(many=True, read_only=True)

    class Meta:
        model = Venue
        fields = [
            "id",
            "name",
            "address",
            "city",
            "accessibility_notes",
            "transport_notes",
            "rooms",
        ]


class CongressSerializer(serializers.ModelSerializer):
    class Meta:
        model = Congress
        fields = [
            "id", "slug", "name", "edition_number", "start_date", "end_date", "city",
            "description", "fil_rouge", "motto", "status", "is_current", "contact_email",
        ]  # fmt: skip


class CongressViewSet(viewsets.ReadOnlyModelViewSet):
    """Published editions of the congress (organisers also see drafts in the admin)."""

    serializer_class = CongressSerializer
    lookup_field = "slug"
    filterset_fields = ["status"]

    def get_queryset(self):
        return Congress.objects.visible().order_by("-start_date")


class VenueViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = VenueSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Venue.objects.none()
        return (
            Venue.objects.filter(
                congress__slug=self.kwargs["congress_slug"], congress__status__in=VISIBLE_STATUSES
            )
            .prefetch_related(Prefetch("rooms", queryset=Room.objects.order_by("order", "name")))
            .order_by("name")
        )
