"""API of organisations (public fields for everyone, private ones for members) and members."""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, permissions, serializers, viewsets

from congress.core.api import WebsiteField
from congress.core.collation import by_name
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
        fields = ["id", "slug", "name", "kind", "commune", "departement", "country", "website"]
        read_only_fields = ["id", "slug"]


class OrganisationSerializer(serializers.ModelSerializer):
    """Full record for members of the organisation, the public fields for everyone else:
    decided per object and per caller, whatever the list, filter or detail asked for."""

    website = WebsiteField(max_length=200, required=False, allow_blank=True)

    permissions = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = [
            "id", "slug", "name", "kind", "siret", "rna", "address", "postal_code", "commune",
            "insee_code", "departement", "country", "vat_number", "website", "contact_email",
            "phone", "description", "public_listing", "permissions",
        ]  # fmt: skip
        read_only_fields = ["id", "slug", "permissions"]
        # Uniqueness is the service's job (it also handles the race); skip DRF's own query.
        validators = []
        extra_kwargs = {
            "siret": {"validators": [], "max_length": 20},
            "rna": {"validators": [], "max_length": 14},
            "vat_number": {"max_length": 20},
        }

    def to_representation(self, instance):
        request = self.context.get("request")
        user = request.user if request is not None else None
        if user is None or not can_view_organisation_private(user, instance):
            return self._public_serializer().to_representation(instance)
        return super().to_representation(instance)

    def _public_serializer(self) -> OrganisationPublicSerializer:
        """One public serializer for the whole list: a new one per organisation built its
        fields again for each (four fifths of the directory API's time, issue 18)."""
        if not hasattr(self, "_public"):
            self._public = OrganisationPublicSerializer(context=self.context)
        return self._public

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


def ORGANISATION_RECORD(many=False):  # noqa: N802 - reads as the schema component it builds
    return PolymorphicProxySerializer(
        component_name="OrganisationDetail",
        serializers=[OrganisationSerializer, OrganisationPublicSerializer],
        resource_type_field_name=None,
        many=many,
    )


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
            return Organisation.objects.of_user(user).order_by(*by_name("name"))
        if self.action == "list":
            return Organisation.objects.listed().order_by(*by_name("name"))
        # Detail: listed ones, plus the caller's own.
        if user.is_authenticated:
            return (Organisation.objects.listed() | Organisation.objects.of_user(user)).distinct()
        return Organisation.objects.listed()

    # One serializer: it shows each organisation's private fields to its members only.
    serializer_class = OrganisationSerializer

    @extend_schema(
        responses=ORGANISATION_RECORD(many=True),
        description="Members of an organisation get its full record, others the public fields.",
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        responses=ORGANISATION_RECORD(),
        description="Members of the organisation get the full record, others the public fields.",
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

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
        return organisation.memberships.select_related("user").order_by(*by_name("user__full_name"))
