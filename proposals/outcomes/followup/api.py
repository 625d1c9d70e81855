"""REST API of the follow-up of validated policy proposals: public read, organisers write
(multipart, PDF document)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework import mixins, parsers, serializers, viewsets

from congress.core.params import parse_id
from proposals.outcomes.followup import services
from proposals.outcomes.followup.models import FollowUp
from proposals.outcomes.recording.api import CongressMixin, ConsolidatorWrites
from proposals.outcomes.recording.models import Addressee, PolicyProposal, PolicyStatus
from proposals.outcomes.recording.permissions import can_consolidate
from proposals.outcomes.validators import validate_pdf


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
        proposal = parse_id(self.request.query_params.get("proposal", ""))
        if proposal is not None:
            qs = qs.filter(proposal_id=proposal)
        return qs.order_by("proposal_id", "date", "pk")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        if not can_consolidate(self.request.user, self.congress()):
            raise PermissionDenied
        serializer.instance = services.followup_record(by=self.request.user, **data)
