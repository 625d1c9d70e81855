"""Organisers' pages of messages (write, preview, test, send, follow), the reminder texts,
each person's choice about information messages (account page, unsubscribe link), and the mail
provider's webhook (bounces)."""

import hmac
import json
import os
from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages as flash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from congress.core.forms import submit_form
from congress.editions.models import Congress
from messaging import selectors, services
from messaging.delivery import email_from_token, render_for
from messaging.forms import MessageForm, OptOutForm, ReminderTextForm
from messaging.models import Message, MessageKind, MessageStatus, RecipientStatus, ReminderKind
from messaging.permissions import can_manage_opt_out, can_message
from messaging.placeholders import PLACEHOLDERS
from messaging.reminders import reminder_texts


def _congress(request, congress_slug) -> Congress:
    congress = get_object_or_404(Congress, slug=congress_slug)
    if not can_message(request.user, congress):
        raise PermissionDenied
    return congress


def _message(request, congress_slug, pk) -> Message:
    congress = _congress(request, congress_slug)
    return get_object_or_404(Message.objects.select_related("congress", "created_by", "sent_by"),
                             pk=pk, congress=congress)  # fmt: skip


@login_required
def message_list(request, congress_slug):
    congress = _congress(request, congress_slug)
    page = Paginator(selectors.message_list(congress), 50).get_page(request.GET.get("page"))
    return render(request, "messaging/message_list.html", {"congress": congress, "page": page})


def _form_page(request, congress, message=None):
    form = MessageForm(
        request.POST if request.method == "POST" else None, instance=message, congress=congress
    )
    if response := submit_form(
        request,
        form,
        lambda _data: services.message_save(
            congress=congress, by=request.user, message=message, **form.service_fields()
        ),
        success=None,
        then=lambda saved: redirect("message_detail", congress.slug, saved.pk),
    ):
        return response
    return render(request, "messaging/message_form.html", {
        "congress": congress, "form": form, "message": message,
        "placeholders": PLACEHOLDERS.items(),
    })  # fmt: skip


@login_required
def message_create(request, congress_slug):
    return _form_page(request, _congress(request, congress_slug))


@login_required
def message_edit(request, congress_slug, pk):
    message = _message(request, congress_slug, pk)
    if message.status != MessageStatus.DRAFT:
        return redirect("message_detail", congress_slug, pk)
    return _form_page(request, message.congress, message)


def _preview(message: Message, people: list) -> list[dict]:
    if not people:
        return []
    sample = people[0]
    versions = ["fr", "en"] if message.has_english else ["fr"]
    previews = []
    for language in versions:
        sample.language = language
        previews.append({"language": language, **render_for(message, sample)})
    return previews


@login_required
def message_detail(request, congress_slug, pk):
    message = _message(request, congress_slug, pk)
    context = {"congress": message.congress, "message": message}
    if message.status == MessageStatus.DRAFT:
        people = selectors.segment_people(
            message.congress, message.audience, message.audience_value
        )
        skipped = set()
        if message.kind == MessageKind.INFORMATION:
            skipped = selectors.opted_out([p.email for p in people])
        context.update(count=len(people), skipped=len(skipped), previews=_preview(message, people),
                       sample=people[0] if people else None)  # fmt: skip
        return render(request, "messaging/message_preview.html", context)
    status = request.GET.get("status", "")
    status = status if status in RecipientStatus.values else ""
    recipients = selectors.message_recipients(message, status)
    context.update(
        progress=selectors.message_progress(message), status=status,
        statuses=RecipientStatus.choices,
        page=Paginator(recipients, 100).get_page(request.GET.get("page")),
    )  # fmt: skip
    return render(request, "messaging/message_detail.html", context)


@login_required
@require_POST
def message_test(request, congress_slug, pk):
    message = _message(request, congress_slug, pk)
    people = selectors.segment_people(message.congress, message.audience, message.audience_value)
    services.message_send_test(
        message=message, by=request.user, sample=people[0] if people else None
    )
    flash.success(request, _("Un message de test vous a été envoyé à %(email)s.")
                  % {"email": request.user.email})  # fmt: skip
    return redirect("message_detail", message.congress.slug, message.pk)


