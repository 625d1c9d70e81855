"""The organisers record one follow-up step of a validated policy proposal."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress.core.downloads import attachment_response
from proposals.outcomes.followup import services
from proposals.outcomes.followup.forms import FollowUpForm
from proposals.outcomes.followup.models import FollowUp
from proposals.outcomes.recording.models import PolicyProposal
from proposals.outcomes.recording.permissions import can_view_policy_proposal
from proposals.outcomes.recording.views import organiser_or_403
from tracks.views import visible_congress_or_404


@login_required
@require_POST
def followup_create(request, congress_slug, pk):
    congress = visible_congress_or_404(request, congress_slug)
    organiser_or_403(request, congress)
    proposal = get_object_or_404(PolicyProposal, congress=congress, pk=pk)
    form = FollowUpForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.followup_record(proposal=proposal, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("La suite donnée est enregistrée."))
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, " ".join(errors))
    return redirect("policy_staff_detail", congress.slug, pk)


def followup_document(request, congress_slug, pk):
    """The document of a follow-up, for whoever may read its proposal: as an attachment, never
    from the public media folder."""
    congress = visible_congress_or_404(request, congress_slug)
    followup = get_object_or_404(
        FollowUp.objects.select_related("proposal__congress"), pk=pk, proposal__congress=congress
    )
    if not can_view_policy_proposal(request.user, followup.proposal):
        raise Http404
    document = followup.document
    if not document or not document.storage.exists(document.name):
        raise Http404
    return attachment_response(
        document.open("rb"), filename=f"suite-{followup.pk}.pdf", content_type="application/pdf"
    )
