"""REST API of the tracks app: tracks and session types of an edition."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils.translation import get_language
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from congress.core import pagecache
from congress.core.idempotency import IDEMPOTENCY_PARAMETER, IdempotentCreateMixin
from congress.editions.models import VISIBLE_STATUSES, Congress
from tracks import selectors, services
from tracks.models import Session, SessionType, Track, WorkshopSignup


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


# --- sessions, programme and workshop sign-ups ----------------------------------------------


class AccessibilityMarkerSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=["lsf", "hearing_loop", "step_free", "easy_read"])
    label = serializers.CharField()


class SessionSerializer(serializers.ModelSerializer):
    session_type = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    track = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    room = serializers.CharField(source="room.name", read_only=True)
    signup_count = serializers.IntegerField(read_only=True)
    speakers = serializers.ListField(
        source="speaker_list", child=serializers.CharField(), read_only=True
    )

    accessibility = serializers.SerializerMethodField(
        help_text="What the session offers: LSF interpretation and easy-to-read (FALC) material "
        "are booked for it, step-free access and the hearing loop come from its room."
    )

    class Meta:
        model = Session
        fields = [
            "id", "title", "session_type", "track", "description", "speakers", "room",
            "starts_at", "ends_at", "capacity", "signup_count", "accessibility", "cancelled_at",
        ]  # fmt: skip
        extra_kwargs = {
            "cancelled_at": {"help_text": "When organisers cancelled it (kept on the programme, "
                             "not bookable); null while it takes place."},
        }  # fmt: skip

    @extend_schema_field(AccessibilityMarkerSerializer(many=True))
    def get_accessibility(self, session) -> list[dict]:
        return [{"code": m.code, "label": str(m.label)} for m in session.accessibility_markers]


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    """The public programme of an edition. Filters: `?track=<slug>&type=<slug>`."""

    serializer_class = SessionSerializer
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Session.objects.none()
        return selectors.sessions_for_programme(
            self.edition(),
            track_slug=self.request.query_params.get("track", ""),
            type_slug=self.request.query_params.get("type", ""),
        )

    def edition(self) -> Congress:
        if not hasattr(self, "_edition"):
            self._edition = get_object_or_404(
                Congress, slug=self.kwargs["congress_slug"], status__in=VISIBLE_STATUSES
            )
        return self._edition

    def list(self, request, *args, **kwargs):
        """Cached under the edition's content version (congress/core/pagecache.py), with an
        ETag: a client that sends it back gets a 304 while the programme has not changed."""
        congress = self.edition()
        params = request.query_params
        cache_key = pagecache.key(
            congress.pk, "api-sessions", get_language(), params.get("track", ""),
            params.get("type", ""),
        )  # fmt: skip

        def serialise():
            return [dict(item) for item in self.get_serializer(self.get_queryset(), many=True).data]

        def build():
            if request.accepted_media_type == "application/json":
                # The JSON itself kept (~120 KB for 211 sessions: encoding it was most of the
                # request); the browsable API and `; indent=` go through DRF's renderers.
                json_key = pagecache.key(congress.pk, "api-sessions-json", cache_key)
                body = pagecache.get_or_render(json_key, lambda: JSONRenderer().render(serialise()))
                return HttpResponse(body, content_type="application/json")
            return Response(pagecache.get_or_render(cache_key, serialise))

        return pagecache.conditional(request, (cache_key,), build, scope=congress.pk)


class SignupSerializer(serializers.ModelSerializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.none())
    session_title = serializers.CharField(source="session.title", read_only=True)
    starts_at = serializers.DateTimeField(source="session.starts_at", read_only=True)
    ends_at = serializers.DateTimeField(source="session.ends_at", read_only=True)

    class Meta:
        model = WorkshopSignup
        fields = ["id", "session", "session_title", "starts_at", "ends_at", "created_at"]
        read_only_fields = ["id", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        congress_slug = (
            self.context["view"].kwargs.get("congress_slug") if "view" in self.context else None
        )
        self.fields["session"].queryset = Session.objects.filter(congress__slug=congress_slug)


@extend_schema_view(create=extend_schema(parameters=[IDEMPOTENCY_PARAMETER]))
class SignupViewSet(
    IdempotentCreateMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's workshop sign-ups for an edition: list, sign up (POST), cancel (DELETE)."""

    serializer_class = SignupSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    def congress(self):
        return get_object_or_404(
            Congress, slug=self.kwargs["congress_slug"], status__in=VISIBLE_STATUSES
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return WorkshopSignup.objects.none()
        return selectors.user_signups(self.request.user, self.congress())

    def perform_create(self, serializer):
        serializer.instance = services.signup_create(
            session=serializer.validated_data["session"], user=self.request.user
        )

    def perform_destroy(self, instance):
        services.signup_cancel(signup=instance, by=self.request.user)


router = SimpleRouter()
router.register("sessions", SessionViewSet, basename="session")
router.register("workshop-signups", SignupViewSet, basename="workshop-signup")

urlpatterns = [path("congresses/<slug:congress_slug>/", include(router.urls))]
