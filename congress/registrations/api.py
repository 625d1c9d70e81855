"""REST API of registrations (/api/v1/congresses/<slug>/...): tariffs, orders, cancellation.

The same services and permission predicates as the pages: managers see and place their
organisations' orders, everyone their own, organisers all orders of their editions.
"""

from django.conf import settings
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from congress.core.idempotency import IDEMPOTENCY_PARAMETER, IdempotentCreateMixin
from congress.editions.models import VISIBLE_STATUSES, Congress
from congress.editions.permissions import is_organiser
from congress.organisations.models import Organisation
from congress.payments.models import Invoice
from congress.registrations import selectors, services
from congress.registrations.models import (
    Order,
    OrderState,
    PaymentMethod,
    Registration,
    Tariff,
)


class TariffSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tariff
        fields = ["id", "name", "price", "audience", "sale_starts_at", "sale_ends_at", "quota"]


class DelegateSerializer(serializers.ModelSerializer):
    days = serializers.ListField(child=serializers.DateField(), required=False)

    class Meta:
        model = Registration
        fields = [
            "id", "full_name", "email", "function", "days", "needs_lsf", "needs_hearing_loop",
            "needs_step_free", "needs_easy_read", "dietary_needs", "other_needs",
            "needs_shared", "photo_consent", "status",
        ]  # fmt: skip
        read_only_fields = ["id", "status"]
        extra_kwargs = {"full_name": {"required": False}, "email": {"required": False}}


class InvoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invoice
        fields = ["id", "kind", "reference", "issued_on", "due_on", "total"]


class OrderSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    tariff = serializers.PrimaryKeyRelatedField(queryset=Tariff.objects.all(), write_only=True)
    invitation_code = serializers.CharField(write_only=True, required=False, default="")
    payment_method = serializers.ChoiceField(
        choices=PaymentMethod.choices,
        required=False,
        default="",
        allow_blank=True,
        help_text="Blank: the first way to pay offered for the tariff (free tariffs: free).",
    )
    delegates = DelegateSerializer(many=True, source="registrations")
    invoices = InvoiceSerializer(many=True, read_only=True)
    reference = serializers.CharField(read_only=True)
    refund_terms = serializers.SerializerMethodField()
    transfer = serializers.SerializerMethodField(
        help_text="Bank details to pay an order awaiting a transfer (null otherwise)."
    )

    class Meta:
        model = Order
        fields = [
            "id", "reference", "organisation", "tariff", "invitation_code", "state",
            "payment_method", "total", "created_at", "expires_at", "code_service",
            "engagement_number", "paid_at", "delegates", "invoices", "refund_terms", "transfer",
        ]  # fmt: skip
        read_only_fields = [
            "id", "state", "total", "created_at", "expires_at", "paid_at",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Checked before any delegate is validated: a huge list costs nothing to refuse.
        self.fields["delegates"].max_length = settings.ORDER_MAX_DELEGATES

    def get_refund_terms(self, order) -> str:
        return selectors.registration_window(order.congress).refund_terms

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {
                key: {"type": "string"}
                for key in ("iban", "bic", "payee", "reference", "amount", "due_on")
            },
        }
    )
    def get_transfer(self, order) -> dict | None:
        if order.state != OrderState.AWAITING_TRANSFER:
            return None
        congress = order.congress
        return {
            "iban": congress.billing_iban,
            "bic": congress.billing_bic,
            "payee": congress.billing_name or congress.organiser_name,
            "reference": order.reference,
            "amount": str(order.total),
            "due_on": order.transfer_due_on.isoformat(),
        }

    def validate_tariff(self, tariff):
        if tariff.congress_id != self.context["congress"].pk:
            raise serializers.ValidationError("Ce tarif n'appartient pas à cette édition.")
        return tariff


# An order's rows the API shows.
ORDER_ROWS = (Prefetch("registrations", queryset=Registration.objects.order_by("pk")), "invoices")


class CongressScopedMixin:
    def get_congress(self) -> Congress | None:
        if getattr(self, "swagger_fake_view", False):
            return None
        if not hasattr(self, "_congress"):
            self._congress = get_object_or_404(
                Congress, slug=self.kwargs["congress_slug"], status__in=VISIBLE_STATUSES
            )
        return self._congress


class TariffViewSet(CongressScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Tariffs of an edition (read-only; organisers edit them in the administration)."""

    serializer_class = TariffSerializer
    permission_classes = [permissions.AllowAny]

    queryset = Tariff.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return Tariff.objects.filter(congress=self.get_congress()).order_by("order", "price")


@extend_schema_view(create=extend_schema(parameters=[IDEMPOTENCY_PARAMETER]))
class OrderViewSet(
    IdempotentCreateMixin,
    CongressScopedMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Registration orders: the caller's own and their organisations' (organisers: all).

    Creating an order takes the places at once (or answers 400 when the edition is full).
    Public bodies get an invoice; card orders are paid on the website's Stripe page.
    """

    serializer_class = OrderSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "congress": self.get_congress()}

    queryset = Order.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        congress = self.get_congress()
        user = self.request.user
        qs = Order.objects.filter(congress=congress)
        if not is_organiser(user, congress):
            managed = user.memberships.filter(role="manager").values("organisation")
            qs = qs.filter(Q(placed_by=user) | Q(organisation__in=managed))
        return (
            qs.select_related("organisation", "congress")
            .prefetch_related(*ORDER_ROWS)
            .order_by("-created_at", "-pk")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        delegates = []
        for delegate in data.pop("registrations"):
            delegate = dict(delegate)
            delegate["days"] = [d.isoformat() for d in delegate.get("days", [])]
            delegates.append(delegate)
        order = services.order_create(
            congress=self.get_congress(),
            by=self.request.user,
            delegates=delegates,
            organisation=data.get("organisation"),
            tariff=data["tariff"],
            invitation_code=data.get("invitation_code", ""),
            code_service=data.get("code_service", ""),
            engagement_number=data.get("engagement_number", ""),
            payment_method=data.get("payment_method", ""),
        )
        # The order as the service wrote it, with its rows: not read again (issue 18).
        prefetch_related_objects([order], *ORDER_ROWS)
        serializer.instance = order

    @extend_schema(request=None, responses=OrderSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, *args, **kwargs):
        order = services.order_cancel(order=self.get_object(), by=request.user)
        order = self.get_queryset().get(pk=order.pk)
        return Response(self.get_serializer(order).data)


router = SimpleRouter()
router.register("tariffs", TariffViewSet, basename="tariff")
router.register("orders", OrderViewSet, basename="order")

urlpatterns = router.urls