@login_required
def message_send(request, congress_slug, pk):
    message = _message(request, congress_slug, pk)
    if message.status != MessageStatus.DRAFT:
        return redirect("message_detail", congress_slug, pk)
    if request.method == "POST":
        if services.message_send(message=message, by=request.user):
            flash.success(request, _("Envoi lancé : suivez sa progression ci-dessous."))
        return redirect("message_detail", congress_slug, pk)
    count = len(
        selectors.segment_people(message.congress, message.audience, message.audience_value)
    )
    return render(request, "messaging/message_send.html",
                  {"congress": message.congress, "message": message, "count": count})  # fmt: skip


@login_required
@require_POST
def message_retry(request, congress_slug, pk):
    message = _message(request, congress_slug, pk)
    count = services.message_retry_failed(message=message, by=request.user)
    flash.success(request, ngettext("%(n)s envoi relancé.", "%(n)s envois relancés.", count)
                  % {"n": count})  # fmt: skip
    return redirect("message_detail", congress_slug, pk)


@login_required
def reminder_settings(request, congress_slug):
    congress = _congress(request, congress_slug)
    texts = reminder_texts(congress)
    posted = request.POST.get("reminder") if request.method == "POST" else None
    if posted is not None and posted not in ReminderKind.values:
        raise Http404
    forms = []
    for kind in ReminderKind:
        bound = kind.value == posted
        form = ReminderTextForm(request.POST if bound else None, prefix=kind.value,
                                initial=texts[kind.value])  # fmt: skip
        if bound and (
            response := submit_form(
                request,
                form,
                lambda data, reminder=kind.value: services.reminder_text_save(
                    congress=congress, by=request.user, reminder=reminder, **data
                ),
                success=_("Texte du rappel enregistré."),
                then=lambda _text: redirect("reminder_settings", congress.slug),
            )
        ):
            return response
        forms.append((kind, form))
    return render(request, "messaging/reminder_settings.html", {
        "congress": congress, "forms": forms, "placeholders": PLACEHOLDERS.items(),
    })  # fmt: skip


@login_required
def messaging_preferences(request):
    if not can_manage_opt_out(request.user):
        raise PermissionDenied
    receives = not selectors.is_opted_out(request.user.email)
    form = OptOutForm(
        request.POST if request.method == "POST" else None, initial={"information": receives}
    )
    if request.method == "POST" and form.is_valid():
        services.opt_out_set(
            email=request.user.email, opted_out=not form.cleaned_data["information"]
        )
        flash.success(request, _("Votre choix est enregistré."))
        return redirect("messaging_preferences")
    return render(request, "messaging/preferences.html", {"form": form})


@csrf_exempt  # the signed token is the proof; mail clients post here (List-Unsubscribe-Post)
def messaging_unsubscribe(request, token):
    email = email_from_token(token)
    if email is None:
        raise Http404
    done = False
    if request.method == "POST":
        services.opt_out_set(email=email, opted_out=True)
        done = True
    return render(request, "messaging/unsubscribe.html", {"token": token, "done": done})


def mail_webhook_token() -> str:
    """The secret in the provider's webhook URL: MAIL_WEBHOOK_TOKEN (environment, or a setting
    of that name); empty: the webhook does not exist."""
    return getattr(settings, "MAIL_WEBHOOK_TOKEN", "") or os.environ.get("MAIL_WEBHOOK_TOKEN", "")


def _event_time(event: dict):
    try:
        return datetime.fromtimestamp(int(event["ts_event"]), tz=UTC)
    except (KeyError, TypeError, ValueError, OverflowError, OSError):
        return None


@csrf_exempt  # Brevo posts here; the secret token in the URL is the proof (compared in constant time)
def brevo_webhook(request, token):
    """Brevo's transactional webhook: one event per request (a list is read too), with `event`,
    `email`, `message-id`, `reason` and `ts_event`. A wrong token: 404, as if nothing were here.
    An e-mail this site did not send: 200 all the same, so that Brevo does not retry forever."""
    expected = mail_webhook_token()
    if not expected or not hmac.compare_digest(token.encode(), expected.encode()):
        raise Http404
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        payload = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponseBadRequest("invalid JSON")
    outcomes = []
    for event in payload if isinstance(payload, list) else [payload]:
        if not isinstance(event, dict):
            outcomes.append("ignored")
            continue
        outcomes.append(
            services.provider_event_record(
                message_id=str(event.get("message-id") or ""),
                email=str(event.get("email") or ""),
                event=str(event.get("event") or ""),
                reason=str(event.get("reason") or ""),
                at=_event_time(event),
            )
        )
    return HttpResponse(" ".join(outcomes), content_type="text/plain")
