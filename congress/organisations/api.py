"""API of organisations (public fields for everyone, private ones for members) and members."""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, permissions, serializers, viewsets
from rest_framework.response import Response

from congress.core.api import WebsiteField
from congress.organisations import services
from congress.organisations.models import Membership, Organisation
from congress.organisations.permissions import (
    can_manage_organisation,
    can_view_organisation_private,
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
