"""REST API of the moderators' outcomes (recording, submitting, reopening), and what the other
outcome endpoints share: the edition from the URL, organisers-only writes, optimistic locking."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from congress.editions.models import VISIBLE_STATUSES, Congress
from congress.editions.permissions import is_organiser
from congress.organisations.models import Organisation
from proposals.outcomes.recording import selectors, services
from proposals.outcomes.recording.models import Addressee, Level, Outcome, PolicyProposal
from proposals.outcomes.recording.permissions import can_consolidate, can_edit_outcome
from tracks.models import Session, Track


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


def required_version(data: dict) -> int:
    """Writes carry the version read before editing (optimistic locking)."""
    if "version" not in data:
        raise serializers.ValidationError(
            {"version": [serializers.Field.default_error_messages["required"]]}
        )
    return data.pop("version")


def congress_tracks(serializer):
    view = serializer.context.get("view")
    if view is not None and "congress_slug" in view.kwargs:
        return Track.objects.filter(congress__slug=view.kwargs["congress_slug"])
    return Track.objects.none()


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
        tracks = congress_tracks(self)
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
            version=required_version(data),
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
