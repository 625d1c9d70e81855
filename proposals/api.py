"""REST API of the proposals app: proposals of the caller's organisations, and reviews."""

from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from congress.editions.models import VISIBLE_STATUSES, Congress
from congress.organisations.models import Organisation
from proposals import selectors, services
from proposals.models import Review, WorkshopProposal
from proposals.services import PROPOSAL_FIELDS
from tracks.models import Track


class SpeakerSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    function = serializers.CharField(max_length=200, required=False, allow_blank=True)
    organisation_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)


class ProposalSerializer(serializers.ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all()
    )
    track = serializers.SlugRelatedField(
        slug_field="slug", queryset=Track.objects.none(), allow_null=True, required=False
    )
    related_tracks = serializers.SlugRelatedField(
        slug_field="slug", queryset=Track.objects.none(), many=True, required=False
    )
    co_organisations = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), many=True, required=False
    )
    speakers = SpeakerSerializer(many=True, required=False)
    version = serializers.IntegerField(
        required=False, help_text="Version read before editing (optimistic locking)."
    )

    class Meta:
        model = WorkshopProposal
        fields = [
            "id", "organisation", *PROPOSAL_FIELDS, "related_tracks", "co_organisations",
            "speakers", "state", "version", "submitted_at",
        ]  # fmt: skip
        read_only_fields = ["id", "state", "submitted_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        view = self.context.get("view")
        if view is not None and "congress_slug" in view.kwargs:
            tracks = Track.objects.filter(congress__slug=view.kwargs["congress_slug"])
            self.fields["track"].queryset = tracks
            self.fields["related_tracks"].child_relation.queryset = tracks

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["speakers"] = [
            {"name": s.name, "function": s.function, "organisation_name": s.organisation_name,
             "email": s.email}
            for s in instance.speakers.all()
        ]  # fmt: skip
        return data


class ProposalViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Workshop proposals of the caller's organisations (as proposer or co-presenter).

    `POST .../submit/` submits a draft; `POST .../withdraw/` withdraws it. Updates need the
    `version` read before editing: a stale version answers 400 (conflict).
    """

    serializer_class = ProposalSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None
    http_method_names = ["get", "post", "patch", "put", "head", "options"]

    def congress(self):
        return get_object_or_404(
            Congress, slug=self.kwargs["congress_slug"], status__in=VISIBLE_STATUSES
        )

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return WorkshopProposal.objects.none()
        return selectors.proposals_of_user(self.request.user, self.congress()).prefetch_related(
            "speakers", "related_tracks", "co_organisations"
        )

    def _payload(self, data):
        fields = {k: data[k] for k in PROPOSAL_FIELDS if k in data}
        extra = {}
        for name in ("related_tracks", "co_organisations", "speakers"):
            if name in data:
                extra[name] = list(data[name])
        return fields, extra

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        fields, extra = self._payload(data)
        serializer.instance = services.proposal_create(
            congress=self.congress(), organisation=data["organisation"], by=self.request.user,
            **fields, **extra,
        )  # fmt: skip

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        fields, extra = self._payload(data)
        serializer.instance = services.proposal_update(
            proposal=serializer.instance,
            by=self.request.user,
            version=data.get("version", 0),
            **fields,
            **extra,
        )

    @extend_schema(request=None, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, congress_slug, pk=None):
        proposal = services.proposal_submit(proposal=self.get_object(), by=request.user)
        return Response(self.get_serializer(proposal).data)

    @extend_schema(request=None, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, congress_slug, pk=None):
        proposal = services.proposal_withdraw(proposal=self.get_object(), by=request.user)
        return Response(self.get_serializer(proposal).data)


class ReviewSerializer(serializers.ModelSerializer):
    proposal = serializers.PrimaryKeyRelatedField(queryset=WorkshopProposal.objects.none())
    scores = serializers.DictField(
        child=serializers.IntegerField(min_value=0, max_value=5),
        help_text="Criterion id -> score 0..5",
        write_only=True,
    )

    class Meta:
        model = Review
        fields = [
            "id", "proposal", "scores", "weighted_score", "comment_committee",
            "comment_authors", "updated_at",
        ]  # fmt: skip
        read_only_fields = ["id", "weighted_score", "updated_at"]
        validators = []

    def validate_scores(self, scores: dict) -> dict[int, int]:
        """JSON keys are strings: each must be a criterion id (the service checks which)."""
        try:
            return {int(key): value for key, value in scores.items()}
        except ValueError:
            raise serializers.ValidationError(
                _("Chaque clé est l'identifiant d'un critère (un nombre).")
            ) from None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        view = self.context.get("view")
        if view is not None and "congress_slug" in view.kwargs:
            self.fields["proposal"].queryset = WorkshopProposal.objects.filter(
                congress__slug=view.kwargs["congress_slug"]
            )


class ReviewViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The caller's own reviews; POST creates or replaces the review of a proposal."""

    serializer_class = ReviewSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # schema generation
            return Review.objects.none()
        return Review.objects.filter(
            reviewer=self.request.user, proposal__congress__slug=self.kwargs["congress_slug"]
        ).order_by("proposal_id")

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.review_save(
            proposal=data["proposal"],
            by=self.request.user,
            scores=data["scores"],
            comment_committee=data.get("comment_committee", ""),
            comment_authors=data.get("comment_authors", ""),
        )


router = SimpleRouter()
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("reviews", ReviewViewSet, basename="review")
urlpatterns = [path("congresses/<slug:congress_slug>/", include(router.urls))]
