"""REST API of outcomes and policy proposals, on the same services and permissions as the pages.

- outcomes: moderators of the workshop's track (and organisers) record them;
- policy-proposals: validated ones are public; organisers edit, validate, set aside, merge, split;
- endorsements: participants support validated proposals during the endorsement period;
- follow-ups: public read, organisers write (multipart, PDF document).
"""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import include, path, reverse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, parsers, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from congress.models import VISIBLE_STATUSES, Congress, Organisation
from congress.permissions import is_organiser
from proposals.outcomes import selectors, services
from proposals.outcomes.models import (
    Addressee,
    Endorsement,
    FollowUp,
    Level,
    Outcome,
    PolicyProposal,
    PolicyStatus,
)
from proposals.outcomes.permissions import can_consolidate, can_edit_outcome
from proposals.outcomes.validators import validate_pdf
from tracks.models import Session, Track
from tracks.permissions import moderator_track_ids


class CongressMixin:
    def congress(self) -> Congress:
        if not hasattr(self, "_congress"):
            self._congress = get_object_or_404(
                Congress, slug=self.kwargs["congress_slug"], status__in=VISIBLE_STATUSES
            )
        return self._congress


class ConsolidatorWrites(permissions.BasePermission):
    """Anyone reads what the queryset shows; every write is for the edition's organisers,
    checked before the request body is read (a refused caller learns nothing from validation)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return request.user.is_authenticated and can_consolidate(request.user, view.congress())


class OutcomeWrites(permissions.BasePermission):
    """Outcomes are recorded by the workshops' moderators and organisers; reopened by
    organisers; a submitted outcome is no longer edited by its moderators."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        congress = view.congress()
        if view.action == "reopen":
            return can_consolidate(request.user, congress)
        if view.action == "create":
            return (
                is_organiser(request.user, congress)
                or selectors.workshops_for_moderator(request.user, congress).exists()
            )
        return True

    def has_object_permission(self, request, view, obj):
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_edit_outcome(request.user, obj.session, obj)


def _version(data: dict) -> int:
    """Writes carry the version read before editing (optimistic locking)."""
    if "version" not in data:
        raise serializers.ValidationError(
            {"version": [serializers.Field.default_error_messages["required"]]}
        )
    return data.pop("version")


def _congress_tracks(serializer):
    view = serializer.context.get("view")
    if view is not None and "congress_slug" in view.kwargs:
        return Track.objects.filter(congress__slug=view.kwargs["congress_slug"])
    return Track.objects.none()


# --- outcomes ---------------------------------------------------------------------------------


class PolicyProposalInputSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, help_text="Existing proposal to update.")
    title = serializers.CharField(max_length=255)
    statement = serializers.CharField()
    rationale = serializers.CharField(required=False, allow_blank=True, default="")
    level = serializers.ChoiceField(choices=Level.choices, default=Level.NATIONAL)
    track = serializers.SlugRelatedField(
        slug_field="slug", queryset=Track.objects.none(), required=False
    )
    related_tracks = serializers.SlugRelatedField(
        slug_field="slug", queryset=Track.objects.none(), many=True, required=False
    )
    addressees = serializers.SlugRelatedField(
        slug_field="slug", queryset=Addressee.objects.all(), many=True, required=False
    )
    supporting_organisations = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), many=True, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        tracks = _congress_tracks(self)
        self.fields["track"].queryset = tracks
        self.fields["related_tracks"].child_relation.queryset = tracks


class OutcomeProposalSerializer(serializers.ModelSerializer):
    track = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = PolicyProposal
        fields = ["id", "title", "statement", "rationale", "level", "track", "rank", "status"]


class OutcomeSerializer(serializers.ModelSerializer):
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.none())
    organisations = serializers.SlugRelatedField(
        slug_field="slug", queryset=Organisation.objects.all(), many=True, required=False
    )
    version = serializers.IntegerField(
        help_text="Version read before editing (0 to create); a stale one answers 400 (conflict)."
    )
    submit = serializers.BooleanField(
        write_only=True, required=False, default=False, help_text="Submit the outcome."
    )
    proposals = PolicyProposalInputSerializer(many=True, required=False, write_only=True)
    policy_proposals = OutcomeProposalSerializer(many=True, read_only=True)

    class Meta:
        model = Outcome
        fields = [
            "id", "session", "version", *services.OUTCOME_FIELDS, "organisations", "status",
            "submitted_at", "submit", "proposals", "policy_proposals",
        ]  # fmt: skip
        read_only_fields = ["id", "status", "submitted_at"]
        validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        view = self.context.get("view")
        if view is not None and "congress_slug" in view.kwargs:
            self.fields["session"].queryset = Session.objects.filter(
                congress__slug=view.kwargs["congress_slug"], session_type__is_workshop=True
            )


