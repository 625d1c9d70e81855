"""REST API of the tracks app: tracks and session types of an edition."""

from rest_framework import serializers, viewsets

from congress.models import VISIBLE_STATUSES
from tracks.models import SessionType, Track


class TrackSerializer(serializers.ModelSerializer):
    class Meta:
        model = Track
        fields = ["id", "slug", "name", "short_name", "description", "question", "colour", "order"]


class SessionTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = SessionType
        fields = ["id", "slug", "name", "is_workshop", "order"]


class TrackViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TrackSerializer
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Track.objects.none()
        return Track.objects.filter(
            congress__slug=self.kwargs["congress_slug"], congress__status__in=VISIBLE_STATUSES
        ).order_by("order", "name")


class SessionTypeViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SessionTypeSerializer
    lookup_field = "slug"
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return SessionType.objects.none()
        return SessionType.objects.filter(
            congress__slug=self.kwargs["congress_slug"], congress__status__in=VISIBLE_STATUSES
        ).order_by("order", "name")
