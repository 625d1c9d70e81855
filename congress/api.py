"""REST API of the congress app (/api/v1/): editions, venues with rooms, organisations."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from congress import services
from congress.models import VISIBLE_STATUSES, Congress, Membership, Organisation, Room, Venue
from congress.permissions import can_manage_organisation, can_view_organisation_private


def exception_handler(exc, context):
    """Services raise Django's ValidationError / PermissionDenied: answer 400 / 403."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    return drf_exception_handler(exc, context)


# The URLs Django's URLValidator accepts (http/https, dotted host with a 2-63 letter TLD).
URL_PATTERN = (
    r"^$|^https?://[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}"
    r"(?::[0-9]{1,5})?(?:/[!-~]*)?$"
)


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200, "pattern": URL_PATTERN})
class WebsiteField(serializers.URLField):
    pass


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


class MemberSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="user.full_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "full_name", "email", "role", "function"]


class OrganisationPublicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "slug", "name", "kind", "commune", "departement", "website"]
        read_only_fields = ["id", "slug"]


class OrganisationSerializer(serializers.ModelSerializer):
    """Full record: for members of the organisation (and for writes)."""

    website = WebsiteField(max_length=200, required=False, allow_blank=True)

    permissions = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id", "slug", "name", "kind", "siret", "rna", "address", "postal_code", "commune",
            "insee_code", "departement", "country", "website", "contact_email", "phone",
            "description", "public_listing", "permissions",
        ]  # fmt: skip
        read_only_fields = ["id", "slug", "country", "permissions"]
        # Uniqueness is the service's job (it also handles the race); skip DRF's own query.
        validators = []
        extra_kwargs = {
            "siret": {"validators": [], "max_length": 20},
            "rna": {"validators": [], "max_length": 14},
        }

    @extend_schema_field(
        {
            "type": "object",
            "properties": {"can_manage": {"type": "boolean"}, "is_member": {"type": "boolean"}},
        }
    )
    def get_permissions(self, obj):
        user = self.context["request"].user
        return {
            "can_manage": can_manage_organisation(user, obj),
            "is_member": can_view_organisation_private(user, obj),
        }


class OrganisationViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Organisations: the public directory for everyone, full records for their members.

    `?mine=1` lists the caller's own organisations with their private fields.
    """

    lookup_field = "slug"
    filterset_fields = ["kind", "departement"]
    permission_classes = [permissions.IsAuthenticatedOrReadOnly]

    def get_queryset(self):
        user = self.request.user
        if self.request.query_params.get("mine") and user.is_authenticated:
            return Organisation.objects.of_user(user).order_by("name")
        if self.action == "list":
            return Organisation.objects.listed().order_by("name")
        # Detail: listed ones, plus the caller's own.
        if user.is_authenticated:
            return (Organisation.objects.listed() | Organisation.objects.of_user(user)).distinct()
        return Organisation.objects.listed()

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return OrganisationSerializer
        if self.action == "retrieve" and can_view_organisation_private(
            self.request.user, self.get_object()
        ):
            return OrganisationSerializer
        if self.action == "list" and self.request.query_params.get("mine"):
            return OrganisationSerializer
        return OrganisationPublicSerializer

    @extend_schema(
        responses=PolymorphicProxySerializer(
            component_name="OrganisationDetail",
            serializers=[OrganisationSerializer, OrganisationPublicSerializer],
            resource_type_field_name=None,
        ),
        description="Members of the organisation get the full record, others the public fields.",
    )
    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        serializer_class = (
            OrganisationSerializer
            if can_view_organisation_private(request.user, instance)
            else OrganisationPublicSerializer
        )
        return Response(serializer_class(instance, context=self.get_serializer_context()).data)

    def perform_create(self, serializer):
        serializer.instance = services.organisation_create(
            by=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = services.organisation_update(
            organisation=serializer.instance, by=self.request.user, **serializer.validated_data
        )


class OrganisationMemberViewSet(viewsets.ReadOnlyModelViewSet):
    """Members of an organisation: visible to its members only."""

    serializer_class = MemberSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Membership.objects.none()
        organisation = Organisation.objects.filter(slug=self.kwargs["organisation_slug"]).first()
        if organisation is None or not can_view_organisation_private(
            self.request.user, organisation
        ):
            raise exceptions.NotFound()
        return organisation.memberships.select_related("user").order_by("user__full_name")