class OutcomeViewSet(
    CongressMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Outcomes of the workshops the caller moderates (organisers: all). POST records a new one
    (`version: 0`), PUT/PATCH updates it with the version read; `submit: true` submits."""

    queryset = Outcome.objects.none()  # for the schema; get_queryset() scopes
    serializer_class = OutcomeSerializer
    permission_classes = [permissions.IsAuthenticated, OutcomeWrites]
    pagination_class = None
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        sessions = selectors.workshops_for_moderator(self.request.user, self.congress())
        return (
            Outcome.objects.filter(
                congress=self.congress(), session__in=sessions.values("pk").order_by()
            )
            .prefetch_related("organisations", "policy_proposals__track")
            .order_by("session__starts_at", "pk")
        )

    def _save(self, serializer, session):
        data = dict(serializer.validated_data)
        data.pop("session", None)
        proposals = [dict(p) for p in data.pop("proposals", [])]
        if self.request.method == "PATCH" and "proposals" not in serializer.initial_data:
            proposals = [
                {"id": p.pk} for p in serializer.instance.policy_proposals.filter(
                    status__in=services.EDITABLE_POLICY_STATUSES
                )
            ]  # fmt: skip
        organisations = data.pop("organisations", None)
        if organisations is None:
            organisations = (
                list(serializer.instance.organisations.all()) if serializer.instance else []
            )
        serializer.instance = services.outcome_save(
            session=session,
            by=self.request.user,
            version=_version(data),
            submit=data.pop("submit", False),
            organisations=organisations,
            proposals=proposals,
            **data,
        )

    def perform_create(self, serializer):
        self._save(serializer, serializer.validated_data["session"])

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance.session)

    @extend_schema(request=None, responses=OutcomeSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request, congress_slug, pk=None):
        outcome = get_object_or_404(Outcome, congress=self.congress(), pk=pk)
        outcome = services.outcome_reopen(outcome=outcome, by=request.user)
        return Response(self.get_serializer(outcome).data)


# --- policy proposals -------------------------------------------------------------------------


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
        tracks = _congress_tracks(self)
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
        version = _version(data)
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


# --- endorsements -----------------------------------------------------------------------------


class EndorsementSerializer(serializers.ModelSerializer):
    proposal = serializers.PrimaryKeyRelatedField(queryset=PolicyProposal.objects.none())

    class Meta:
        model = Endorsement
        fields = ["id", "proposal", "created_at"]
        read_only_fields = ["id", "created_at"]
        validators = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        view = self.context.get("view")
        if view is not None and "congress_slug" in view.kwargs:
            self.fields["proposal"].queryset = PolicyProposal.objects.filter(
                congress__slug=view.kwargs["congress_slug"]
            )


class EndorsementViewSet(
    CongressMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    mixins.ListModelMixin,
    viewsets.GenericViewSet,
):
    """The caller's endorsements: support a validated proposal (POST, once: a repeat returns
    the existing one) or withdraw it (DELETE)."""

    queryset = Endorsement.objects.none()  # for the schema; get_queryset() scopes
    serializer_class = EndorsementSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    def get_queryset(self):
        return Endorsement.objects.filter(
            user=self.request.user, proposal__congress=self.congress()
        ).order_by("-created_at", "pk")

    def perform_create(self, serializer):
        serializer.instance = services.endorsement_create(
            proposal=serializer.validated_data["proposal"], user=self.request.user
        )

    def perform_destroy(self, instance):
        services.endorsement_withdraw(proposal=instance.proposal, user=self.request.user)


# --- follow-up --------------------------------------------------------------------------------


class FollowUpDocumentField(serializers.FileField):
    """A PDF upload in; out, the address of the view that serves it as an attachment."""

    def to_representation(self, value):
        if not value:
            return None
        followup = value.instance
        view = self.context.get("view")
        slug = view.kwargs["congress_slug"] if view else followup.proposal.congress.slug
        url = reverse("followup_document", args=[slug, followup.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url


class FollowUpSerializer(serializers.ModelSerializer):
    proposal = serializers.PrimaryKeyRelatedField(queryset=PolicyProposal.objects.none())
    document = FollowUpDocumentField(required=False, allow_null=True, validators=[validate_pdf])
    addressee = serializers.SlugRelatedField(
        slug_field="slug", queryset=Addressee.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = FollowUp
        fields = [
            "id", "proposal", "status", "date", "addressee", "institution", "summary",
            "document", "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        view = self.context.get("view")
        if view is not None and "congress_slug" in view.kwargs:
            self.fields["proposal"].queryset = PolicyProposal.objects.filter(
                congress__slug=view.kwargs["congress_slug"]
            )


class FollowUpViewSet(
    CongressMixin, mixins.CreateModelMixin, mixins.ListModelMixin, viewsets.GenericViewSet
):
    """What happened to validated proposals after the congress: public read, organisers write
    (multipart/form-data to attach a PDF of at most 10 MB). Filter with `?proposal=<id>`."""

    queryset = FollowUp.objects.none()  # for the schema; get_queryset() scopes
    serializer_class = FollowUpSerializer
    permission_classes = [ConsolidatorWrites]
    parser_classes = [parsers.MultiPartParser, parsers.FormParser, parsers.JSONParser]
    pagination_class = None

    def get_queryset(self):
        qs = FollowUp.objects.filter(
            proposal__congress=self.congress(), proposal__status=PolicyStatus.VALIDATED
        ).select_related("addressee")
        proposal = self.request.query_params.get("proposal", "")
        if proposal.isdigit():
            qs = qs.filter(proposal_id=int(proposal))
        return qs.order_by("proposal_id", "date", "pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        if not can_consolidate(self.request.user, self.congress()):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        serializer.instance = services.followup_record(by=self.request.user, **data)


router = SimpleRouter()
router.register("outcomes", OutcomeViewSet, basename="outcome")
router.register("policy-proposals", PolicyProposalViewSet, basename="policy-proposal")
router.register("endorsements", EndorsementViewSet, basename="endorsement")
router.register("follow-ups", FollowUpViewSet, basename="follow-up")
urlpatterns = [path("congresses/<slug:congress_slug>/", include(router.urls))]
