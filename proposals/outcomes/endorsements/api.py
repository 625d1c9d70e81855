"""REST API of the caller's endorsements: support a validated policy proposal during the
endorsement period, or withdraw the support."""

from rest_framework import mixins, permissions, serializers, viewsets

from proposals.outcomes.endorsements import services
from proposals.outcomes.endorsements.models import Endorsement
from proposals.outcomes.recording.api import CongressMixin
from proposals.outcomes.recording.models import PolicyProposal


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
