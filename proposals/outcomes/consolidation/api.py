"""REST API of the policy proposals: validated ones are public (moderators also see those of
their tracks, organisers all); organisers edit, validate, set aside, merge and split."""

from django.db.models import Count, Q
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from congress.editions.permissions import is_organiser
from proposals.outcomes.consolidation import services
from proposals.outcomes.recording.api import (
    CongressMixin,
    ConsolidatorWrites,
    congress_tracks,
    required_version,
)
from proposals.outcomes.recording.models import Addressee, PolicyProposal, PolicyStatus
from tracks.models import Track
from tracks.permissions import moderator_track_ids


class PolicyProposalSerializer(serializers.ModelSerializer):
    track = serializers.SlugRelatedField(slug_field="slug", queryset=Track.objects.none())
    related_tracks = serializers.SlugRelatedField(
        slug_field="slug", queryset=Track.objects.none(), many=True, required=False
    )
    addressees = serializers.SlugRelatedField(
        slug_field="slug", queryset=Addressee.objects.all(), many=True, required=False
    )
    sources = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    endorsement_count = serializers.IntegerField(read_only=True)
    version = serializers.IntegerField(help_text="Version read before editing.")

    class Meta:
        model = PolicyProposal
        fields = [
            "id", "title", "statement", "rationale", "level", "track", "related_tracks",
            "addressees", "rank", "sources", "status", "set_aside_reason", "merged_into",
            "split_from", "followup_status", "endorsement_count", "validated_at", "version",
        ]  # fmt: skip
        read_only_fields = [
            "id", "sources", "status", "set_aside_reason", "merged_into", "split_from",
            "followup_status", "validated_at",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tracks = congress_tracks(self)
        self.fields["track"].queryset = tracks
        self.fields["related_tracks"].child_relation.queryset = tracks


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class MergeSerializer(serializers.Serializer):
    ids = serializers.ListField(child=serializers.IntegerField(), min_length=2)
    title = serializers.CharField(max_length=255)
    statement = serializers.CharField()


class SplitPartSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    statement = serializers.CharField()


class SplitSerializer(serializers.Serializer):
    parts = SplitPartSerializer(many=True, min_length=2)


@extend_schema_view(
    list=extend_schema(
        description="Validated proposals (organisers: all, moderators: also "
        "those of their tracks), most endorsed first."
    )  # fmt: skip
)
class PolicyProposalViewSet(CongressMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Policy proposals of an edition. Organisers PATCH the wording (with `version`), validate,
    set aside, merge and split."""

    queryset = PolicyProposal.objects.none()  # for the schema; get_queryset() scopes
    serializer_class = PolicyProposalSerializer
    permission_classes = [ConsolidatorWrites]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        congress = self.congress()
        user = self.request.user
        qs = PolicyProposal.objects.filter(congress=congress)
        if not is_organiser(user, congress):
            qs = qs.filter(
                Q(status=PolicyStatus.VALIDATED) | Q(track_id__in=moderator_track_ids(user))
            )
        return (
            qs.annotate(endorsement_count=Count("endorsements", distinct=True))
            .select_related("track")
            .prefetch_related("related_tracks", "addressees", "sources")
            .order_by("-endorsement_count", "track__order", "rank", "pk")
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        version = required_version(data)
        serializer.instance = services.policy_proposal_update(
            proposal=serializer.instance, by=self.request.user, version=version, **data
        )

    def _respond(self, proposal, code=status.HTTP_200_OK):
        fresh = self.get_queryset().filter(pk=proposal.pk).first() or proposal
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=None, responses=PolicyProposalSerializer)
    @action(detail=True, methods=["post"])
    def validate(self, request, congress_slug, pk=None):
        proposal = services.policy_proposal_validate(proposal=self.get_object(), by=request.user)
        return self._respond(proposal)

    @extend_schema(request=ReasonSerializer, responses=PolicyProposalSerializer)
    @action(detail=True, methods=["post"], url_path="set-aside")
    def set_aside(self, request, congress_slug, pk=None):
        proposal = self.get_object()  # which proposal (404) before what is sent (400)
        body = ReasonSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        proposal = services.policy_proposal_set_aside(
            proposal=proposal, by=request.user, reason=body.validated_data["reason"]
        )
        return self._respond(proposal)

    @extend_schema(request=MergeSerializer, responses={201: PolicyProposalSerializer})
    @action(detail=False, methods=["post"])
    def merge(self, request, congress_slug):
        body = MergeSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        congress = self.congress()
        proposals = list(
            PolicyProposal.objects.filter(congress=congress, pk__in=body.validated_data["ids"])
        )
        merged = services.policy_proposals_merge(
            congress=congress, proposals=proposals, by=request.user,
            title=body.validated_data["title"], statement=body.validated_data["statement"],
        )  # fmt: skip
        return self._respond(merged, status.HTTP_201_CREATED)

    @extend_schema(request=SplitSerializer, responses={201: PolicyProposalSerializer(many=True)})
    @action(detail=True, methods=["post"])
    def split(self, request, congress_slug, pk=None):
        proposal = self.get_object()  # which proposal (404) before what is sent (400)
        body = SplitSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        parts = services.policy_proposal_split(
            proposal=proposal, by=request.user, parts=body.validated_data["parts"]
        )
        qs = self.get_queryset().filter(pk__in=[p.pk for p in parts])
        return Response(self.get_serializer(qs, many=True).data, status=status.HTTP_201_CREATED)
