"""The permission matrix: every page and every API endpoint × every role, allowed or denied;
and no object reachable by guessing its id.

Every named URL pattern must have a decision here (a test fails listing the patterns that
have none), and every URL that names an object must also be tried with the id of an object
of another organisation, another track or another edition.

Expected outcomes, per role:
  "200", "204", "400", "403", "404", "405"  that exact status
  "302"    a redirect (not to the login page)
  "login"  a redirect to the login page (anonymous visitors of members-only pages)
  "deny"   403 or 404 (API: also 401)
  "done"   the action was allowed: 2xx or a redirect not to the login page
  "noop"   a redirect (not to the login page) that changed nothing (actions on one's own data)
A request whose expectation is a refusal, or a 400, must change nothing in the database and
send no e-mail. An allowed write must show it happened: it changes the tables WRITE_EFFECTS names
for it (with the body WRITE_DATA gives it) and sends the e-mails MAIL_EFFECTS names, unless
NO_DB_EFFECT says why it truly changes nothing.
"""

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlparse

import pytest
from django.apps import apps
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from congress.registrations import tickets as registration_tickets

ROLES = (
    "anonymous",
    "participant",
    "member_a",
    "manager_a",
    "member_b",
    "manager_b",
    "reviewer_1",
    "reviewer_2",
    "moderator_1",
    "moderator_2",
    "organiser",
    "organiser_other",
)
LOGGED_IN = ROLES[1:]
REFUSALS = {"login", "deny", "401", "403", "404", "405"}

# Patterns outside the matrix: Django's admin (its own permission system), language switch,
# media files, and the API schema/docs (public, generated).
SKIPPED_ROUTE_PREFIXES = ("admin/", "i18n/", "^media/", "media/", "static/")
SKIPPED_NAMES = {"schema", "api_docs"}


# --- building the table ---------------------------------------------------------------------


def expect(default: str = "deny", *, anonymous: str = "login", **roles: str) -> dict[str, str]:
    unknown = set(roles) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    table = {role: default for role in LOGGED_IN}
    table["anonymous"] = anonymous
    table.update(roles)
    return table


def allow(*roles: str, ok: str = "200", default: str = "deny", anonymous: str = "login"):
    return expect(default, anonymous=anonymous, **dict.fromkeys(roles, ok))


PUBLIC = expect("200", anonymous="200")
LOGIN = expect("200")
ORGANISER = allow("organiser", default="403")
API_PUBLIC = PUBLIC
API_LOGIN = expect("200", anonymous="deny")


def kw(**spec: str) -> Callable:
    """URL kwargs from the world: "order_a.pk" (an object's attribute), "participant.pk" (a
    user's), "calendar_token" (a world value) or "=literal"."""

    def build(w) -> dict:
        out = {}
        for key, path in spec.items():
            if path.startswith("="):
                out[key] = path[1:]
            elif "." in path:
                name, attr = path.split(".")
                obj = w.users[name] if name in w.users else w.objects[name]
                out[key] = getattr(obj, attr)
            else:
                out[key] = w.objects[path]
        return out

    return build


NO_KWARGS = kw()
EDITION = kw(congress_slug="edition.slug")
EDITION_SLUG = kw(slug="edition.slug")


@dataclass(frozen=True)
class Case:
    name: str
    expected: dict = field(default_factory=dict)
    kwargs: Callable = NO_KWARGS
    method: str = "get"
    label: str = ""

    @property
    def api(self) -> bool:
        return "-" in self.name  # DRF route names (congress-list), pages use underscores

    @property
    def title(self) -> str:
        suffix = f" [{self.label}]" if self.label else ""
        return f"{self.method.upper()} {self.name}{suffix}"


def page(name, expected, kwargs=NO_KWARGS, method="get", label=""):
    return Case(name, expected, kwargs, method, label)


def ed(**spec):
    return kw(congress_slug="edition.slug", **spec)


PAGES = [
    # --- public ---------------------------------------------------------------------------
    page("home", PUBLIC),
    page("healthz", PUBLIC),
    page("congress_list", PUBLIC),
    page("congress_detail", PUBLIC, EDITION_SLUG),
    page("congress_theme_css", PUBLIC, EDITION_SLUG),
    page("track_detail", PUBLIC, ed(slug="track_1.slug")),
    page("track_ical", PUBLIC, ed(slug="track_1.slug")),
    page("programme", PUBLIC, EDITION),
    page("programme_ical", PUBLIC, EDITION),
    page("session_detail", PUBLIC, ed(pk="workshop_1.pk")),
    page("session_ical", PUBLIC, ed(pk="workshop_1.pk")),
    page("my_programme_ical", PUBLIC, ed(user_pk="participant.pk", token="calendar_token")),
    page("organisation_list", PUBLIC),
    page("legal", PUBLIC, kw(page="=mentions-legales")),
    page("stripe_webhook", expect("400", anonymous="400"), method="post"),
    # The mail provider's webhook: the secret token in the URL is the proof, no session.
    page("brevo_webhook", expect("404", anonymous="404"), kw(token="=forged-token"), "post", "forged token"),
    page("brevo_webhook", expect("400", anonymous="400"), kw(token="=mail-webhook-token-matrix"), "post", "real token, no event"),
    # --- accounts -------------------------------------------------------------------------
    page("login", expect("302", anonymous="200")),
    page("logout", expect("302", anonymous="302"), method="post"),
    page("sign_up", expect("302", anonymous="200")),
    page("confirm_email", expect("400", anonymous="400"), kw(token="=not-a-token")),
    page("resend_confirmation", expect("302"), method="post"),
    page("password_reset", PUBLIC),
    page("password_reset_done", PUBLIC),
    page("password_reset_confirm", PUBLIC, kw(uidb64="=MQ", token="=not-a-token")),
    page("password_reset_complete", PUBLIC),
    page("password_change", LOGIN),
    page("password_change_done", LOGIN),
    page("account_data_export", LOGIN),
    page("account_delete", LOGIN),
    page("account", LOGIN),
    # --- organisations (A is not in the public directory) ---------------------------------
    page("organisation_create", LOGIN),
    page("organisation_detail", allow("member_a", "manager_a", anonymous="404"), kw(slug="org_a.slug")),
    page("organisation_edit", allow("manager_a", default="403"), kw(slug="org_a.slug")),
    page("organisation_invite", allow("manager_a", ok="400", default="403"), kw(slug="org_a.slug"), "post"),
    page("invitation_revoke", allow("manager_a", ok="302", default="403"), kw(slug="org_a.slug", pk="invitation_a.pk"), "post"),
    # The manager removes member A; member A may leave (removing themself); nobody else.
    page("membership_remove", allow("manager_a", "member_a", ok="302", default="403"), kw(slug="org_a.slug", pk="membership_member_a.pk"), "post"),
    # Only the organisation's managers change roles (a member cannot promote themself).
    page("membership_set_role", allow("manager_a", ok="302", default="403"), kw(slug="org_a.slug", pk="membership_member_a.pk"), "post"),
    page("invitation_accept", PUBLIC, kw(token="invitation_token_a")),
    # Only the invitation's addressee (none of the roles) may accept it.
    page("invitation_accept", expect("403", anonymous="200"), kw(token="invitation_token_a"), "post"),
    # --- programme and workshop sign-up ---------------------------------------------------
    page("my_programme", LOGIN, EDITION),
    page("signup_create", allow("participant", ok="302", default="403"), ed(pk="workshop_3.pk"), "post"),
    page("signup_cancel", allow("participant", ok="302", default="404"), ed(pk="workshop_1.pk"), "post"),
    page("session_attendees", allow("organiser", "moderator_1", default="403"), ed(pk="workshop_1.pk")),
    page("session_sign_in_sheet", allow("organiser", "moderator_1", default="403"), ed(pk="workshop_1.pk")),
    page("track_roles", ORGANISER, EDITION),
    page("staff_sessions", ORGANISER, EDITION),
    page("staff_session_grid", ORGANISER, EDITION),
    page("session_create", ORGANISER, EDITION),
    page("session_edit", ORGANISER, ed(pk="workshop_1.pk")),
    page("session_delete", allow("organiser", ok="302", default="403"), ed(pk="workshop_3.pk"), "post"),
    # --- feedback: surveys after the workshops and the congress (issue 13) ------------------
    # Workshop 1 has not ended and the edition is ahead: the survey pages say when they open,
    # an answer is refused (400).
    page("survey_edition", allow("participant", default="403"), EDITION),
    page("survey_edition", allow("participant", ok="400", default="403"), EDITION, "post"),
    page("survey_session", allow("participant", default="403"), ed(pk="workshop_1.pk")),
    page("survey_session", allow("participant", ok="400", default="403"), ed(pk="workshop_1.pk"), "post"),
    page("session_feedback_results", allow("organiser", "moderator_1", default="403"), ed(pk="workshop_1.pk")),
    page("staff_feedback", ORGANISER, EDITION),
    page("staff_survey_questions", ORGANISER, EDITION),
    page("staff_survey_questions", allow("organiser", ok="400", default="403"), EDITION, "post"),
    page("staff_survey_question_action", allow("organiser", ok="302", default="403"), ed(pk="survey_question.pk"), "post"),
    # --- registration, orders, invoices, waitlist -----------------------------------------
    page("registration_start", LOGIN, EDITION_SLUG),
    # The quote of the order under review: without a valid order, back to the form.
    page("registration_quote", expect("302"), EDITION_SLUG, "post"),
    page("order_detail", allow("manager_a", "organiser", default="404"), kw(slug="edition.slug", pk="order_a.pk")),
    page("order_pay", allow("manager_a", "organiser", ok="302", default="404"), kw(slug="edition.slug", pk="order_a.pk"), "post"),
    page("order_cancel", allow("manager_a", "organiser", ok="302", default="404"), kw(slug="edition.slug", pk="order_a.pk"), "post"),
    page("invoice_download", allow("manager_a", "organiser", default="404"), kw(slug="edition.slug", pk="order_a.pk", invoice_pk="invoice_a.pk")),
    page("waitlist_join", expect("302"), EDITION_SLUG, "post"),
    page("waitlist_join", expect("done"), kw(slug="full_edition.slug"), "post", "full"),
    page("waitlist_leave", allow("member_a", "organiser", ok="302", default="403"), kw(slug="edition.slug", pk="waitlist_entry.pk"), "post"),
    page("registration_board", ORGANISER, EDITION_SLUG),
    page("board_record_payment", allow("organiser", ok="302", default="403"), kw(slug="edition.slug", pk="order_a.pk"), "post"),
    # The order's manager may have the confirmation sent again, like the organisers.
    page("board_resend", allow("organiser", "manager_a", ok="302", default="403"), kw(slug="edition.slug", pk="registration_a.pk"), "post"),
    # --- issue 15: kinds of edition, public programmes, evenings ------------------------------
    page("edition_features", ORGANISER, EDITION_SLUG),
    page("edition_features", allow("organiser", ok="done", default="403"), EDITION_SLUG, "post"),
    page("activity_programme", PUBLIC, kw(congress_slug="week.slug")),
    page("activity_programme", expect("404", anonymous="404"), EDITION, label="feature off"),
    page("activity_register", PUBLIC, kw(congress_slug="week.slug", pk="activity.pk")),
    page("activity_register", expect("done", anonymous="done"), kw(congress_slug="week.slug", pk="activity.pk"), "post"),
    page("activity_register", expect("404", anonymous="404"), ed(pk="workshop_1.pk"), label="feature off"),
    page("evening_register", PUBLIC, kw(congress_slug="evening.slug")),
    page("evening_register", expect("done", anonymous="done"), kw(congress_slug="evening.slug"), "post"),
    page("evening_register", expect("404", anonymous="404"), kw(congress_slug="week.slug"), label="not an evening"),
    page("activity_registration_detail", PUBLIC, kw(congress_slug="week.slug", token="public_token")),
    page("activity_registration_detail", expect("404", anonymous="404"), kw(congress_slug="week.slug", token="=forged"), label="forged token"),
    page("activity_registration_cancel", expect("302", anonymous="302"), kw(congress_slug="week.slug", token="public_token"), "post"),
    page("my_activities", PUBLIC, kw(congress_slug="week.slug")),
    page("my_activities", expect("done", anonymous="done"), kw(congress_slug="week.slug"), "post"),
    page("my_activities", expect("404", anonymous="404"), EDITION, label="feature off"),
    page("my_activities_list", PUBLIC, kw(congress_slug="week.slug", token="person_token")),
    page("my_activities_list", expect("404", anonymous="404"), kw(congress_slug="week.slug", token="=forged"), label="forged token"),
    page("programme_alert", PUBLIC, kw(slug="announced.slug")),
    page("programme_alert", expect("done", anonymous="done"), kw(slug="announced.slug"), "post"),
    page("programme_alert_confirm", PUBLIC, kw(slug="announced.slug", token="alert_token")),
    page("programme_alert_confirm", expect("done", anonymous="done"), kw(slug="announced.slug", token="alert_token"), "post"),
    page("programme_alert_confirm", expect("404", anonymous="404"), kw(slug="announced.slug", token="=forged"), label="forged token"),
    page("programme_alert_erase", expect("302", anonymous="302"), kw(slug="announced.slug", token="alert_token"), "post"),
    page("programme_alert_erase", expect("404", anonymous="404"), kw(slug="announced.slug", token="=forged"), "post", "forged token"),
    page("staff_venues", ORGANISER, kw(congress_slug="week.slug")),
    page("staff_venues", allow("organiser", ok="done", default="403"), kw(congress_slug="week.slug"), "post"),
    page("staff_venues", expect("404", anonymous="404"), EDITION, label="feature off"),
    page("staff_venue_edit", ORGANISER, kw(congress_slug="week.slug", pk="week_venue.pk")),
    page("staff_activities", ORGANISER, kw(congress_slug="week.slug")),
    page("partner_activity_proposals", allow("manager_a", default="403"), kw(congress_slug="week.slug")),
    page("partner_activity_proposals", allow("manager_a", ok="done", default="403"), kw(congress_slug="week.slug"), "post"),
    page("partner_activity_proposals", expect("404", anonymous="404"), EDITION, label="feature off"),
    page("partner_activity_proposal", allow("manager_a", "organiser", default="403"), kw(congress_slug="week.slug", pk="activity_proposal.pk")),
    page("partner_activity_proposal", allow("manager_a", ok="done", default="403"), kw(congress_slug="week.slug", pk="activity_proposal.pk"), "post"),
    page("staff_activity_proposals", ORGANISER, kw(congress_slug="week.slug")),
    page("staff_activity_proposal", ORGANISER, kw(congress_slug="week.slug", pk="activity_proposal.pk")),
    page("staff_activity_proposal", allow("organiser", ok="done", default="403"), kw(congress_slug="week.slug", pk="activity_proposal.pk"), "post"),
    page("staff_activities", allow("organiser", ok="done", default="403"), kw(congress_slug="week.slug"), "post"),
    page("staff_activity_edit", ORGANISER, kw(congress_slug="week.slug", pk="activity.pk")),
    page("staff_venue_delete", allow("organiser", ok="done", default="403"), kw(congress_slug="week.slug", pk="empty_venue.pk"), "post"),
    page("staff_activity_delete", allow("organiser", ok="done", default="403"), kw(congress_slug="week.slug", pk="spare_activity.pk"), "post"),
    page("staff_activity_cancel", allow("organiser", ok="done", default="403"), kw(congress_slug="week.slug", pk="activity.pk"), "post"),
    page("stand_list", PUBLIC, kw(congress_slug="evening.slug")),
    page("stand_list", expect("404", anonymous="404"), EDITION, label="feature off"),
    page("stand_plan", PUBLIC, kw(congress_slug="evening.slug")),
    page("stand_plan", expect("404", anonymous="404"), EDITION, label="feature off"),
    page("stand_guide", PUBLIC, kw(congress_slug="evening.slug")),
    page("stand_guide_pdf", PUBLIC, kw(congress_slug="evening.slug")),
    page("stand_guide_pdf", expect("404", anonymous="404"), EDITION, label="feature off"),
    page("stand_apply", LOGIN, kw(congress_slug="evening.slug")),
    page("stand_apply", expect("done"), kw(congress_slug="evening.slug"), "post"),
    page("stand_apply", expect("404", anonymous="404"), EDITION, label="feature off"),
    page("stand_board", allow("organiser", default="403"), kw(congress_slug="evening.slug")),
    page("stand_board", allow("organiser", ok="done", default="403"), kw(congress_slug="evening.slug"), "post"),
    page("stand_board", expect("404", anonymous="404"), EDITION, label="feature off"),
    page("stand_decide", allow("organiser", ok="done", default="403"), kw(congress_slug="evening.slug", pk="stand_application.pk"), "post"),
    page("stand_plan_upload", allow("organiser", ok="done", default="403"), kw(congress_slug="evening.slug"), "post"),
    page("stand_plan_image", expect("404", anonymous="404"), kw(congress_slug="evening.slug"), label="no plan uploaded"),
    page("exhibitor_badges", ORGANISER, kw(congress_slug="evening.slug")),
    page("exhibitor_badges", expect("404", anonymous="404"), EDITION, label="feature off"),
    # speakers and press (issue 15)
    page("speaker_list", PUBLIC, EDITION),
    page("speaker_photo", expect("404", anonymous="404"), ed(pk="speaker.pk"), label="no photo"),
    page("speaker_edit", allow("member_a", default="403"), ed(pk="speaker.pk")),
    page("speaker_edit", allow("member_a", ok="done", default="403"), ed(pk="speaker.pk"), "post"),
    page("staff_speakers", ORGANISER, EDITION),
    page("staff_speakers", allow("organiser", ok="done", default="403"), EDITION, "post"),
    page("staff_speakers_import", allow("organiser", ok="done", default="403"), EDITION, "post"),
    page("staff_speaker_edit", ORGANISER, ed(pk="speaker.pk")),
    page("staff_speaker_edit", allow("organiser", ok="done", default="403"), ed(pk="speaker.pk"), "post"),
    page("staff_speaker_email", allow("organiser", ok="done", default="403"), ed(pk="speaker_pending.pk"), "post"),
    page("staff_speaker_confirm", allow("organiser", ok="done", default="403"), ed(pk="speaker_pending.pk"), "post"),
    page("press_request", PUBLIC, EDITION),
    # No account needed (each role's write is undone before the next; a second request with
    # the same card is refused: tests/tracks/press).
    page("press_request", expect("done", anonymous="done"), EDITION, "post"),
    page("press_request_detail", PUBLIC, ed(token="press_token")),
    page("press_request_detail", expect("404", anonymous="404"), ed(token="=forged"), label="forged token"),
    page("staff_press", ORGANISER, EDITION),
    page("staff_press_decide", allow("organiser", ok="done", default="403"), ed(pk="press.pk"), "post"),
    page("staff_press_export", ORGANISER, EDITION),
    page("press_badges", ORGANISER, EDITION),
    page("stand_withdraw", allow("manager_a", ok="done", default="403"), kw(congress_slug="evening.slug", pk="stand_application.pk"), "post"),
    page("billing_settings", ORGANISER, EDITION_SLUG),
    page("billing_settings", allow("organiser", ok="done", default="403"), EDITION_SLUG, "post"),
    page("transfer_reconciliation", ORGANISER, EDITION_SLUG),
    page("transfer_reconciliation", allow("organiser", ok="400", default="403"), EDITION_SLUG, "post"),
    page("transfer_reconciliation_confirm", allow("organiser", ok="302", default="403"), EDITION_SLUG, "post"),
    page("staff_home", allow("organiser", "organiser_other", default="403")),
    # Organisations left without manager: organisers of any edition invite a new manager.
    page("orphaned_organisations", allow("organiser", "organiser_other", default="403")),
    page("orphaned_organisation_invite", allow("organiser", "organiser_other", ok="302", default="403"), kw(slug="org_orphaned.slug"), "post"),
    page("staff_audit_log", ORGANISER, EDITION_SLUG),
    # --- workshop proposals and reviews (A's proposals are in track 1) --------------------
    page("proposal_list", LOGIN, EDITION),
    page("proposal_create", LOGIN, EDITION),
    page("proposal_detail", allow("member_a", "manager_a", "organiser", default="404"), ed(pk="proposal_draft_a.pk"), label="draft"),
    page("proposal_detail", allow("member_a", "manager_a", "organiser", "reviewer_1", default="404"), ed(pk="proposal_submitted_a.pk"), label="submitted"),
    page("proposal_edit", expect("404", member_a="200", manager_a="200", organiser="403"), ed(pk="proposal_draft_a.pk")),
    page("proposal_submit", expect("404", member_a="302", manager_a="302", organiser="403"), ed(pk="proposal_draft_a.pk"), "post"),
    page("proposal_withdraw", expect("404", member_a="302", manager_a="302", organiser="403", reviewer_1="403"), ed(pk="proposal_submitted_a.pk"), "post"),
    page("review_list", LOGIN, EDITION),
    # Members of A see their proposal but never review it (conflict of interest).
    page("review_edit", expect("404", reviewer_1="200", organiser="403", member_a="403", manager_a="403"), ed(pk="proposal_submitted_a.pk")),
    page("call_settings", ORGANISER, EDITION),
    page("ranking", ORGANISER, EDITION),
    page("schedule_list", ORGANISER, EDITION),
    page("proposal_schedule", ORGANISER, ed(pk="proposal_accepted_a.pk")),
    page("schedule_grid", ORGANISER, EDITION),
    page("schedule_grid_place", allow("organiser", ok="302", default="403"), ed(pk="proposal_accepted_a.pk"), "post"),
]  # fmt: skip


# Outcome pages take the workshop (session) id; policy proposal 1s are in track 1.
OUTCOME_PAGES = [
    page("outcome_workshop_list", allow("organiser", "moderator_1", "moderator_2", default="403"), EDITION),
    page("outcome_edit", allow("organiser", "moderator_1", default="403"), ed(pk="workshop_1.pk")),
    # Submitted: read-only for its moderators (the page again), a form for organisers.
    page("outcome_edit", expect("403", organiser="400", moderator_1="200"), ed(pk="workshop_1.pk"), "post"),
    # Autosave (JSON): the submitted outcome is locked for its moderators; an empty body is
    # answered saved=false (200).
    page("outcome_draft", expect("403", organiser="200"), ed(pk="workshop_1.pk"), "post"),
    page("outcome_draft", expect("405", anonymous="login"), ed(pk="workshop_1.pk")),
    # The confirmation before transmitting: outcome 1 is already submitted, back to the form.
    page("outcome_submit", allow("organiser", "moderator_1", ok="302", default="403"), ed(pk="workshop_1.pk")),
    page("outcome_submit", allow("organiser", "moderator_1", ok="noop", default="403"), ed(pk="workshop_1.pk"), "post"),
    page("outcome_reopen", allow("organiser", ok="302", default="403"), ed(pk="workshop_1.pk"), "post"),
    page("outcome_history", ORGANISER, ed(pk="workshop_1.pk")),
    page("outcome_restore", allow("organiser", ok="302", default="403"), ed(pk="workshop_1.pk", revision_pk="outcome_1_revision.pk"), "post"),
    page("public_policy_list", PUBLIC, EDITION),
    page("public_policy_detail", PUBLIC, ed(pk="policy_validated_1.pk"), label="validated"),
    page("public_policy_detail", allow("organiser", "moderator_1", default="404", anonymous="404"), ed(pk="policy_submitted_1.pk"), label="submitted"),
    page("endorse", allow("participant", ok="302", default="403"), ed(pk="policy_validated_2.pk"), "post"),
    # Withdraws one's own endorsement only: nothing to withdraw for the others.
    page("endorsement_withdraw", expect("noop", participant="302"), ed(pk="policy_validated_1.pk"), "post"),
    page("policy_board", ORGANISER, EDITION),
    page("policy_merge", allow("organiser", ok="302", default="403"), EDITION),  # no ids: back to the board
    page("policy_merge", allow("organiser", ok="302", default="403"), EDITION, "post"),
    page("policy_staff_detail", ORGANISER, ed(pk="policy_submitted_1.pk")),
    page("policy_validate", allow("organiser", ok="302", default="403"), ed(pk="policy_submitted_1.pk"), "post"),
    page("policy_set_aside", allow("organiser", ok="302", default="403"), ed(pk="policy_submitted_1.pk"), "post"),
    page("policy_split", ORGANISER, ed(pk="policy_submitted_1.pk")),
    page("policy_restore", allow("organiser", ok="302", default="403"), ed(pk="policy_submitted_1.pk", revision_pk="policy_submitted_1_revision.pk"), "post"),
    page("followup_create", allow("organiser", ok="302", default="403"), ed(pk="policy_validated_1.pk"), "post"),
    page("followup_document", PUBLIC, ed(pk="followup.pk")),
    page("transversality", ORGANISER, EDITION),
    page("endorsement_period", ORGANISER, EDITION),
]  # fmt: skip


# The final report, its dashboard and the data exports: the edition's organisers only.
REPORT_PAGES = [
    page("report_dashboard", ORGANISER, EDITION),
    page("staff_board", ORGANISER, EDITION),
    page("report_page", ORGANISER, EDITION),
    page("report_page", allow("organiser", ok="done", default="403"), EDITION, "post"),
    page("report_generate", allow("organiser", ok="302", default="403"), EDITION, "post"),
    page("report_progress", ORGANISER, ed(pk="report.pk")),
    page("report_download", ORGANISER, ed(pk="report.pk")),
    page("report_publish", allow("organiser", ok="302", default="403"), ed(pk="report.pk"), "post"),
    # Nothing is published in the world: the organiser's request is refused politely.
    page("report_unpublish", allow("organiser", ok="noop", default="403"), EDITION, "post"),
    # Public, but only the published version: none in the world (served: tests/reports).
    page("report_public_download", expect("404", anonymous="404"), EDITION),
    page("export_list", ORGANISER, EDITION),
    page("export_csv", ORGANISER, ed(table="=registrations")),
    page("export_xlsx", ORGANISER, ed(table="=registrations")),
]


def _sign(edition: str, workshop: str) -> Callable:
    """The door sign of a workshop's room on its day."""

    def build(w) -> dict:
        session = w.objects[workshop]
        return {
            "congress_slug": w.objects[edition].slug,
            "room_pk": session.room_id,
            "day": timezone.localtime(session.starts_at).date().isoformat(),
        }

    return build


# Printed matter: badges, door signs and the letter's text for organisers; the printed
# programme, the share page and the letter for everyone once the edition is published.
PRINTED_PAGES = [
    page("badge_list", ORGANISER, EDITION),
    page("badge_print", allow("organiser", ok="done", default="403"), EDITION, "post"),
    page("badge_guest_add", allow("organiser", ok="done", default="403"), EDITION, "post"),
    page(
        "badge_guest_remove",
        allow("organiser", ok="302", default="403"),
        ed(pk="badge_guest.pk"),
        "post",
    ),
    page("sign_list", ORGANISER, EDITION),
    page("sign_pdf", ORGANISER, _sign("edition", "workshop_1")),
    page("sign_zip", ORGANISER, EDITION),
    page("invitation_edit", ORGANISER, EDITION),
    page("invitation_edit", allow("organiser", ok="done", default="403"), EDITION, "post"),
    page("programme_booklet", PUBLIC, EDITION),
    page("programme_large_print", PUBLIC, EDITION),
    page("share_page", PUBLIC, EDITION),
    page("invitation_letter_pdf", PUBLIC, EDITION),
]
# Messages to participants: the edition's organisers only; each person's own choice; the
# signed unsubscribe link is public.
ORGANISER_DONE = allow("organiser", ok="done", default="403")
MESSAGE_PAGES = [
    page("message_list", ORGANISER, EDITION),
    page("message_create", ORGANISER, EDITION),
    page("message_create", ORGANISER_DONE, EDITION, "post"),
    page("reminder_settings", ORGANISER, EDITION),
    page("reminder_settings", ORGANISER_DONE, EDITION, "post"),
    page("message_detail", ORGANISER, ed(pk="message.pk")),
    page("message_detail", ORGANISER, ed(pk="message_sent.pk"), label="sent"),
    page("message_edit", ORGANISER, ed(pk="message.pk")),
    page("message_edit", ORGANISER_DONE, ed(pk="message.pk"), "post"),
    page("message_test", allow("organiser", ok="302", default="403"), ed(pk="message.pk"), "post"),
    page("message_send", ORGANISER, ed(pk="message.pk")),
    page("message_send", ORGANISER_DONE, ed(pk="message.pk"), "post"),
    page("message_retry", ORGANISER_DONE, ed(pk="message_sent.pk"), "post"),
    page("messaging_preferences", LOGIN),
    page("messaging_preferences", expect("done"), method="post"),
    page("messaging_unsubscribe", PUBLIC, kw(token="unsubscribe_token")),
    page("messaging_unsubscribe", expect("404", anonymous="404"), kw(token="=forged-token"), "post", "forged"),
    page("messaging_unsubscribe", expect("done", anonymous="done"), kw(token="unsubscribe_token"), "post"),
]  # fmt: skip


def api(name, expected, kwargs=NO_KWARGS, method="get", label=""):
    return Case(name, expected, kwargs, method, label or (method if method != "get" else ""))


ORG_A = kw(organisation_slug="org_a.slug")
READ_ONLY = expect("405", anonymous="deny")  # writes on a read-only endpoint

API = [
    api("api-root", API_PUBLIC),
    api("congress-list", API_PUBLIC),
    api("congress-list", READ_ONLY, method="post"),
    api("congress-detail", API_PUBLIC, EDITION_SLUG),
    api("congress-detail", READ_ONLY, EDITION_SLUG, "delete"),
    api("organisation-list", API_PUBLIC),
    api("organisation-list", expect("400", anonymous="deny"), method="post"),
    api("organisation-list", expect("done", anonymous="deny"), method="post", label="valid body"),
    api("organisation-detail", allow("member_a", "manager_a", default="404", anonymous="404"), kw(slug="org_a.slug")),
    api("organisation-detail", expect("404", anonymous="deny", member_a="403", manager_a="200"), kw(slug="org_a.slug"), "patch"),
    api("organisation-detail", READ_ONLY, kw(slug="org_a.slug"), "delete"),
    api("organisation-member-list", allow("member_a", "manager_a", default="404", anonymous="deny"), ORG_A),
    api("organisation-member-list", READ_ONLY, ORG_A, "post"),
    api("organisation-member-detail", allow("member_a", "manager_a", default="404", anonymous="deny"), kw(organisation_slug="org_a.slug", pk="membership_member_a.pk")),
    api("organisation-member-detail", READ_ONLY, kw(organisation_slug="org_a.slug", pk="membership_member_a.pk"), "delete"),
    api("venue-list", API_PUBLIC, EDITION),
    api("venue-detail", API_PUBLIC, ed(pk="venue.pk")),
    api("venue-detail", READ_ONLY, ed(pk="venue.pk"), "delete"),
    api("track-list", API_PUBLIC, EDITION),
    api("track-detail", API_PUBLIC, ed(slug="track_1.slug")),
    api("track-detail", READ_ONLY, ed(slug="track_1.slug"), "patch"),
    api("session-type-list", API_PUBLIC, EDITION),
    api("session-type-detail", API_PUBLIC, ed(slug="workshop_type.slug")),
    api("session-type-detail", READ_ONLY, ed(slug="workshop_type.slug"), "delete"),
    api("tariff-list", API_PUBLIC, EDITION),
    api("tariff-list", expect("405", anonymous="405"), EDITION, "post"),  # AllowAny, read-only
    api("tariff-detail", API_PUBLIC, ed(pk="tariff.pk")),
    api("order-list", API_LOGIN, EDITION),
    api("order-list", expect("400", anonymous="deny"), EDITION, "post"),
    # One new delegate for organisation A: its manager, or an organiser of the edition.
    api("order-list", allow("manager_a", "organiser", ok="done", default="403", anonymous="deny"), EDITION, "post", "valid body"),
    api("order-detail", allow("manager_a", "organiser", default="404", anonymous="deny"), ed(pk="order_a.pk")),
    api("order-detail", READ_ONLY, ed(pk="order_a.pk"), "delete"),
    api("order-cancel", allow("manager_a", "organiser", default="404", anonymous="deny"), ed(pk="order_a.pk"), "post"),
    api("session-list", API_PUBLIC, EDITION),
    api("session-list", READ_ONLY, EDITION, "post"),
    api("session-detail", API_PUBLIC, ed(pk="workshop_1.pk")),
    api("workshop-signup-list", API_LOGIN, EDITION),
    api("workshop-signup-list", expect("400", anonymous="deny"), EDITION, "post"),
    api("workshop-signup-list", allow("participant", ok="done", default="deny", anonymous="deny"), EDITION, "post", "valid body"),
    api("workshop-signup-detail", READ_ONLY, ed(pk="signup.pk")),
    api("workshop-signup-detail", allow("participant", ok="204", default="404", anonymous="deny"), ed(pk="signup.pk"), "delete"),
    api("proposal-list", API_LOGIN, EDITION),
    api("proposal-list", expect("400", anonymous="deny"), EDITION, "post"),
    api("proposal-list", allow("member_a", "manager_a", ok="done", default="403", anonymous="deny"), EDITION, "post", "valid body"),
    api("proposal-detail", allow("member_a", "manager_a", default="404", anonymous="deny"), ed(pk="proposal_draft_a.pk")),
    api("proposal-detail", allow("member_a", "manager_a", ok="done", default="404", anonymous="deny"), ed(pk="proposal_draft_a.pk"), "patch"),
    api("proposal-detail", READ_ONLY, ed(pk="proposal_draft_a.pk"), "delete"),
    api("proposal-submit", allow("member_a", "manager_a", ok="done", default="404", anonymous="deny"), ed(pk="proposal_draft_a.pk"), "post"),
    api("proposal-withdraw", allow("member_a", "manager_a", ok="done", default="404", anonymous="deny"), ed(pk="proposal_submitted_a.pk"), "post"),
    api("review-list", API_LOGIN, EDITION),
    api("review-list", expect("400", anonymous="deny"), EDITION, "post"),
    # New scores for A's submitted proposal (track 1): its reviewer replaces their review.
    api("review-list", allow("reviewer_1", ok="done", default="403", anonymous="deny"), EDITION, "post", "valid body"),
    api("review-detail", allow("reviewer_1", default="404", anonymous="deny"), ed(pk="review_1.pk")),
    api("review-detail", READ_ONLY, ed(pk="review_1.pk"), "delete"),
]  # fmt: skip

CONSOLIDATE = allow("organiser", ok="done", default="deny", anonymous="deny")

OUTCOME_API = [
    api("outcome-list", API_LOGIN, EDITION),
    api("outcome-list", allow("organiser", "moderator_1", "moderator_2", ok="400", default="deny", anonymous="deny"), EDITION, "post"),
    # Workshop 3 (track 1) has no outcome yet: recorded by track 1's moderator or an organiser.
    api("outcome-list", allow("organiser", "moderator_1", ok="done", default="deny", anonymous="deny"), EDITION, "post", "valid body"),
    api("outcome-detail", allow("organiser", "moderator_1", default="404", anonymous="deny"), ed(pk="outcome_1.pk")),
    # Submitted: its moderators may no longer change it; organisers may.
    api("outcome-detail", allow("organiser", ok="done", default="deny", anonymous="deny"), ed(pk="outcome_1.pk"), "patch"),
    api("outcome-reopen", allow("organiser", default="deny", anonymous="deny"), ed(pk="outcome_1.pk"), "post"),
    api("policy-proposal-list", API_PUBLIC, EDITION),
    api("policy-proposal-detail", API_PUBLIC, ed(pk="policy_validated_1.pk"), label="validated"),
    api("policy-proposal-detail", allow("organiser", "moderator_1", default="404", anonymous="404"), ed(pk="policy_submitted_1.pk"), label="submitted"),
    api("policy-proposal-detail", CONSOLIDATE, ed(pk="policy_submitted_1.pk"), "patch"),
    api("policy-proposal-validate", CONSOLIDATE, ed(pk="policy_submitted_1.pk"), "post"),
    api("policy-proposal-set-aside", CONSOLIDATE, ed(pk="policy_submitted_1.pk"), "post"),
    api("policy-proposal-split", CONSOLIDATE, ed(pk="policy_submitted_1.pk"), "post"),
    api("policy-proposal-merge", CONSOLIDATE, EDITION, "post"),
    api("endorsement-list", API_LOGIN, EDITION),
    api("endorsement-list", expect("400", anonymous="deny"), EDITION, "post"),
    api("endorsement-list", allow("participant", ok="done", default="deny", anonymous="deny"), EDITION, "post", "valid body"),
    api("endorsement-detail", READ_ONLY, ed(pk="endorsement.pk")),
    api("endorsement-detail", allow("participant", ok="204", default="404", anonymous="deny"), ed(pk="endorsement.pk"), "delete"),
    api("follow-up-list", API_PUBLIC, EDITION),
    api("follow-up-list", CONSOLIDATE, EDITION, "post"),
    # issue 15: a switched-off feature's API answers 404 as its pages do (the week has none)
    api("tariff-list", expect("404", anonymous="404"), kw(congress_slug="week.slug"), label="feature off"),
    api("order-list", expect("404", anonymous="404"), kw(congress_slug="week.slug"), label="feature off"),
    api("proposal-list", expect("404", anonymous="404"), kw(congress_slug="week.slug"), label="feature off"),
    api("proposal-list", expect("404", anonymous="404"), kw(congress_slug="week.slug"), "post", "feature off"),
    api("review-list", expect("404", anonymous="404"), kw(congress_slug="week.slug"), label="feature off"),
    api("outcome-list", expect("404", anonymous="404"), kw(congress_slug="week.slug"), label="feature off"),
    api("policy-proposal-list", expect("404", anonymous="404"), kw(congress_slug="week.slug"), label="feature off"),
    api("endorsement-list", expect("404", anonymous="404"), kw(congress_slug="week.slug"), label="feature off"),
    api("follow-up-list", expect("404", anonymous="404"), kw(congress_slug="week.slug"), label="feature off"),
]  # fmt: skip

REPORT_API = [
    api("api-export-list", allow("organiser", default="403", anonymous="deny"), EDITION),
    api("api-export-table", allow("organiser", default="403", anonymous="deny"), ed(table="=registrations")),
    # The organiser check comes first: only organisers learn that the table is read-only.
    # --- on site: tickets, the welcome desk (reviewer 2 volunteers there), certificates -----
    page("ticket_list", LOGIN, EDITION_SLUG),
    page("ticket_download", allow("manager_a", "reviewer_2", "organiser", default="404"), kw(slug="edition.slug", pk="registration_a.pk")),
    page("organisation_tickets", allow("manager_a", "organiser", default="404"), kw(slug="edition.slug", organisation_slug="org_a.slug")),
    page("certificate_download", allow("participant", "organiser", default="404"), kw(slug="edition.slug", pk="participant_registration.pk")),
    page("certificate_verify", PUBLIC, kw(token="certificate_token")),
    page("checkin_desk", allow("reviewer_2", "organiser", default="403"), EDITION_SLUG),
    page("checkin_scan", allow("reviewer_2", "organiser", ok="302", default="403"), EDITION_SLUG, "post"),
    page("checkin_create", allow("reviewer_2", "organiser", ok="302", default="403"), kw(slug="edition.slug", pk="registration_a.pk"), "post"),
    page("checkin_scan", allow("reviewer_2", "organiser", ok="302", default="403"), kw(slug="today_edition.slug"), "post", "held today"),
    page("checkin_create", allow("reviewer_2", "organiser", ok="302", default="403"), kw(slug="today_edition.slug", pk="registration_today.pk"), "post", "held today"),
    page("checkin_undo", allow("reviewer_2", "organiser", ok="302", default="403"), kw(slug="edition.slug", pk="check_in.pk"), "post"),
    # A pending request is refused with a message (nothing written); an accepted journalist of
    # the edition held today is checked in.
    page("guest_checkin", allow("reviewer_2", "organiser", ok="302", default="403"), kw(slug="edition.slug", source="=press", pk="press.pk"), "post"),
    page("guest_checkin", allow("reviewer_2", "organiser", ok="302", default="403"), kw(slug="today_edition.slug", source="=press", pk="press_today.pk"), "post", "held today"),
    page("walk_in", allow("reviewer_2", "organiser", default="403"), kw(slug="today_edition.slug")),
    page("walk_in", allow("reviewer_2", "organiser", ok="302", default="403"), kw(slug="today_edition.slug"), "post", "held today"),
    page("onsite_board", ORGANISER, EDITION_SLUG),
    page("walk_in_invoice", allow("organiser", ok="302", default="403"), kw(slug="edition.slug", pk="walk_in_order.pk"), "post"),
    page("desk_roles", ORGANISER, EDITION_SLUG),
    page("desk_roles", allow("organiser", ok="302", default="403"), EDITION_SLUG, "post"),
    page("desk_role_revoke", allow("organiser", ok="302", default="403"), kw(slug="edition.slug", pk="desk_role.pk"), "post"),
    page("certificate_settings", ORGANISER, EDITION_SLUG),
    page("certificate_settings", allow("organiser", ok="302", default="403"), EDITION_SLUG, "post"),
    page("organisation_certificates", allow("organiser", default="404"), kw(slug="edition.slug", organisation_slug="org_a.slug")),
    api("api-export-table", expect("403", anonymous="deny", organiser="405"), ed(table="=registrations"), "post"),
]  # fmt: skip

# Calls for projects and funder meetings (issue 16): A applies, B funds, reviewer 1 is a juror.
FUND_A = ed(pk="app_submitted_a.pk")
FUNDING_PAGES = [
    page("funding_application_list", LOGIN, EDITION),
    page("funding_call_detail", PUBLIC, ed(pk="funding_call.pk")),
    page("funding_application_create", LOGIN, ed(pk="funding_call.pk")),
    # Not published in the world: the organisers preview it, nobody else sees it.
    page("funding_funded_list", expect("404", anonymous="404", organiser="200"), ed(pk="funding_call.pk")),
    page("funding_assessment_list", allow("reviewer_1", default="403"), ed(pk="funding_call.pk")),
    page("funding_call_ranking", ORGANISER, ed(pk="funding_call.pk")),
    page("funding_call_publish", allow("organiser", ok="302", default="403"), ed(pk="funding_call.pk"), "post"),
    page("funding_call_export", ORGANISER, ed(pk="funding_call.pk", fmt="=csv")),
    page("funding_application_detail", allow("member_a", "manager_a", "organiser", "reviewer_1", default="404"), FUND_A),
    page("funding_application_edit", expect("404", manager_a="200", member_a="403", organiser="403"), ed(pk="app_draft_a.pk")),
    page("funding_attachment_upload", expect("404", manager_a="400", member_a="403", organiser="403"), ed(pk="app_draft_a.pk"), "post"),
    page("funding_attachment_download", allow("member_a", "manager_a", "organiser", "reviewer_1", default="404"), ed(pk="app_submitted_a.pk", attachment_pk="attachment_a.pk")),
    page("funding_application_submit", expect("404", manager_a="302", member_a="403", organiser="403"), ed(pk="app_draft_a.pk"), "post"),
    # Members of A see their application but never assess it (conflict of interest).
    page("funding_assessment_edit", expect("404", reviewer_1="200", member_a="403", manager_a="403", organiser="403"), FUND_A),
    page("funding_application_decide", expect("404", organiser="302", member_a="403", manager_a="403", reviewer_1="403"), FUND_A, "post"),
    page("funding_decision_letter", allow("member_a", "manager_a", "organiser", default="404"), ed(pk="app_granted_a.pk")),
    page("funding_my_meetings", LOGIN, EDITION),
    page("funding_my_meetings_ics", LOGIN, EDITION),
    page("funding_funder_register", LOGIN, EDITION),
    page("funding_funder_wishes", allow("member_b", "manager_b", default="404"), ed(pk="funder_b.pk")),
    page("funding_holder_wishes", allow("manager_a", default="404"), FUND_A),
    page("funding_meeting_grid", ORGANISER, EDITION),
    page("funding_schedule_build", allow("organiser", ok="302", default="403"), EDITION, "post"),
    page("funding_meeting_board", ORGANISER, EDITION),
    page("funding_meeting_move", allow("organiser", ok="302", default="403"), ed(pk="meeting_1.pk"), "post"),
    page("funding_staff_calls", ORGANISER, EDITION),
    page("funding_meeting_outcome", allow("member_a", "manager_a", "member_b", "manager_b", ok="302", default="404"), ed(pk="meeting_1.pk"), "post"),
    page("funding_meeting_screen", PUBLIC, EDITION),
    page("funding_followup_list", ORGANISER, ed(pk="funding_call.pk")),
    page("funding_report_page", allow("member_a", "manager_a", "organiser", default="404"), ed(pk="app_granted_a.pk")),
    page("funding_report_page", expect("404", manager_a="400", member_a="403", organiser="403"), ed(pk="app_granted_a.pk"), "post"),
    page("funding_report_download", allow("member_a", "manager_a", "organiser", default="404"), ed(pk="app_granted_a.pk", report_pk="report_a.pk")),
    page("funding_application_notify", expect("404", organiser="302", member_a="403", manager_a="403", reviewer_1="403"), ed(pk="app_granted_a.pk"), "post"),
    page("funding_call_create", ORGANISER, EDITION),
    page("funding_call_create", allow("organiser", ok="done", default="403"), EDITION, "post"),
    page("funding_call_edit", ORGANISER, ed(pk="funding_call.pk")),
    page("funding_call_edit", allow("organiser", ok="done", default="403"), ed(pk="funding_call.pk"), "post"),
    page("funding_jury_manage", ORGANISER, ed(pk="funding_call.pk")),
    page("funding_jury_manage", allow("organiser", ok="done", default="403"), ed(pk="funding_call.pk"), "post"),
    page("funding_juror_remove", allow("organiser", ok="done", default="403"), ed(pk="funding_call.pk", user_pk="reviewer_1.pk"), "post"),
    page("funding_juror_invitation_revoke", allow("organiser", ok="done", default="403"), ed(pk="funding_call.pk", invitation_pk="juror_invitation.pk"), "post"),
    page("funding_criterion_edit", ORGANISER, ed(pk="funding_call.pk", criterion_pk="criterion.pk")),
    page("funding_criterion_edit", allow("organiser", ok="done", default="403"), ed(pk="funding_call.pk", criterion_pk="criterion.pk"), "post"),
    page("funding_criterion_delete", allow("organiser", ok="done", default="403"), ed(pk="funding_call.pk", criterion_pk="criterion.pk"), "post"),
    page("funding_juror_invitation_accept", LOGIN, kw(token="juror_invitation_token")),
    page("funding_juror_invitation_accept", expect("400"), kw(token="juror_invitation_token"), "post"),
    page("funding_report_version_download", allow("organiser", default="404"), ed(pk="app_granted_a.pk", version_pk="report_version_a.pk")),
    page("funding_my_meetings_pdf", LOGIN, EDITION),
]  # fmt: skip

# Volunteering (issue 17): the participant is the volunteer (tests/security/volunteer_world.py);
# people without a volunteer profile are sent to the profile form (noop) when they act.
VOLUNTEER = allow("participant", ok="done", default="noop")
VOLUNTEER_PAGES = [
    page("volunteer_home", LOGIN),
    page("volunteer_profile_edit", LOGIN),
    page("volunteer_profile_edit", expect("done"), method="post"),
    page("volunteer_detail", allow("participant", "manager_a"), kw(pk="participant.pk")),
    page("training_list", PUBLIC),
    page("training_session_detail", PUBLIC, kw(pk="training_session.pk")),
    page("training_book", VOLUNTEER, kw(pk="training_session_open.pk"), "post"),
    page("training_cancel", allow("participant", ok="done"), kw(pk="training_session.pk"), "post"),
    page("training_attendance", allow("manager_a", default="403"), kw(pk="training_session_past.pk")),
    page("training_attendance", allow("manager_a", ok="done", default="403"), kw(pk="training_session_past.pk"), "post"),
    page("mission_list", PUBLIC),
    page("mission_detail", PUBLIC, kw(pk="mission_a.pk")),
    page("mission_apply", VOLUNTEER, kw(pk="mission_open_a.pk"), "post"),
    page("mission_create", allow("manager_a", default="403"), kw(slug="org_a.slug")),
    page("mission_create", allow("manager_a", ok="done", default="403"), kw(slug="org_a.slug"), "post"),
    page("mission_edit", allow("manager_a", default="403"), kw(pk="mission_a.pk")),
    page("mission_edit", allow("manager_a", ok="done", default="403"), kw(pk="mission_a.pk"), "post"),
    page("mission_applications", allow("manager_a", default="403"), kw(pk="mission_a.pk")),
    page("application_decide", allow("manager_a", ok="done", default="403"), kw(pk="mission_a.pk", application_pk="application_a.pk"), "post"),
    page("application_hours", allow("manager_a", ok="done", default="403"), kw(pk="mission_past_a.pk", application_pk="application_past_a.pk"), "post"),
    page("commitment_certificate", LOGIN),
    page("shift_list", LOGIN, EDITION),
    page("shift_signup", VOLUNTEER, ed(pk="shift_2.pk"), "post"),
    page("shift_leave", allow("participant", ok="done"), ed(pk="shift_1.pk"), "post"),
    page("staff_shifts", ORGANISER, EDITION),
    page("staff_shifts", allow("organiser", ok="done", default="403"), EDITION, "post"),
    page("application_withdraw", allow("participant", ok="done"), kw(pk="mission_a.pk"), "post"),
    page("organisation_missions", allow("manager_a", default="403"), kw(slug="org_a.slug")),
    page("staff_trainings", allow("manager_a", default="403"), kw(slug="org_a.slug")),
    page("staff_trainings", allow("manager_a", ok="done", default="403"), kw(slug="org_a.slug"), "post"),
    page("staff_training_edit", allow("manager_a", default="403"), kw(pk="training_a.pk")),
    page("staff_training_edit", allow("manager_a", ok="done", default="403"), kw(pk="training_a.pk"), "post"),
    page("staff_session_capacity", allow("manager_a", ok="done", default="403"), kw(pk="training_session.pk"), "post"),
    page("staff_session_time", allow("manager_a", default="403"), kw(pk="training_session.pk")),
    page("staff_session_time", allow("manager_a", ok="done", default="403"), kw(pk="training_session.pk"), "post"),
    page("place_rooms", PUBLIC, kw(slug="org_b.slug")),
    page("place_rooms", expect("400", manager_a="done"), kw(slug="org_b.slug"), "post"),
    page("place_agenda", PUBLIC, kw(slug="org_b.slug")),
    page("place_agenda_ics", PUBLIC, kw(slug="org_b.slug")),
    page("room_booking_cancel", allow("manager_a", ok="done", default="403"), kw(pk="room_booking_a.pk"), "post"),
    page("place_room_requests", allow("manager_b", default="403"), kw(slug="org_b.slug")),
    page("room_booking_approve", allow("manager_b", ok="done", default="403"), kw(pk="room_request_a.pk"), "post"),
    page("room_booking_refuse", allow("manager_b", ok="done", default="403"), kw(pk="room_request_a.pk"), "post"),
    page("place_rooms_staff", allow("manager_b", default="403"), kw(slug="org_b.slug")),
    page("place_rooms_staff", allow("manager_b", ok="done", default="403"), kw(slug="org_b.slug"), "post"),
    page("lent_room_edit", allow("manager_b", default="403"), kw(pk="lent_room.pk")),
    page("lent_room_edit", allow("manager_b", ok="done", default="403"), kw(pk="lent_room.pk"), "post"),
]  # fmt: skip

# One list per part of the site (each branch adds its own list here).
MATRIX = [
    *PAGES, *OUTCOME_PAGES, *REPORT_PAGES, *PRINTED_PAGES, *MESSAGE_PAGES, *FUNDING_PAGES,
    *VOLUNTEER_PAGES, *API, *OUTCOME_API, *REPORT_API,
]  # fmt: skip


# --- allowed writes: the body they are sent and what they must change -----------------------


# Requests are sent with an empty body unless a valid one is given here (by case title).
def _partner_proposal_body(w) -> dict:
    day = w.objects["week"].start_date
    return {
        "partner": w.objects["partner_a"].pk, "venue": w.objects["partner_venue"].pk,
        "title": "Proposition de la matrice 2", "session_type": w.objects["activity"].session_type_id,
        "description": "Visite", "starts_at": f"{day}T10:00", "ends_at": f"{day}T11:00",
    }  # fmt: skip


WRITE_DATA = {
    "POST schedule_grid_place": lambda w: _grid_move_body(w),
    "POST badge_print": lambda w: {"stock": "a4-8"},
    "POST badge_guest_add": lambda w: {"full_name": "Paul Bénévole", "role": "volunteer"},
    "POST invitation_edit": lambda w: {"body": "Madame, Monsieur,\n\nVenez au congrès."},
    "POST edition_features": lambda w: {"programme_published": "on", "stands": "on"},
    "POST activity_register": lambda w: {"full_name": "Camille Martin", "email": "camille@example.org"},
    "POST evening_register": lambda w: {"full_name": "Camille Martin", "email": "camille@example.org"},
    "POST my_activities": lambda w: {"email": "public@example.org"},
    "POST staff_venues": lambda w: {"name": "Lieu de la matrice", "address": "1 rue", "city": "Paris"},
    "POST staff_activities": lambda w: {
        "title": "Activité de la matrice", "venue": w.objects["week_venue"].pk,
        "session_type": w.objects["activity"].session_type_id,
        "starts_at": f"{w.objects['week'].start_date}T10:00",
        "ends_at": f"{w.objects['week'].start_date}T11:00", "capacity": "5",
    },  # fmt: skip
    "POST speaker_edit": lambda w: {"name": "Intervenante modifiée"},
    "POST staff_speakers": lambda w: {"name": "Nouvelle Intervenante"},
    "POST staff_speaker_edit": lambda w: {"name": "Intervenante revue", "version": 0},
    "POST staff_speaker_email": lambda w: {"email": "intervenante@example.org"},
    "POST press_request": lambda w: {"full_name": "Jo Presse", "media": "Radio Matrice",
                                     "card_number": "X99", "email": "jo@example.org", "phone": "0600"},
    "POST staff_press_decide": lambda w: {"status": "accepted"},
    "POST stand_apply": lambda w: {"name": "Stand de la matrice 2", "holder_kind": "association",
                                   "contact_email": "s@example.org", "description": "Actions",
                                   "surface": "small"},
    "POST stand_board": lambda w: {"hall-capacity": "40", "hall-exhibitor_information": "Installation à 14 h"},
    "POST stand_decide": lambda w: {f"a{w.objects['stand_application'].pk}-status": "accepted"},
    "POST stand_plan_upload": lambda w: {"plan-plan_description": "Plan de la matrice"},
    "POST partner_activity_proposals": lambda w: _partner_proposal_body(w),
    "POST partner_activity_proposal": lambda w: _partner_proposal_body(w),
    "POST staff_activity_proposal": lambda w: {"decision": "refuse", "message": "Pas cette année"},
    "POST programme_alert": lambda w: {"email": "nouvelle@example.org"},
    "POST membership_set_role": lambda w: {"role": "manager"},
    "POST orphaned_organisation_invite": lambda w: {"email": "nouvelle-gestion@example.org"},
    "PATCH proposal-detail [patch]": lambda w: {
        "title": "Titre revu", "version": w.proposal_draft_a.version,
    },
    "PATCH policy-proposal-detail [patch]": lambda w: {
        "title": "Piste revue", "version": w.policy_submitted_1.version,
    },
    "PATCH outcome-detail [patch]": lambda w: {"version": w.outcome_1.version, "attendee_count": 31},
    "POST policy-proposal-set-aside [post]": lambda w: {"reason": "Hors du champ du congrès"},
    "POST policy-proposal-split [post]": lambda w: {"parts": [
        {"title": "Première partie", "statement": "Ce qui doit changer, d'abord."},
        {"title": "Seconde partie", "statement": "Ce qui doit changer, ensuite."},
    ]},
    "POST policy-proposal-merge [post]": lambda w: {
        "ids": [w.policy_submitted_1.pk, w.policy_validated_1.pk],
        "title": "Pistes réunies", "statement": "Ce qui doit changer, ensemble.",
    },
    "POST follow-up-list [post]": lambda w: {
        "proposal": w.policy_validated_1.pk, "status": "sent", "date": "2025-01-10",
        "institution": "Sénat",
    },
    "POST policy_set_aside": lambda w: {"reason": "Hors du champ du congrès"},
    "POST policy_merge": lambda w: {
        "ids": [w.policy_submitted_1.pk, w.policy_validated_1.pk], "confirm": "1",
        "title": "Pistes réunies", "statement": "Ce qui doit changer, ensemble.",
    },
    "POST report_page": lambda w: {"foreword": "Deux jours d'échanges.", "method": ""},
    # Organisers still edit a submitted outcome: the autosave keeps its submitted proposal.
    "POST outcome_draft": lambda w: {
        "version": w.outcome_1.version, "attendee_count": "31", "summary": "Synthèse revue",
        "findings": "", "successes": "", "difficulties": "", "other_organisations": "",
        "p-TOTAL_FORMS": "1", "p-INITIAL_FORMS": "0", "p-MIN_NUM_FORMS": "0",
        "p-MAX_NUM_FORMS": "1000", "p-0-id": w.policy_submitted_1.pk,
        "p-0-title": w.policy_submitted_1.title, "p-0-statement": w.policy_submitted_1.statement,
        "p-0-rationale": w.policy_submitted_1.rationale, "p-0-level": "national",
        "p-0-track": w.track_1.pk,
    },
    "POST followup_create": lambda w: {
        "status": "sent", "date": "2025-01-10", "institution": "Sénat",
    },
    "POST board_record_payment": lambda w: {"paid_on": "2024-03-01", "reference": "Mandat 77"},
    "POST message_create": lambda w: {
        "segment": "delegates", "kind": "information", "subject_fr": "Bonjour {prenom}",
        "body_fr": "À bientôt au congrès.", "subject_en": "", "body_en": "",
    },
    "POST message_edit": lambda w: {
        "segment": "managers", "kind": "essential", "subject_fr": "Infos revues",
        "body_fr": "Texte revu.", "subject_en": "", "body_en": "",
    },
    "POST reminder_settings": lambda w: {
        "reminder": "d1", "d1-subject_fr": "C'est demain", "d1-body_fr": "À demain, {prenom}.",
    },
    "POST staff_survey_question_action": lambda w: {"action": "hide"},
    "POST checkin_scan": lambda w: {"token": registration_tickets.ticket_token(w.registration_a)},
    "POST checkin_scan [held today]": lambda w: {
        "token": registration_tickets.ticket_token(w.registration_today)
    },
    "POST desk_roles": lambda w: {"email": w.users["member_b"].email},
    "POST walk_in_invoice": lambda w: {
        f"o{w.walk_in_order.pk}-{key}": value
        for key, value in (("name", "CCAS du Mans"), ("address", "1 place Saint-Pierre"),
                           ("postal_code", "72000"), ("commune", "Le Mans"))
    },
    "POST walk_in [held today]": lambda w: {
        "full_name": "Zoé Martin", "tariff": w.registration_today.tariff_id, "payment": "cash",
    },
    "POST certificate_settings": lambda w: {
        "issuer": "CCAS du Mans", "signatory_name": "Marie Curie", "signatory_title": "Présidente",
    },
    "POST billing_settings": lambda w: {
        "billing_name": "Ville du Mans", "billing_vat_regime": "public_body",
        "payment_terms_days": "30", "invoice_prefix": "CNS", "credit_note_prefix": "AV",
    },
    "POST transfer_reconciliation_confirm": lambda w: {
        "transfer": [f"{w.order_a.pk}|2024-03-01|{w.order_a.total}"],
        f"label-{w.order_a.pk}": f"VIR TRESOR PUBLIC {w.order_a.reference}",
    },
    "POST order-list [valid body]": lambda w: {
        "organisation": w.org_a.slug, "tariff": w.tariff.pk,
        "delegates": [{"full_name": "Nadia Nouvelle", "email": "nadia.nouvelle@example.org"}],
    },
    "POST proposal-list [valid body]": lambda w: {
        "organisation": w.org_a.slug, "title": "Épicerie mobile", "track": w.track_1.slug,
    },
    "POST review-list [valid body]": lambda w: {
        "proposal": w.proposal_submitted_a.pk,
        "scores": {str(c.pk): 2 for c in w.call.criteria.all()},
        "comment_committee": "Relue à nouveau.",
    },
    "POST outcome-list [valid body]": lambda w: {
        "session": w.workshop_3.pk, "version": 0, "summary": "Synthèse", "attendee_count": 8,
        "proposals": [{"title": "Piste 3", "statement": "Piste 3 : ce qui doit changer."}],
    },
    "POST organisation-list [valid body]": lambda w: {
        "kind": "association", "name": "Association nouvelle", "siret": "73282932000074",
        "commune": "Le Mans", "departement": "72", "contact_email": "nouvelle@example.org",
    },
    # Workshop 2 does not overlap workshop 1, the participant's sign-up in the world.
    "POST workshop-signup-list [valid body]": lambda w: {"session": w.workshop_2.pk},
    "POST funding_application_decide": lambda w: {"granted": "0"},
    "POST funding_meeting_move": lambda w: {"slot": "1"},
    "POST funding_call_create": lambda w: _funding_call_body(),
    "POST funding_call_edit": lambda w: _funding_call_body(),
    "POST funding_jury_manage": lambda w: {"action": "criterion", "criterion-name": "Impact",
                                           "criterion-weight": "2", "criterion-order": "2"},
    "POST funding_criterion_edit": lambda w: {"name": "Utilité", "weight": "3", "order": "1"},
    # The participant endorsed policy 1 in the world, not policy 2.
    "POST endorsement-list [valid body]": lambda w: {"proposal": w.policy_validated_2.pk},
    "POST training_attendance": lambda w: {"present": [w.booking_past.pk]},
    "POST mission_create": lambda w: _mission_body(),
    "POST mission_edit": lambda w: _mission_body(),
    "POST application_decide": lambda w: {"decision": "accept"},
    "POST application_hours": lambda w: {"hours": "3"},
    "POST staff_trainings": lambda w: _training_body(),
    "POST staff_training_edit": lambda w: {**_training_body(), "action": "save"},
    "POST staff_session_capacity": lambda w: {"capacity": "5"},
    "POST staff_session_time": lambda w: _session_time_body(),
    "POST place_rooms": lambda w: _room_booking_body(w),
    "POST room_booking_refuse": lambda w: {f"{w.room_request_a.pk}-reason": "Salle en travaux."},
    "POST place_rooms_staff": lambda w: _lent_room_body("Salle du soir"),
    "POST lent_room_edit": lambda w: {**_lent_room_body("Salle du matin"), "action": "save"},
    "POST staff_shifts": lambda w: {
        "title": "Guide", "place": "Parvis", "day": w.edition.start_date.isoformat(),
        "start": "13:00", "end": "14:00", "capacity": "2",
    },
}  # fmt: skip

# The tables each allowed write must change (every allowed role, every time).
WRITE_EFFECTS = {
    "POST schedule_grid_place": {"tracks_session"},
    "POST edition_features": {"congress_congress"},
    "POST activity_register": {"tracks_activityregistration"},
    "POST evening_register": {"tracks_activityregistration"},
    "POST activity_registration_cancel": {"tracks_activityregistration"},
    "POST programme_alert": {"congress_programmealert"},
    "POST staff_venues": {"congress_venue", "congress_room"},
    "POST staff_activities": {"tracks_session"},
    "POST stand_apply": {"tracks_standapplication"},
    "POST stand_board": {"tracks_standhall"},
    "POST stand_decide": {"tracks_standapplication", "tracks_stand"},
    "POST stand_plan_upload": {"tracks_standhall", "congress_auditentry"},
    "POST partner_activity_proposals": {"tracks_activityproposal"},
    "POST partner_activity_proposal": {"tracks_activityproposal"},
    "POST staff_activity_proposal": {"tracks_activityproposal", "congress_auditentry"},
    "POST stand_withdraw": {"tracks_standapplication"},
    "POST speaker_edit": {"tracks_speakerprofile"},
    "POST staff_speakers": {"tracks_speakerprofile"},
    "POST staff_speaker_edit": {"tracks_speakerprofile", "congress_auditentry"},
    "POST staff_speaker_email": {"tracks_speakerprofile"},
    "POST staff_speakers_import": {"tracks_speakerprofile", "tracks_speakerprofile_sessions"},
    "POST staff_speaker_confirm": {"tracks_speakerprofile", "congress_auditentry"},
    "POST press_request": {"tracks_pressaccreditation"},
    "POST staff_press_decide": {"tracks_pressaccreditation", "congress_auditentry"},
    "POST staff_venue_delete": {"congress_venue", "congress_auditentry"},
    "POST staff_activity_delete": {"tracks_session", "congress_auditentry"},
    "POST staff_activity_cancel": {"tracks_session", "tracks_activityregistration", "congress_auditentry"},
    "POST programme_alert_confirm": {"congress_programmealert"},
    "POST programme_alert_erase": {"congress_programmealert"},
    "POST membership_set_role": {"congress_membership"},
    "POST orphaned_organisation_invite": {"congress_invitation"},
    "POST invitation_revoke": {"congress_invitation"},
    "POST membership_remove": {"congress_membership"},
    "POST signup_cancel": {"tracks_workshopsignup"},
    "POST signup_create": {"tracks_workshopsignup"},
    "POST session_delete": {"tracks_session"},
    "POST endorse": {"proposals_endorsement"},
    "POST policy_merge": {"proposals_policyproposal", "proposals_revision"},
    "POST report_page": {"reports_reportsettings"},
    "POST outcome_draft": {"proposals_outcome", "proposals_revision"},
    "POST order_cancel": {"congress_order", "congress_registration", "congress_invoice"},
    "POST waitlist_leave": {"congress_waitlistentry"},
    "POST waitlist_join [full]": {"congress_waitlistentry"},
    "POST checkin_scan [held today]": {"congress_checkin"},
    "POST checkin_create [held today]": {"congress_checkin"},
    "POST guest_checkin [held today]": {"tracks_presscheckin", "congress_auditentry"},
    "POST board_record_payment": {"congress_order"},
    "POST staff_survey_question_action": {"tracks_surveyquestion"},
    "POST checkin_undo": {"congress_checkin", "congress_auditentry"},
    "POST walk_in_invoice": {"congress_invoice", "congress_invoicecounter", "congress_auditentry"},
    # The audit entry; the e-mail is queued for the worker after commit (test_resend.py).
    "POST board_resend": {"congress_auditentry"},
    "POST walk_in [held today]": {
        "congress_order", "congress_registration", "congress_checkin", "congress_auditentry",
    },
    "POST desk_roles": {"congress_deskrole", "congress_auditentry"},
    "POST desk_role_revoke": {"congress_deskrole", "congress_auditentry"},
    "POST certificate_settings": {"congress_certificatesettings", "congress_auditentry"},
    "POST billing_settings": {"congress_congress", "congress_auditentry"},
    "POST transfer_reconciliation_confirm": {"congress_order", "congress_auditentry"},
    "POST proposal_submit": {"proposals_workshopproposal", "proposals_proposalstatechange"},
    "POST proposal_withdraw": {"proposals_workshopproposal", "proposals_proposalstatechange"},
    "POST outcome_reopen": {"proposals_outcome", "proposals_revision"},
    "POST outcome_restore": {"proposals_outcome", "proposals_policyproposal"},
    "POST endorsement_withdraw": {"proposals_endorsement"},
    "POST policy_validate": {"proposals_policyproposal", "proposals_revision"},
    "POST policy_set_aside": {"proposals_policyproposal"},
    "POST policy_restore": {"proposals_policyproposal", "proposals_revision"},
    "POST followup_create": {"proposals_followup"},
    "POST report_generate": {"reports_report"},
    "POST badge_print": {"reports_badgeprint"},
    "POST badge_guest_add": {"reports_badgeguest"},
    "POST badge_guest_remove": {"reports_badgeguest"},
    "POST invitation_edit": {"reports_invitationletter"},
    "POST message_create": {"messaging_message"},
    "POST message_edit": {"messaging_message"},
    "POST message_send": {"messaging_message", "congress_auditentry"},
    "POST message_retry": {"messaging_message", "messaging_messagerecipient"},
    "POST reminder_settings": {"messaging_remindertext"},
    "POST messaging_preferences": {"messaging_optout"},
    "POST messaging_unsubscribe": {"messaging_optout"},
    "POST report_publish": {"reports_reportsettings"},
    "PATCH organisation-detail [patch]": {"congress_organisation"},
    "POST order-cancel [post]": {"congress_order", "congress_registration", "congress_invoice"},
    "DELETE workshop-signup-detail [delete]": {"tracks_workshopsignup"},
    "PATCH proposal-detail [patch]": {"proposals_workshopproposal"},
    "PATCH outcome-detail [patch]": {"proposals_outcome"},
    "POST proposal-submit [post]": {"proposals_workshopproposal", "proposals_proposalstatechange"},
    "POST proposal-withdraw [post]": {"proposals_workshopproposal", "proposals_proposalstatechange"},
    "POST outcome-reopen [post]": {"proposals_outcome", "proposals_revision"},
    "PATCH policy-proposal-detail [patch]": {"proposals_policyproposal"},
    "POST policy-proposal-validate [post]": {"proposals_policyproposal", "proposals_revision"},
    "POST policy-proposal-set-aside [post]": {"proposals_policyproposal"},
    "POST policy-proposal-split [post]": {"proposals_policyproposal"},
    "POST policy-proposal-merge [post]": {"proposals_policyproposal"},
    "POST follow-up-list [post]": {"proposals_followup"},
    "DELETE endorsement-detail [delete]": {"proposals_endorsement"},
    "POST organisation-list [valid body]": {"congress_organisation", "congress_membership"},
    "POST order-list [valid body]": {"congress_order", "congress_registration"},
    "POST proposal-list [valid body]": {"proposals_workshopproposal", "proposals_proposalstatechange"},
    "POST review-list [valid body]": {"proposals_review", "proposals_reviewscore"},
    "POST outcome-list [valid body]": {"proposals_outcome", "proposals_policyproposal", "proposals_revision"},
    "POST workshop-signup-list [valid body]": {"tracks_workshopsignup"},
    "POST endorsement-list [valid body]": {"proposals_endorsement"},
    "POST funding_call_publish": {"funding_fundingcall"},
    "POST funding_application_submit": {"funding_application"},
    "POST funding_application_decide": {"funding_application", "funding_decision", "congress_auditentry"},
    "POST funding_schedule_build": {"funding_meeting", "funding_meetinggrid", "congress_auditentry"},
    "POST funding_meeting_move": {"funding_meeting", "congress_auditentry"},
    "POST funding_call_create": {"funding_fundingcall", "congress_auditentry"},
    "POST funding_application_notify": {"funding_decision", "congress_auditentry"},
    "POST funding_call_edit": {"funding_fundingcall", "congress_auditentry"},
    "POST funding_jury_manage": {"funding_jurycriterion", "congress_auditentry"},
    "POST funding_juror_remove": {"funding_fundingcall_jurors", "congress_auditentry"},
    "POST funding_juror_invitation_revoke": {"funding_jurorinvitation", "congress_auditentry"},
    "POST funding_criterion_edit": {"funding_jurycriterion", "congress_auditentry"},
    "POST funding_criterion_delete": {"funding_jurycriterion", "congress_auditentry"},
    "POST volunteer_profile_edit": {"volunteers_volunteerprofile"},
    "POST training_book": {"volunteers_trainingbooking"},
    "POST training_cancel": {"volunteers_trainingbooking"},
    "POST training_attendance": {"volunteers_trainingbooking"},
    "POST mission_apply": {"volunteers_missionapplication"},
    "POST mission_create": {"volunteers_mission"},
    "POST mission_edit": {"volunteers_mission"},
    "POST application_decide": {"volunteers_missionapplication"},
    "POST application_hours": {"volunteers_missionapplication"},
    "POST shift_signup": {"volunteers_shiftsignup"},
    "POST shift_leave": {"volunteers_shiftsignup"},
    "POST staff_shifts": {"volunteers_shift"},
    "POST application_withdraw": {"volunteers_missionapplication"},
    "POST staff_trainings": {"volunteers_training"},
    "POST staff_training_edit": {"volunteers_training"},
    "POST staff_session_capacity": {"volunteers_trainingsession"},
    "POST staff_session_time": {"volunteers_trainingsession"},
    "POST place_rooms": {"volunteers_roombooking"},
    "POST room_booking_approve": {"volunteers_roombooking", "volunteers_roomslot", "congress_auditentry"},
    "POST room_booking_refuse": {"volunteers_roombooking", "congress_auditentry"},
    "POST place_rooms_staff": {"volunteers_lentroom", "congress_auditentry"},
    "POST lent_room_edit": {"volunteers_lentroom", "congress_auditentry"},
    "POST room_booking_cancel": {"volunteers_roombooking", "volunteers_roomslot"},
}  # fmt: skip


def _grid_move_body(w) -> dict:
    """Workshop 1 (proposal A accepted) moved to room 2 at 19:00 on the last day."""
    from proposals.selectors import session_placement

    proposal, edition = w.objects["proposal_accepted_a"], w.objects["edition"]
    room = w.objects["venue"].rooms.order_by("pk").last()
    prefix = f"w{proposal.pk}-"
    return {
        prefix + "slot": f"{edition.end_date.isoformat()}T19:00",
        prefix + "room": room.pk,
        prefix + "placed": session_placement(proposal.session),
    }


def _funding_call_body() -> dict:
    return {
        "title": "Appel du quotidien", "funder_name": "Département", "opens_at": "2024-09-01T09:00",
        "closes_at": "2024-10-15T18:00", "themes": "Vie quotidienne", "target_publics": "Aînés",
    }  # fmt: skip


def _room_booking_body(w) -> dict:
    day = (timezone.localdate() + timedelta(days=15)).isoformat()
    return {"room": w.lent_room.pk, "organisation": w.org_a.pk, "title": "Réunion", "attendees": "4",
            "first_date": day, "weeks": "2", "start_time": "14:00", "end_time": "16:00"}  # fmt: skip


def _session_time_body() -> dict:
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    return {"day": day, "start_time": "10:00", "end_time": "12:00"}


def _lent_room_body(name) -> dict:
    return {"name": name, "capacity": "16", "opens_at": "09:00", "closes_at": "20:00",
            "open_days": ["0", "1", "2"]}  # fmt: skip


def _training_body() -> dict:
    return {"title": "Premiers secours", "place": "Salle 2", "week_of_month": "2", "weekday": "1",
            "start_time": "18:30", "end_time": "21:00", "capacity": "12"}  # fmt: skip


def _mission_body() -> dict:
    day = (timezone.localdate() + timedelta(days=20)).isoformat()
    return {
        "title": "Maraude", "description": "Avec l'équipe mobile.", "place": "Paris 10e",
        "day": day, "start": "19:00", "end": "22:00", "volunteers_needed": "2",
    }  # fmt: skip


# Allowed writes that truly leave the project's tables as they were (and send no e-mail the
# matrix could check), and why. Every other allowed write is in WRITE_EFFECTS or MAIL_EFFECTS.
NO_DB_EFFECT = {
    "POST funding_meeting_outcome": "the world's meetings have not taken place yet: the outcome "
    "is refused with a message (recorded outcomes are proven in tests/funding/test_meeting_outcomes.py)",
    "POST logout": "ends the session (django_session is not a project table)",
    "POST resend_confirmation": "mails a new link only to an unconfirmed address, and the roles' "
    "are confirmed: nothing to do (the e-mail: tests/congress/accounts/test_link_guards.py)",
    "POST checkin_scan": "the edition is not held today: the desk is told so, nothing recorded "
    "(the [held today] case records the arrival)",
    "POST checkin_create": "the edition is not held today: the desk is told so, nothing recorded "
    "(the [held today] case records the arrival)",
    "POST guest_checkin": "the journalist's request is pending: the desk is told so, nothing "
    "recorded (the [held today] case checks an accepted journalist in)",
    "POST registration_quote": "prints a quote (PDF) or goes back to the form: stores nothing",
    "POST my_activities": "e-mails the signed link of the address's registrations (test_mine.py)",
    "POST invitation_accept": "anonymous: the page asking to log in (200)",
    "POST outcome_edit": "moderator: the submitted outcome shown read-only (200)",
    "POST waitlist_join": "places are left: refused by design, « inscrivez-vous directement » "
    "(the [full] case joins)",
    "POST order_pay": "order A is paid by mandate: no card payment to start, back to the order "
    "(card checkout through the Stripe fake: tests/congress/registrations/test_stripe.py)",
}


# Allowed writes whose effect is an e-mail (they change no table): to whom, per role.
MAIL_EFFECTS = {
    # The draft message, filled in for one recipient, to the organiser who asked for the test.
    "POST message_test": lambda w, role: [[w.users[role].email]],
}


def write_effect_mismatch(case: Case, expected: str, outcome: "Outcome", mail_to=None) -> str:
    """For an allowed write: '' when it did what it should, else what went wrong. `mail_to`:
    the recipients of each e-mail it must send (MAIL_EFFECTS)."""
    if expected == "400":  # the body was refused: nothing may change
        return (
            f"a 400 changed {outcome.changed or outcome.mails}"
            if outcome.changed or outcome.mails
            else ""
        )
    if mail_to is not None and outcome.mails != mail_to:
        return f"sent e-mails to {outcome.mails}, not to {mail_to}"
    if case.title in NO_DB_EFFECT or (
        case.title in MAIL_EFFECTS and case.title not in WRITE_EFFECTS
    ):
        return ""
    if case.title not in WRITE_EFFECTS:
        return "allowed write with no declared effect (add it to WRITE_EFFECTS)"
    missing = WRITE_EFFECTS[case.title] - set(outcome.changed)
    return f"did not change {sorted(missing)}" if missing else ""


# --- guessing ids: the same URL with an object of B / track 2 / another edition ----------


@dataclass(frozen=True)
class Guess:
    name: str
    role: str
    kwargs: Callable
    method: str = "get"
    why: str = ""
    data: Callable | None = None  # a request body naming the other object
    query: str = ""  # or a query string naming it
    absent: str = ""  # a page may answer 200 if this object's name is not on it ("org_b.name")

    @property
    def api(self) -> bool:
        return "-" in self.name


def guess(name, role, kwargs, method="get", why="", data=None, query="", absent=""):
    return Guess(name, role, kwargs, method, why, data, query, absent)


DRAFT = kw(congress_slug="draft_edition.slug")
DRAFT_SLUG = kw(slug="draft_edition.slug")
OTHER = kw(congress_slug="other_edition.slug")
OTHER_SLUG = kw(slug="other_edition.slug")

GUESSES = [
    # speakers and press (issue 15): another edition's slug, someone else's profile
    guess("speaker_list", "anonymous", DRAFT, why="draft edition"),
    guess("speaker_photo", "anonymous", kw(congress_slug="other_edition.slug", pk="speaker.pk"), why="other edition"),
    guess("speaker_edit", "member_b", ed(pk="speaker.pk"), why="someone else's profile"),
    guess("speaker_edit", "member_a", kw(congress_slug="other_edition.slug", pk="speaker.pk"), "post", "other edition"),
    guess("staff_speakers", "organiser", OTHER, why="other edition"),
    guess("staff_speakers_import", "organiser", OTHER, "post", "other edition"),
    guess("staff_speaker_edit", "organiser", kw(congress_slug="other_edition.slug", pk="speaker.pk"), why="other edition"),
    guess("staff_speaker_edit", "organiser", kw(congress_slug="other_edition.slug", pk="speaker.pk"), "post", "other edition"),
    guess("staff_speaker_email", "organiser", kw(congress_slug="other_edition.slug", pk="speaker_pending.pk"), "post", "other edition"),
    guess("staff_speaker_confirm", "organiser", kw(congress_slug="other_edition.slug", pk="speaker_pending.pk"), "post", "other edition"),
    guess("press_request", "anonymous", DRAFT, why="draft edition"),
    guess("press_request_detail", "anonymous", kw(congress_slug="other_edition.slug", token="press_token"), why="token under another edition"),
    guess("staff_press", "organiser", OTHER, why="other edition"),
    guess("staff_press_decide", "organiser", kw(congress_slug="other_edition.slug", pk="press.pk"), "post", "other edition"),
    guess("staff_press_export", "organiser", OTHER, why="other edition"),
    guess("press_badges", "organiser", OTHER, why="other edition"),
    # issue 15: the week's and the evening's pages under another edition, another edition's id
    guess("edition_features", "organiser", OTHER_SLUG, why="other edition"),
    guess("edition_features", "organiser", OTHER_SLUG, "post", "other edition"),
    guess("activity_programme", "participant", OTHER, why="a congress: no public programme"),
    guess("activity_register", "participant", kw(congress_slug="evening.slug", pk="activity.pk"), why="the week's activity under the evening"),
    guess("activity_register", "participant", kw(congress_slug="evening.slug", pk="activity.pk"), "post", "the week's activity under the evening", data=lambda w: {"full_name": "X", "email": "x@example.org"}),
    guess("evening_register", "participant", OTHER, why="a congress: no evening"),
    guess("evening_register", "participant", OTHER, "post", "a congress: no evening", data=lambda w: {"full_name": "X", "email": "x@example.org"}),
    guess("activity_registration_detail", "anonymous", kw(congress_slug="evening.slug", token="public_token"), why="the week's token under the evening"),
    guess("activity_registration_cancel", "anonymous", kw(congress_slug="evening.slug", token="public_token"), "post", "the week's token under the evening"),
    guess("my_activities_list", "anonymous", kw(congress_slug="evening.slug", token="person_token"), why="the week's link under the evening"),
    guess("programme_alert_confirm", "anonymous", kw(slug="week.slug", token="alert_token"), why="another edition's alert"),
    guess("programme_alert_erase", "anonymous", kw(slug="week.slug", token="alert_token"), "post", "another edition's alert"),
    guess("stand_list", "participant", OTHER, why="a congress: no stands"),
    guess("my_activities", "participant", OTHER, why="a congress: no public sign-up"),
    guess("programme_alert", "participant", DRAFT_SLUG, why="draft edition"),
    guess("stand_apply", "participant", OTHER, why="a congress: no stands"),
    guess("stand_board", "organiser", OTHER, why="a congress: no stands"),
    guess("stand_guide", "participant", OTHER, why="a congress: no stands"),
    guess("stand_guide_pdf", "participant", OTHER, why="a congress: no stands"),
    guess("stand_plan", "participant", OTHER, why="a congress: no stands"),
    guess("stand_plan_upload", "organiser", OTHER, "post", "a congress: no stands"),
    guess("stand_plan_image", "organiser", OTHER, why="a congress: no stands"),
    guess("staff_venues", "organiser", OTHER, why="a congress: no places of a programme"),
    guess("staff_venue_edit", "organiser", kw(congress_slug="week.slug", pk="venue.pk"), why="another edition's venue"),
    guess("staff_activities", "organiser", OTHER, why="a congress: no public programme"),
    guess("partner_activity_proposals", "manager_a", kw(congress_slug="announced.slug"), why="not a partner of that edition"),
    guess("staff_activity_proposals", "organiser", OTHER, why="a congress: no partner activities"),
    guess("partner_activity_proposal", "manager_a", kw(congress_slug="announced.slug", pk="activity_proposal.pk"), why="another edition's proposal"),
    guess("staff_activity_proposal", "organiser", kw(congress_slug="announced.slug", pk="activity_proposal.pk"), why="another edition's proposal"),
    guess("staff_activity_edit", "organiser", kw(congress_slug="week.slug", pk="workshop_1.pk"), why="another edition's session"),
    guess("staff_venue_delete", "organiser", kw(congress_slug="week.slug", pk="venue.pk"), "post", "another edition's venue"),
    guess("staff_activity_delete", "organiser", kw(congress_slug="week.slug", pk="workshop_1.pk"), "post", "another edition's session"),
    guess("staff_activity_cancel", "organiser", kw(congress_slug="week.slug", pk="workshop_1.pk"), "post", "another edition's session"),
    guess("exhibitor_badges", "organiser", OTHER, why="a congress: no stands"),
    guess("stand_withdraw", "manager_a", kw(congress_slug="week.slug", pk="stand_application.pk"), "post", "the evening's application under the week"),
    guess("stand_decide", "organiser", kw(congress_slug="week.slug", pk="stand_application.pk"), "post", "the evening's application under the week"),
    guess("congress_detail", "manager_a", DRAFT_SLUG, why="draft edition"),
    guess("congress_theme_css", "manager_a", DRAFT_SLUG, why="draft edition"),
    guess("track_detail", "manager_a", ed(slug="track_other.slug"), why="other edition's track"),
    guess("track_ical", "manager_a", ed(slug="track_other.slug"), why="other edition's track"),
    guess("programme", "manager_a", DRAFT, why="draft edition"),
    guess("programme_ical", "manager_a", DRAFT, why="draft edition"),
    guess("session_detail", "manager_a", ed(pk="workshop_other.pk"), why="other edition's session"),
    guess("session_ical", "manager_a", ed(pk="workshop_other.pk"), why="other edition's session"),
    guess("signup_create", "participant", ed(pk="workshop_other.pk"), "post", "other edition's session"),
    guess("signup_cancel", "participant", ed(pk="workshop_2.pk"), "post", "someone else's sign-up"),
    guess("session_attendees", "moderator_1", ed(pk="workshop_2.pk"), why="track 2 workshop"),
    guess("session_sign_in_sheet", "moderator_1", ed(pk="workshop_2.pk"), why="track 2 workshop"),
    guess("session_sign_in_sheet", "organiser", ed(pk="workshop_other.pk"), why="other edition's session"),
    guess("my_programme", "manager_a", DRAFT, why="draft edition"),
    guess("my_programme_ical", "participant", ed(user_pk="attendee.pk", token="calendar_token"), why="own token, other user"),
    guess("track_roles", "organiser", OTHER, why="other edition"),
    guess("staff_sessions", "organiser", OTHER, why="other edition"),
    guess("staff_session_grid", "organiser", OTHER, why="other edition"),
    guess("session_create", "organiser", OTHER, why="other edition"),
    guess("session_edit", "organiser", ed(pk="workshop_other.pk"), why="other edition's session"),
    guess("session_edit", "organiser", kw(congress_slug="other_edition.slug", pk="workshop_other.pk"), why="other edition"),
    guess("session_delete", "organiser", ed(pk="workshop_other.pk"), "post", "other edition's session"),
    guess("session_delete", "organiser", kw(congress_slug="other_edition.slug", pk="workshop_other.pk"), "post", "other edition"),
    guess("survey_session", "participant", ed(pk="workshop_2.pk"), why="workshop not signed up to"),
    guess("survey_session", "participant", ed(pk="workshop_2.pk"), "post", "workshop not signed up to"),
    guess("survey_session", "participant", ed(pk="workshop_other.pk"), why="other edition's session"),
    guess("survey_edition", "participant", OTHER, why="edition not registered to"),
    guess("session_feedback_results", "moderator_1", ed(pk="workshop_2.pk"), why="track 2 workshop"),
    guess("session_feedback_results", "organiser", ed(pk="workshop_other.pk"), why="other edition's session"),
    guess("staff_feedback", "organiser", OTHER, why="other edition"),
    guess("staff_survey_questions", "organiser", OTHER, why="other edition"),
    guess("staff_survey_question_action", "organiser", ed(pk="survey_question_other.pk"), "post", "other edition's question"),
    guess("registration_start", "manager_a", DRAFT_SLUG, why="draft edition"),
    guess("registration_start", "manager_a", EDITION_SLUG, why="register in B's name", query="organisation=org-b&count=1", absent="org_b.name"),
    guess("registration_start", "member_a", EDITION_SLUG, why="member (not manager) registers A", query="organisation=org-a&count=1", absent="org_a.name"),
    guess("registration_quote", "manager_a", EDITION_SLUG, "post", why="quote in B's name", query="organisation=org-b&count=1"),
    guess("registration_quote", "manager_a", DRAFT_SLUG, "post", why="draft edition", query="count=1"),
    guess("order_detail", "manager_a", kw(slug="edition.slug", pk="order_b.pk"), why="B's order"),
    guess("order_detail", "manager_a", kw(slug="edition.slug", pk="order_other.pk"), why="own order, other edition"),
    guess("order_pay", "manager_a", kw(slug="edition.slug", pk="order_b.pk"), "post", "B's order"),
    guess("order_cancel", "manager_a", kw(slug="edition.slug", pk="order_b.pk"), "post", "B's order"),
    guess("ticket_list", "manager_a", DRAFT_SLUG, why="draft edition"),
    guess("ticket_download", "manager_a", kw(slug="edition.slug", pk="registration_b.pk"), why="B's delegate"),
    guess("ticket_download", "manager_a", kw(slug="edition.slug", pk="registration_other.pk"), why="own delegate, other edition"),
    guess("ticket_download", "participant", kw(slug="edition.slug", pk="attendee_registration.pk"), why="someone else's ticket"),
    guess("organisation_tickets", "manager_a", kw(slug="edition.slug", organisation_slug="org_b.slug"), why="B's tickets"),
    guess("organisation_tickets", "organiser", kw(slug="other_edition.slug", organisation_slug="org_a.slug"), why="other edition"),
    guess("certificate_download", "participant", kw(slug="edition.slug", pk="attendee_registration.pk"), why="someone else's certificate"),
    guess("certificate_download", "manager_a", kw(slug="edition.slug", pk="registration_other.pk"), why="other edition's delegate"),
    guess("certificate_download", "organiser", kw(slug="edition.slug", pk="registration_other.pk"), why="other edition's delegate"),
    guess("certificate_verify", "anonymous", kw(token="=MQ:forged-signature"), why="forged token"),
    guess("checkin_desk", "reviewer_2", OTHER_SLUG, why="desk of another edition"),
    guess("checkin_scan", "reviewer_2", OTHER_SLUG, "post", why="desk of another edition"),
    guess("checkin_create", "reviewer_2", kw(slug="edition.slug", pk="registration_other.pk"), "post", "other edition's delegate"),
    guess("checkin_create", "reviewer_2", kw(slug="other_edition.slug", pk="registration_other.pk"), "post", "desk of another edition"),
    guess("checkin_undo", "reviewer_2", kw(slug="edition.slug", pk="check_in_other.pk"), "post", "other edition's check-in"),
    guess("guest_checkin", "organiser", kw(slug="edition.slug", source="=press", pk="press_today.pk"), "post", "other edition's journalist"),
    guess("walk_in", "reviewer_2", OTHER_SLUG, "post", why="desk of another edition"),
    guess("ticket_download", "reviewer_2", kw(slug="edition.slug", pk="registration_other.pk"), why="another edition's delegate"),
    guess("checkin_undo", "organiser", kw(slug="edition.slug", pk="check_in_other.pk"), "post", "other edition's check-in"),
    guess("onsite_board", "organiser", OTHER_SLUG, why="other edition"),
    guess("walk_in_invoice", "organiser", kw(slug="edition.slug", pk="walk_in_order_other.pk"), "post", "other edition's walk-in"),
    guess("desk_roles", "organiser", OTHER_SLUG, why="other edition"),
    guess("desk_role_revoke", "organiser", kw(slug="edition.slug", pk="desk_role_other.pk"), "post", "other edition's volunteer"),
    guess("certificate_settings", "organiser", OTHER_SLUG, why="other edition"),
    guess("organisation_certificates", "organiser", kw(slug="other_edition.slug", organisation_slug="org_a.slug"), why="other edition"),
    guess("invoice_download", "manager_a", kw(slug="edition.slug", pk="order_a.pk", invoice_pk="invoice_b.pk"), why="B's invoice"),
    guess("invoice_download", "manager_b", kw(slug="edition.slug", pk="order_b.pk", invoice_pk="invoice_a.pk"), why="A's invoice"),
    guess("waitlist_join", "manager_a", DRAFT_SLUG, "post", "draft edition"),
    guess("waitlist_leave", "manager_a", kw(slug="edition.slug", pk="waitlist_entry_b.pk"), "post", "B's entry"),
    guess("waitlist_leave", "member_a", kw(slug="edition.slug", pk="waitlist_entry_other.pk"), "post", "own entry, other edition"),
    guess("registration_board", "organiser", OTHER_SLUG, why="other edition"),
    guess("board_record_payment", "organiser", kw(slug="other_edition.slug", pk="order_other.pk"), "post", "other edition"),
    guess("board_record_payment", "organiser", kw(slug="edition.slug", pk="order_other.pk"), "post", "other edition's order"),
    guess("board_resend", "organiser", kw(slug="edition.slug", pk="registration_other.pk"), "post", "other edition's registration"),
    guess("board_resend", "manager_a", kw(slug="edition.slug", pk="registration_b.pk"), "post", "B's registration"),
    guess("staff_audit_log", "organiser", OTHER_SLUG, why="other edition"),
    guess("billing_settings", "organiser", OTHER_SLUG, why="other edition"),
    guess("billing_settings", "organiser", OTHER_SLUG, "post", "other edition"),
    guess("transfer_reconciliation", "organiser", OTHER_SLUG, why="other edition"),
    guess("transfer_reconciliation", "organiser", OTHER_SLUG, "post", "other edition"),
    guess("transfer_reconciliation_confirm", "organiser", OTHER_SLUG, "post", "other edition",
          data=lambda w: {"transfer": [f"{w.order_other.pk}|2024-03-01|{w.order_other.total}"]}),
    guess("proposal_list", "manager_a", DRAFT, why="draft edition"),
    guess("proposal_create", "manager_a", DRAFT, why="draft edition"),
    guess("proposal_detail", "manager_a", ed(pk="proposal_draft_b.pk"), why="B's proposal"),
    guess("proposal_detail", "manager_a", ed(pk="proposal_other.pk"), why="own proposal, other edition"),
    guess("proposal_detail", "reviewer_1", ed(pk="proposal_submitted_b.pk"), why="track 2 proposal"),
    guess("proposal_edit", "manager_a", ed(pk="proposal_draft_b.pk"), why="B's proposal"),
    guess("proposal_submit", "manager_a", ed(pk="proposal_draft_b.pk"), "post", "B's proposal"),
    guess("proposal_withdraw", "manager_a", ed(pk="proposal_submitted_b.pk"), "post", "B's proposal"),
    guess("review_list", "reviewer_1", DRAFT, why="draft edition"),
    guess("review_edit", "reviewer_1", ed(pk="proposal_submitted_b.pk"), why="track 2 proposal"),
    guess("call_settings", "organiser", OTHER, why="other edition"),
    guess("ranking", "organiser", OTHER, why="other edition"),
    guess("schedule_list", "organiser", OTHER, why="other edition"),
    guess("proposal_schedule", "organiser", ed(pk="proposal_other.pk"), why="other edition's proposal"),
    guess("schedule_grid", "organiser", OTHER, why="other edition"),
    guess("schedule_grid_place", "organiser", ed(pk="proposal_other.pk"), "post", why="other edition's proposal"),
    guess("organisation_detail", "manager_a", kw(slug="org_b.slug"), why="B"),
    guess("orphaned_organisation_invite", "organiser", kw(slug="org_a.slug"), "post", "organisation with a manager"),
    guess("organisation_edit", "manager_a", kw(slug="org_b.slug"), why="B"),
    guess("organisation_invite", "manager_a", kw(slug="org_b.slug"), "post", "B"),
    guess("invitation_revoke", "manager_a", kw(slug="org_a.slug", pk="invitation_b.pk"), "post", "B's invitation under A"),
    guess("invitation_revoke", "manager_a", kw(slug="org_b.slug", pk="invitation_b.pk"), "post", "B's invitation"),
    guess("membership_remove", "manager_a", kw(slug="org_a.slug", pk="membership_member_b.pk"), "post", "B's member under A"),
    guess("membership_remove", "manager_a", kw(slug="org_b.slug", pk="membership_member_b.pk"), "post", "B's member"),
    guess("membership_set_role", "manager_a", kw(slug="org_a.slug", pk="membership_member_b.pk"), "post", "B's member under A", data=lambda w: {"role": "manager"}),
    guess("membership_set_role", "manager_a", kw(slug="org_b.slug", pk="membership_member_b.pk"), "post", "B's member", data=lambda w: {"role": "manager"}),
    # --- API ----------------------------------------------------------------------------------
    guess("congress-detail", "manager_a", DRAFT_SLUG, why="draft edition"),
    guess("organisation-detail", "manager_a", kw(slug="org_b.slug"), why="B"),
    guess("organisation-detail", "manager_a", kw(slug="org_b.slug"), "patch", "B"),
    guess("organisation-member-list", "manager_a", kw(organisation_slug="org_b.slug"), why="B"),
    guess("organisation-member-detail", "manager_a", kw(organisation_slug="org_a.slug", pk="membership_member_b.pk"), why="B's member under A"),
    guess("organisation-member-detail", "manager_a", kw(organisation_slug="org_b.slug", pk="membership_member_b.pk"), why="B's member"),
    guess("venue-list", "manager_a", DRAFT, why="draft edition"),
    guess("venue-detail", "manager_a", ed(pk="venue_other.pk"), why="other edition's venue"),
    guess("track-list", "manager_a", DRAFT, why="draft edition"),
    guess("track-detail", "manager_a", ed(slug="track_other.slug"), why="other edition's track"),
    guess("session-type-list", "manager_a", DRAFT, why="draft edition"),
    guess("session-type-detail", "manager_a", ed(slug="type_other.slug"), why="other edition's type"),
    guess("tariff-list", "manager_a", DRAFT, why="draft edition"),
    guess("tariff-detail", "manager_a", ed(pk="tariff_other.pk"), why="other edition's tariff"),
    guess("order-list", "organiser", OTHER, why="other edition"),
    guess("order-detail", "manager_a", ed(pk="order_b.pk"), why="B's order"),
    guess("order-detail", "manager_a", ed(pk="order_other.pk"), why="own order, other edition"),
    guess("order-detail", "organiser", kw(congress_slug="other_edition.slug", pk="order_other.pk"), why="other edition"),
    guess("order-cancel", "manager_a", ed(pk="order_b.pk"), "post", "B's order"),
    guess("session-list", "manager_a", DRAFT, why="draft edition"),
    guess("session-detail", "manager_a", ed(pk="workshop_other.pk"), why="other edition's session"),
    guess("workshop-signup-list", "participant", DRAFT, why="draft edition"),
    guess("workshop-signup-detail", "participant", ed(pk="signup_of_attendee.pk"), "delete", "someone else's sign-up"),
    guess("proposal-list", "manager_a", DRAFT, why="draft edition"),
    guess("proposal-detail", "manager_a", ed(pk="proposal_draft_b.pk"), why="B's proposal"),
    guess("proposal-detail", "manager_a", ed(pk="proposal_other.pk"), why="own proposal, other edition"),
    guess("proposal-detail", "manager_a", ed(pk="proposal_draft_b.pk"), "patch", "B's proposal"),
    guess("proposal-submit", "manager_a", ed(pk="proposal_draft_b.pk"), "post", "B's proposal"),
    guess("proposal-withdraw", "manager_a", ed(pk="proposal_submitted_b.pk"), "post", "B's proposal"),
    guess("review-list", "reviewer_1", OTHER, why="other edition"),
    guess("review-detail", "reviewer_1", ed(pk="review_2.pk"), why="track 2 review"),
    guess("review-list", "reviewer_1", EDITION, "post", "review of a track 2 proposal",
          data=lambda w: {"proposal": w.proposal_submitted_b.pk, "scores": {}}),
    guess("proposal-list", "manager_a", EDITION, "post", "proposal in B's name",
          data=lambda w: {"organisation": w.org_b.slug, "title": "Au nom de B"}),
    guess("order-list", "manager_a", EDITION, "post", "order in B's name",
          data=lambda w: {"organisation": w.org_b.slug, "tariff": w.tariff.pk,
                          "delegates": [{"full_name": "X", "email": "x@example.org"}]}),
]  # fmt: skip

OUTCOME_GUESSES = [
    guess("outcome_workshop_list", "moderator_1", DRAFT, why="draft edition"),
    guess("outcome_edit", "moderator_1", ed(pk="workshop_2.pk"), why="track 2 workshop"),
    guess("outcome_edit", "moderator_1", ed(pk="workshop_2.pk"), "post", "track 2 workshop"),
    guess("outcome_edit", "organiser", ed(pk="workshop_other.pk"), why="other edition's workshop"),
    guess("outcome_draft", "moderator_1", ed(pk="workshop_2.pk"), "post", "track 2 workshop"),
    guess("outcome_draft", "organiser", ed(pk="workshop_other.pk"), "post", "other edition's workshop"),
    guess("outcome_submit", "moderator_1", ed(pk="workshop_2.pk"), "post", "track 2 workshop"),
    guess("outcome_submit", "organiser", ed(pk="workshop_other.pk"), "post", "other edition's workshop"),
    guess("outcome_reopen", "organiser", ed(pk="workshop_other.pk"), "post", "other edition's workshop"),
    guess("outcome_reopen", "organiser_other", kw(congress_slug="other_edition.slug", pk="workshop_1.pk"), "post", "this edition's workshop under the other"),
    guess("outcome_history", "organiser", ed(pk="workshop_other.pk"), why="other edition's workshop"),
    guess("outcome_restore", "organiser", ed(pk="workshop_1.pk", revision_pk="outcome_2_revision.pk"), "post", "revision of another outcome"),
    guess("outcome_restore", "organiser", ed(pk="workshop_other.pk", revision_pk="outcome_other_revision.pk"), "post", "other edition"),
    guess("public_policy_list", "manager_a", DRAFT, why="draft edition"),
    guess("public_policy_detail", "moderator_1", ed(pk="policy_submitted_2.pk"), why="track 2 work in progress"),
    guess("public_policy_detail", "manager_a", ed(pk="policy_validated_other.pk"), why="other edition's proposal"),
    guess("endorse", "participant", ed(pk="policy_submitted_1.pk"), "post", "proposal not validated"),
    guess("endorse", "participant", ed(pk="policy_validated_other.pk"), "post", "other edition's proposal"),
    guess("endorsement_withdraw", "participant", ed(pk="policy_submitted_1.pk"), "post", "proposal not validated"),
    guess("endorsement_withdraw", "participant", ed(pk="policy_validated_other.pk"), "post", "other edition's proposal"),
    guess("policy_board", "organiser", OTHER, why="other edition"),
    guess("policy_merge", "organiser", OTHER, "post", "other edition"),
    guess("policy_staff_detail", "organiser", ed(pk="policy_submitted_other.pk"), why="other edition's proposal"),
    guess("policy_validate", "organiser", ed(pk="policy_submitted_other.pk"), "post", "other edition's proposal"),
    guess("policy_validate", "moderator_1", ed(pk="policy_submitted_2.pk"), "post", "track 2 proposal"),
    guess("policy_set_aside", "organiser", ed(pk="policy_submitted_other.pk"), "post", "other edition's proposal"),
    guess("policy_split", "organiser", ed(pk="policy_submitted_other.pk"), why="other edition's proposal"),
    guess("policy_restore", "organiser", ed(pk="policy_submitted_1.pk", revision_pk="policy_submitted_2_revision.pk"), "post", "revision of another proposal"),
    guess("policy_restore", "organiser", ed(pk="policy_submitted_other.pk", revision_pk="policy_submitted_other_revision.pk"), "post", "other edition"),
    guess("followup_create", "organiser", ed(pk="policy_validated_other.pk"), "post", "other edition's proposal"),
    guess("followup_document", "organiser", ed(pk="followup_other.pk"), why="other edition's document"),
    guess("followup_document", "organiser", kw(congress_slug="other_edition.slug", pk="followup.pk"), why="other edition"),
    guess("transversality", "organiser", OTHER, why="other edition"),
    guess("endorsement_period", "organiser", OTHER, why="other edition"),
    # --- API ----------------------------------------------------------------------------------
    guess("outcome-list", "moderator_1", OTHER, why="other edition"),
    guess("outcome-list", "moderator_1", EDITION, "post", "outcome of a track 2 workshop",
          data=lambda w: {"session": w.workshop_2.pk, "version": 0}),
    guess("outcome-detail", "moderator_1", ed(pk="outcome_2.pk"), why="track 2 outcome"),
    guess("outcome-detail", "moderator_1", ed(pk="outcome_2.pk"), "patch", "track 2 outcome"),
    guess("outcome-detail", "organiser", ed(pk="outcome_other.pk"), why="other edition's outcome"),
    guess("outcome-reopen", "organiser", ed(pk="outcome_other.pk"), "post", "other edition's outcome"),
    guess("outcome-reopen", "moderator_1", ed(pk="outcome_2.pk"), "post", "track 2 outcome"),
    guess("policy-proposal-list", "organiser", DRAFT, why="draft edition"),
    guess("policy-proposal-detail", "moderator_1", ed(pk="policy_submitted_2.pk"), why="track 2 work in progress"),
    guess("policy-proposal-detail", "organiser", ed(pk="policy_validated_other.pk"), why="other edition's proposal"),
    guess("policy-proposal-detail", "organiser", ed(pk="policy_submitted_other.pk"), "patch", "other edition's proposal"),
    guess("policy-proposal-validate", "organiser", ed(pk="policy_submitted_other.pk"), "post", "other edition's proposal"),
    guess("policy-proposal-set-aside", "organiser", ed(pk="policy_submitted_other.pk"), "post", "other edition's proposal",
          data=lambda w: {"reason": "Hors sujet"}),
    guess("policy-proposal-split", "organiser", ed(pk="policy_submitted_other.pk"), "post", "other edition's proposal"),
    guess("policy-proposal-merge", "organiser", OTHER, "post", "other edition",
          data=lambda w: {"ids": [w.policy_submitted_other.pk, w.policy_validated_other.pk], "title": "X", "statement": "Y"}),
    guess("endorsement-list", "participant", EDITION, "post", "proposal not validated",
          data=lambda w: {"proposal": w.policy_submitted_1.pk}),
    guess("endorsement-list", "participant", OTHER, why="other edition"),
    guess("endorsement-detail", "participant", ed(pk="endorsement_of_attendee.pk"), "delete", "someone else's endorsement"),
    guess("follow-up-list", "organiser_other", EDITION, "post", "proposal of an edition not theirs",
          data=lambda w: {"proposal": w.policy_validated_1.pk, "status": "sent", "date": "2026-01-15", "institution": "Sénat"}),
    guess("follow-up-list", "manager_a", DRAFT, why="draft edition"),
]  # fmt: skip

REPORT_GUESSES = [
    guess("message_list", "organiser", OTHER, why="other edition"),
    guess("message_create", "organiser", OTHER, why="other edition"),
    guess("reminder_settings", "organiser", OTHER, why="other edition"),
    guess("reminder_settings", "organiser", OTHER, "post", "other edition"),
    guess("message_detail", "organiser", ed(pk="message_other.pk"), why="other edition's message"),
    guess("message_detail", "organiser", kw(congress_slug="other_edition.slug", pk="message_other.pk"), why="other edition"),
    guess("message_edit", "organiser", ed(pk="message_other.pk"), why="other edition's message"),
    guess("message_edit", "organiser", ed(pk="message_other.pk"), "post", "other edition's message"),
    guess("message_test", "organiser", ed(pk="message_other.pk"), "post", "other edition's message"),
    guess("message_send", "organiser", ed(pk="message_other.pk"), why="other edition's message"),
    guess("message_send", "organiser", ed(pk="message_other.pk"), "post", "other edition's message"),
    guess("message_send", "organiser", kw(congress_slug="other_edition.slug", pk="message_other.pk"), "post", "other edition"),
    guess("message_retry", "organiser", ed(pk="message_other.pk"), "post", "other edition's message"),
    guess("report_dashboard", "organiser", OTHER, why="other edition"),
    guess("staff_board", "organiser", OTHER, why="other edition"),
    guess("report_page", "organiser", OTHER, why="other edition"),
    guess("report_page", "organiser", OTHER, "post", "other edition"),
    guess("report_generate", "organiser", OTHER, "post", "other edition"),
    guess("report_progress", "organiser", ed(pk="report_other.pk"), why="other edition's report"),
    guess("report_progress", "organiser", kw(congress_slug="other_edition.slug", pk="report_other.pk"), why="other edition"),
    guess("report_download", "organiser", ed(pk="report_other.pk"), why="other edition's report"),
    guess("report_download", "organiser", kw(congress_slug="other_edition.slug", pk="report_other.pk"), why="other edition"),
    guess("report_publish", "organiser", ed(pk="report_other.pk"), "post", "other edition's report"),
    guess("report_publish", "organiser", kw(congress_slug="other_edition.slug", pk="report_other.pk"), "post", "other edition"),
    guess("report_unpublish", "organiser", OTHER, "post", "other edition"),
    guess("report_public_download", "anonymous", kw(congress_slug="draft_edition.slug"), why="draft edition"),
    guess("export_list", "organiser", OTHER, why="other edition"),
    guess("export_csv", "organiser", kw(congress_slug="other_edition.slug", table="=registrations"), why="other edition"),
    guess("export_xlsx", "organiser", kw(congress_slug="other_edition.slug", table="=all"), why="other edition"),
    guess("api-export-list", "organiser", OTHER, why="other edition"),
    guess("api-export-table", "organiser", kw(congress_slug="other_edition.slug", table="=registrations"), why="other edition"),
]  # fmt: skip

PRINTED_GUESSES = [
    guess("badge_list", "organiser", OTHER, why="other edition"),
    guess("badge_print", "organiser", OTHER, "post", "other edition", data=lambda w: {"stock": "a4-8"}),
    guess("badge_guest_add", "organiser", OTHER, "post", "other edition", data=lambda w: {"full_name": "X", "role": "press"}),
    guess("badge_guest_remove", "organiser", ed(pk="badge_guest_other.pk"), "post", "other edition's guest"),
    guess("badge_guest_remove", "organiser", kw(congress_slug="other_edition.slug", pk="badge_guest_other.pk"), "post", "other edition"),
    guess("sign_list", "organiser", OTHER, why="other edition"),
    guess("sign_pdf", "organiser", _sign("edition", "workshop_other"), why="other edition's room"),
    guess("sign_pdf", "organiser", _sign("other_edition", "workshop_other"), why="other edition"),
    guess("sign_zip", "organiser", OTHER, why="other edition"),
    guess("invitation_edit", "organiser", OTHER, why="other edition"),
    guess("invitation_edit", "organiser", OTHER, "post", "other edition", data=lambda w: {"body": "Hop"}),
    guess("programme_booklet", "anonymous", DRAFT, why="draft edition"),
    guess("programme_large_print", "participant", DRAFT, why="draft edition"),
    guess("share_page", "anonymous", DRAFT, why="draft edition"),
    guess("invitation_letter_pdf", "manager_a", DRAFT, why="draft edition"),
]  # fmt: skip

FUNDING_GUESSES = [
    guess("funding_application_list", "manager_a", DRAFT, why="draft edition"),
    guess("funding_call_detail", "manager_a", ed(pk="funding_call_other.pk"), why="other edition's call"),
    guess("funding_application_create", "manager_a", ed(pk="funding_call_other.pk"), why="other edition's call"),
    guess("funding_funded_list", "organiser", ed(pk="funding_call_other.pk"), why="other edition's call"),
    guess("funding_assessment_list", "reviewer_1", ed(pk="funding_call_other.pk"), why="other edition's call"),
    guess("funding_call_ranking", "organiser", ed(pk="funding_call_other.pk"), why="other edition's call"),
    guess("funding_call_publish", "organiser", ed(pk="funding_call_other.pk"), "post", "other edition's call"),
    guess("funding_call_export", "organiser", ed(pk="funding_call_other.pk", fmt="=csv"), why="other edition's call"),
    guess("funding_application_detail", "manager_a", ed(pk="app_submitted_b.pk"), why="B's application"),
    guess("funding_application_detail", "manager_a", ed(pk="app_other.pk"), why="own application, other edition"),
    guess("funding_application_edit", "manager_a", ed(pk="app_submitted_b.pk"), why="B's application"),
    guess("funding_attachment_upload", "manager_a", ed(pk="app_submitted_b.pk"), "post", "B's application"),
    guess("funding_attachment_download", "manager_a", ed(pk="app_submitted_a.pk", attachment_pk="attachment_b.pk"), why="B's attachment under A"),
    guess("funding_attachment_download", "manager_a", ed(pk="app_submitted_b.pk", attachment_pk="attachment_b.pk"), why="B's attachment"),
    guess("funding_application_submit", "manager_a", ed(pk="app_submitted_b.pk"), "post", "B's application"),
    guess("funding_assessment_edit", "reviewer_1", ed(pk="app_other.pk"), why="other edition's application"),
    guess("funding_application_decide", "organiser", ed(pk="app_other.pk"), "post", "other edition's application"),
    guess("funding_decision_letter", "manager_b", ed(pk="app_granted_a.pk"), why="A's letter"),
    guess("funding_my_meetings", "manager_a", DRAFT, why="draft edition"),
    guess("funding_my_meetings_ics", "manager_a", DRAFT, why="draft edition"),
    guess("funding_funder_register", "manager_a", DRAFT, why="draft edition"),
    guess("funding_funder_wishes", "manager_a", ed(pk="funder_b.pk"), why="B's funder profile"),
    guess("funding_funder_wishes", "member_b", ed(pk="funder_other.pk"), why="own funder, other edition"),
    guess("funding_holder_wishes", "manager_b", ed(pk="app_submitted_a.pk"), why="A's application"),
    guess("funding_meeting_grid", "organiser", OTHER, why="other edition"),
    guess("funding_staff_calls", "organiser", OTHER, why="other edition"),
    guess("funding_meeting_outcome", "manager_a", ed(pk="meeting_other.pk"), "post", "other edition's meeting"),
    guess("funding_meeting_screen", "anonymous", DRAFT, why="draft edition"),
    guess("funding_followup_list", "organiser", ed(pk="funding_call_other.pk"), why="other edition's call"),
    guess("funding_report_page", "manager_b", ed(pk="app_granted_a.pk"), why="A's funded project"),
    guess("funding_report_page", "manager_b", ed(pk="app_granted_a.pk"), "post", "A's funded project"),
    guess("funding_report_download", "manager_a", ed(pk="app_granted_a.pk", report_pk="report_b.pk"), why="B's report under A"),
    guess("funding_application_notify", "organiser", ed(pk="app_other.pk"), "post", "other edition's application"),
    guess("funding_call_create", "organiser", OTHER, "post", "other edition", data=lambda w: _funding_call_body()),
    guess("funding_call_edit", "organiser", ed(pk="funding_call_other.pk"), why="other edition's call"),
    guess("funding_call_edit", "organiser", ed(pk="funding_call_other.pk"), "post", "other edition's call",
          data=lambda w: _funding_call_body()),
    guess("funding_schedule_build", "organiser", OTHER, "post", "other edition"),
    guess("funding_meeting_board", "organiser", OTHER, why="other edition"),
    guess("funding_meeting_move", "organiser", ed(pk="meeting_other.pk"), "post", "other edition's meeting",
          data=lambda w: {"slot": "1"}),
    guess("funding_jury_manage", "organiser", ed(pk="funding_call_other.pk"), why="other edition's call"),
    guess("funding_jury_manage", "organiser", ed(pk="funding_call_other.pk"), "post", "other edition's call",
          data=lambda w: {"action": "criterion", "criterion-name": "X", "criterion-weight": "1", "criterion-order": "1"}),
    guess("funding_juror_remove", "organiser", ed(pk="funding_call_other.pk", user_pk="reviewer_1.pk"), "post", "other edition's call"),
    guess("funding_juror_invitation_revoke", "organiser", ed(pk="funding_call.pk", invitation_pk="juror_invitation_other.pk"), "post", "other call's invitation"),
    guess("funding_criterion_edit", "organiser", ed(pk="funding_call.pk", criterion_pk="criterion_other.pk"), why="other call's criterion"),
    guess("funding_criterion_edit", "organiser", ed(pk="funding_call.pk", criterion_pk="criterion_other.pk"), "post", "other call's criterion",
          data=lambda w: {"name": "X", "weight": "1", "order": "1"}),
    guess("funding_criterion_delete", "organiser", ed(pk="funding_call.pk", criterion_pk="criterion_other.pk"), "post", "other call's criterion"),
    guess("funding_report_version_download", "organiser", ed(pk="app_granted_a.pk", version_pk="report_version_b.pk"), why="B's report version under A"),
    guess("funding_my_meetings_pdf", "manager_a", DRAFT, why="draft edition"),
]  # fmt: skip
VOLUNTEER_GUESSES = [
    guess("volunteer_detail", "manager_b", kw(pk="participant.pk"), why="applied to A, not to B"),
    guess("volunteer_detail", "member_a", kw(pk="participant.pk"), why="another person's profile"),
    guess("training_cancel", "participant", kw(pk="training_session_open.pk"), "post", "no booking of theirs"),
    guess("training_attendance", "manager_b", kw(pk="training_session_past.pk"), why="A's training"),
    guess("training_attendance", "manager_b", kw(pk="training_session_past.pk"), "post", "A's training",
          data=lambda w: {"present": [w.booking_past.pk]}),
    guess("mission_create", "manager_a", kw(slug="org_b.slug"), "post", "mission in B's name",
          data=lambda w: _mission_body()),
    guess("mission_edit", "manager_b", kw(pk="mission_a.pk"), why="A's mission"),
    guess("mission_edit", "manager_b", kw(pk="mission_a.pk"), "post", "A's mission", data=lambda w: _mission_body()),
    guess("mission_applications", "manager_b", kw(pk="mission_a.pk"), why="A's mission"),
    guess("application_decide", "manager_a", kw(pk="mission_a.pk", application_pk="application_b.pk"), "post",
          "B's application under A's mission", data=lambda w: {"decision": "accept"}),
    guess("application_decide", "manager_a", kw(pk="mission_b.pk", application_pk="application_b.pk"), "post",
          "B's application", data=lambda w: {"decision": "accept"}),
    guess("application_hours", "manager_a", kw(pk="mission_past_a.pk", application_pk="application_b.pk"), "post",
          "hours for someone who never applied to A", data=lambda w: {"hours": "3"}),
    guess("shift_list", "participant", DRAFT, why="draft edition"),
    guess("shift_signup", "participant", ed(pk="shift_other.pk"), "post", "other edition's shift"),
    guess("shift_leave", "participant", ed(pk="shift_2.pk"), "post", "a shift not theirs"),
    guess("staff_shifts", "organiser", OTHER, why="other edition"),
    guess("staff_shifts", "organiser", OTHER, "post", "other edition"),
    guess("application_withdraw", "participant", kw(pk="mission_b.pk"), "post", "someone else's application"),
    guess("organisation_missions", "manager_a", kw(slug="org_b.slug"), why="B's missions"),
    guess("staff_trainings", "manager_a", kw(slug="org_b.slug"), why="B's trainings"),
    guess("staff_trainings", "manager_a", kw(slug="org_b.slug"), "post", "a training in B's name",
          data=lambda w: _training_body()),
    guess("staff_training_edit", "manager_b", kw(pk="training_a.pk"), why="A's training"),
    guess("staff_training_edit", "manager_b", kw(pk="training_a.pk"), "post", "A's training",
          data=lambda w: {**_training_body(), "action": "save"}),
    guess("staff_session_capacity", "manager_b", kw(pk="training_session.pk"), "post", "A's session",
          data=lambda w: {"capacity": "5"}),
    guess("staff_session_time", "manager_b", kw(pk="training_session.pk"), why="A's session"),
    guess("staff_session_time", "manager_b", kw(pk="training_session.pk"), "post", "A's session",
          data=lambda w: _session_time_body()),
    guess("place_rooms", "manager_a", kw(slug="org_a.slug"), why="A lends no room"),
    guess("place_rooms", "manager_a", kw(slug="org_a.slug"), "post", "A lends no room",
          data=lambda w: _room_booking_body(w)),
    guess("place_agenda", "manager_a", kw(slug="org_a.slug"), why="A lends no room"),
    guess("place_agenda_ics", "manager_a", kw(slug="org_a.slug"), why="A lends no room"),
    guess("room_booking_cancel", "manager_b", kw(pk="room_booking_a.pk"), "post", "A's booking"),
    guess("place_room_requests", "manager_a", kw(slug="org_a.slug"), why="A lends no room"),
    guess("place_rooms_staff", "manager_b", kw(slug="org_a.slug"), why="A's rooms"),
    guess("place_rooms_staff", "manager_b", kw(slug="org_a.slug"), "post", "a room in A's name",
          data=lambda w: _lent_room_body("Salle de B")),
    guess("lent_room_edit", "manager_a", kw(pk="lent_room.pk"), why="B's room"),
    guess("lent_room_edit", "manager_a", kw(pk="lent_room.pk"), "post", "B's room",
          data=lambda w: {**_lent_room_body("Salle de A"), "action": "save"}),
    guess("room_booking_approve", "manager_a", kw(pk="room_request_a.pk"), "post", "a request for B's room"),
    guess("room_booking_refuse", "manager_a", kw(pk="room_request_a.pk"), "post", "a request for B's room",
          data=lambda w: {f"{w.room_request_a.pk}-reason": "Non."}),
]  # fmt: skip

GUESSES = [
    *GUESSES, *OUTCOME_GUESSES, *REPORT_GUESSES, *PRINTED_GUESSES, *FUNDING_GUESSES,
    *VOLUNTEER_GUESSES,
]  # fmt: skip

# URLs whose parameters name no guessable object, with the reason.
GUESS_EXEMPT = {
    "confirm_email": "signed token; a forged one is refused (400) in the matrix",
    "password_reset_confirm": "Django's reset token; a forged one shows the invalid-link page",
    "invitation_accept": "signed token; the matrix checks only its addressee may accept it",
    "funding_juror_invitation_accept": "signed token; no world role is its addressee, so the "
    "matrix checks none may accept it (the addressee joins: tests/funding/test_jury.py)",
    "legal": "static pages",
    "messaging_unsubscribe": "signed token; a forged one is refused (404) in the matrix",
    "brevo_webhook": "a secret token, no object: a forged one is refused (404) in the matrix",
    "training_session_detail": "public: every upcoming training session is listed",
    "mission_detail": "public: every mission is listed",
    "training_book": "any volunteer may book any session (rules: tests/volunteers)",
    "mission_apply": "any volunteer may apply to any mission (rules: tests/volunteers)",
}


# --- running requests -----------------------------------------------------------------------


def _tables() -> list[str]:
    return [
        model._meta.db_table
        for label in (
            "congress",
            "tracks",
            "proposals",
            "funding",
            "volunteers",
            "messaging",
            "reports",
        )
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def _fingerprint(tables: list[str] | None = None) -> dict:
    """Every row of the project's tables (or of `tables`): what a refused request must leave
    untouched."""
    tables = _tables() if tables is None else tables
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one round trip: a digest per table
            digest = (
                "(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM %s t)"
            )
            digests = ", ".join(digest % quote(table) for table in tables)
            cursor.execute(f"SELECT {digests}")  # noqa: S608 - table names only
            return dict(zip(tables, cursor.fetchone(), strict=True))
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY 1")  # noqa: S608
            rows[table] = cursor.fetchall()
        return rows


def _changed(before: dict, after: dict) -> list[str]:
    return [label for label in before if before[label] != after[label]]


def _writes() -> dict[str, int] | None:
    """PostgreSQL: rows inserted, updated or deleted so far in this transaction, per table (the
    `pg_stat_xact_user_tables` counters); None elsewhere."""
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins + n_tup_upd + n_tup_del FROM pg_stat_xact_user_tables"
            " WHERE schemaname = current_schema()"
        )
        return dict(cursor.fetchall())


def _touched(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """The project's tables that received a write between the two counts."""
    return [table for table in _tables() if after.get(table, 0) != before.get(table, 0)]


def _send(client: Client, method: str, url: str, api: bool, data=None):
    if method == "get":
        return client.get(url)
    if api:
        return getattr(client, method)(
            url, data=json.dumps(data or {}), content_type="application/json"
        )
    return getattr(client, method)(url, data or {})


@dataclass
class Outcome:
    status: int | None
    location: str = ""
    error: str = ""
    changed: list = field(default_factory=list)
    mails: list = field(default_factory=list)  # the recipients of each e-mail sent
    body: object = None
    text: str = ""

    def __str__(self):
        if self.error:
            return self.error
        text = str(self.status)
        if self.location:
            text += f" → {self.location}"
        if self.changed:
            text += f" (changed {', '.join(self.changed)})"
        if self.mails:
            text += f" (sent {len(self.mails)} e-mail(s))"
        return text


def session_cookies(world) -> dict[str, str]:
    """One session per role, opened once: requests then only carry the cookie."""
    cookies = {}
    for role in LOGGED_IN:
        client = Client()
        client.force_login(world.users[role])
        cookies[role] = client.cookies[settings.SESSION_COOKIE_NAME].value
    return cookies


def request_as(
    world, role: str, method: str, url: str, *, api: bool, data=None, watch: bool = True
) -> Outcome:
    """One request in a savepoint rolled back afterwards, so allowed actions leave no trace.
    With `watch`, a write request also reports the tables it changed: every table's rows are
    compared before and after. On PostgreSQL only the tables the request wrote to can differ
    (the transaction's write counters say which): their rows after the request are compared with
    their rows once the savepoint is rolled back, i.e. before the request (same result, a
    fraction of the cost)."""
    cache.clear()  # throttling counters
    client = Client()
    if role != "anonymous":
        if not hasattr(world, "_sessions"):
            world._sessions = session_cookies(world)
        client.cookies[settings.SESSION_COOKIE_NAME] = world._sessions[role]
    outbox = getattr(mail, "outbox", None)  # the test e-mail backend's
    sent = len(outbox) if outbox is not None else 0
    watched = watch and method != "get"
    writes = _writes() if watched else None
    touched = None
    with transaction.atomic():
        before = _fingerprint() if watched and writes is None else None
        try:
            response = _send(client, method, url, api, data)
        except Exception as error:  # a 500: reported as a mismatch, not a crash
            transaction.set_rollback(True)
            return Outcome(None, error=f"{type(error).__name__}: {error}"[:160])
        outcome = Outcome(response.status_code)
        if response.status_code in (301, 302, 303):
            outcome.location = urlparse(response["Location"]).path
        if before is not None:
            outcome.changed = _changed(before, _fingerprint())
        elif writes is not None:
            touched = _touched(writes, _writes())
            after = _fingerprint(touched) if touched else {}
        if watched:
            outcome.mails = [list(m.to) for m in mail.outbox[sent:]] if outbox is not None else []
        if api and response.status_code == 200 and method == "get":
            outcome.body = response.json()
        elif (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/")
        ):
            outcome.text = response.content.decode()
        if response.streaming:  # read to the end: the test client then closes the file
            b"".join(response.streaming_content)
        transaction.set_rollback(True)
    if touched:  # the savepoint is rolled back: these are the rows before the request
        outcome.changed = _changed(_fingerprint(touched), after)
    return outcome


def matches(expected: str, outcome: Outcome, *, api: bool) -> bool:
    if outcome.status is None:
        return False
    if (expected in REFUSALS or expected == "noop") and (outcome.changed or outcome.mails):
        return False
    code = outcome.status
    to_login = outcome.location == reverse("login")
    if expected == "login":
        return code == 302 and to_login
    if expected == "deny":
        return code in ({401, 403, 404} if api else {403, 404})
    if expected == "done":
        return code in (200, 201, 204) or (code in (302, 303) and not to_login)
    if expected in ("302", "noop"):
        return code == 302 and not to_login
    return code == int(expected)


def report(mismatches: list[tuple[str, str, str, str]]) -> str:
    header = ("url", "role", "expected", "got")
    widths = [max(len(str(row[i])) for row in [header, *mismatches]) for i in range(4)]
    lines = [
        "  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True))
        for row in [header, *mismatches]
    ]
    return f"{len(mismatches)} permission mismatch(es):\n" + "\n".join(lines)


# --- the URL patterns -------------------------------------------------------------------------


def _walk(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern.name


def url_patterns() -> dict[str, str]:
    """Named URL patterns of the site (name -> route), minus the skipped ones."""
    found = {}
    for route, name in _walk(get_resolver().url_patterns):
        if route.startswith(SKIPPED_ROUTE_PREFIXES) or name in SKIPPED_NAMES:
            continue
        found.setdefault(name or f"<unnamed {route}>", route)
    return found


def _parameters(route: str) -> set[str]:
    import re

    names = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
    return names - {"format"}


# --- the tests --------------------------------------------------------------------------------


def test_permission_matrix_covers_every_url_pattern():
    patterns = url_patterns()
    covered = {case.name for case in MATRIX}
    uncovered = sorted(set(patterns) - covered)
    unknown = sorted(covered - set(patterns))
    assert not uncovered and not unknown, (
        "URL patterns without a permission decision in the matrix (add them to PAGES/API):\n"
        + "\n".join(f"  {name}: {patterns[name]}" for name in uncovered)
        + (
            "\nMatrix entries for patterns that no longer exist: " + ", ".join(unknown)
            if unknown
            else ""
        )
    )


def test_every_allowed_write_declares_one_kind_of_effect():
    """An effect listed twice would be silently skipped (NO_DB_EFFECT is checked first)."""
    assert set(NO_DB_EFFECT) & (set(WRITE_EFFECTS) | set(MAIL_EFFECTS)) == set()
    titles = {case.title for case in MATRIX}
    stale = (set(NO_DB_EFFECT) | set(WRITE_EFFECTS) | set(MAIL_EFFECTS) | set(WRITE_DATA)) - titles
    assert stale == set(), f"declared for no case of the matrix: {sorted(stale)}"


def test_every_object_url_is_also_tried_with_another_objects_id():
    object_urls = {name for name, route in url_patterns().items() if _parameters(route)}
    guessed = {g.name for g in GUESSES}
    missing = sorted(object_urls - guessed - set(GUESS_EXEMPT))
    assert missing == [], f"object URLs never tried with a guessed id (add to GUESSES): {missing}"


# The matrix is walked in slices, each with its own world, so that the workers share it.
SLICES = 4


@pytest.mark.parametrize("part", range(SLICES))
def test_permission_matrix_every_role_on_every_url(world, caplog, part):
    caplog.set_level(logging.CRITICAL, logger="django.request")  # hundreds of expected 403/404
    mismatches = []
    for case in MATRIX[part::SLICES]:
        assert set(case.expected) == set(ROLES), f"{case.title}: a decision for every role"
        url = reverse(case.name, kwargs=case.kwargs(world))
        write = case.method != "get"
        data = WRITE_DATA[case.title](world) if case.title in WRITE_DATA else None
        for role in ROLES:
            expected = case.expected[role]
            outcome = request_as(world, role, case.method, url, api=case.api, data=data)
            if not matches(expected, outcome, api=case.api):
                mismatches.append((f"{case.method.upper()} {url}", role, expected, str(outcome)))
            elif write and expected not in REFUSALS and expected != "noop":
                mail_to = (
                    MAIL_EFFECTS[case.title](world, role) if case.title in MAIL_EFFECTS else None
                )
                if problem := write_effect_mismatch(case, expected, outcome, mail_to):
                    mismatches.append(
                        (f"{case.method.upper()} {url}", role, expected, f"{outcome}: {problem}")
                    )
    assert not mismatches, report(mismatches)


def _empty_list(body) -> bool:
    if isinstance(body, dict) and "results" in body:
        body = body["results"]
    return body == []


def test_no_object_reachable_by_guessing_its_id(world, caplog):
    caplog.set_level(logging.CRITICAL, logger="django.request")
    mismatches = []
    for g in GUESSES:
        url = reverse(g.name, kwargs=g.kwargs(world)) + (f"?{g.query}" if g.query else "")
        data = g.data(world) if g.data else None
        outcome = request_as(world, g.role, g.method, url, api=g.api, data=data)
        # Lists scoped to an edition may answer an empty list rather than 404.
        hidden = (
            matches("deny", outcome, api=g.api)
            or (g.api and g.method == "get" and outcome.status == 200 and _empty_list(outcome.body))
            or (
                g.absent
                and outcome.status == 200
                and kw(x=g.absent)(world)["x"] not in outcome.text
            )
        )
        if not hidden:
            mismatches.append((f"{g.method.upper()} {url} ({g.why})", g.role, "deny", str(outcome)))
    assert not mismatches, report(mismatches)


# Who sees which objects in the API's lists (the rest of the world must not appear).
LIST_VISIBILITY = {
    "order-list": {
        "participant": ["participant_registration.order_id"],
        "manager_a": ["order_a.pk"],
        "manager_b": ["order_b.pk"],
        "organiser": ["order_a.pk", "order_b.pk", "participant_registration.order_id", "attendee_registration.order_id", "walk_in_order.pk"],
        # The desk volunteer sees the walk-in order they placed at the desk.
        "reviewer_2": ["walk_in_order.pk"],
    },
    "proposal-list": {
        "member_a": ["proposal_draft_a.pk", "proposal_submitted_a.pk", "proposal_accepted_a.pk"],
        "manager_a": ["proposal_draft_a.pk", "proposal_submitted_a.pk", "proposal_accepted_a.pk"],
        "member_b": ["proposal_draft_b.pk", "proposal_submitted_b.pk"],
        "manager_b": ["proposal_draft_b.pk", "proposal_submitted_b.pk"],
    },
    "review-list": {"reviewer_1": ["review_1.pk"], "reviewer_2": ["review_2.pk"]},
    "workshop-signup-list": {"participant": ["signup.pk"]},
    "outcome-list": {
        "organiser": ["outcome_1.pk", "outcome_2.pk"],
        "moderator_1": ["outcome_1.pk"],
        "moderator_2": ["outcome_2.pk"],
    },
    "policy-proposal-list": {
        role: ["policy_validated_1.pk", "policy_validated_2.pk"]
        + {"moderator_1": ["policy_submitted_1.pk"], "moderator_2": ["policy_submitted_2.pk"],
           "organiser": ["policy_submitted_1.pk", "policy_submitted_2.pk"]}.get(role, [])
        for role in LOGGED_IN
    },
    "endorsement-list": {"participant": ["endorsement.pk"]},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(LIST_VISIBILITY))
def test_api_lists_show_each_role_only_its_objects(world, name):
    url = reverse(name, kwargs={"congress_slug": world.edition.slug})
    mismatches = []
    for role in LOGGED_IN:
        expected = sorted(
            kw(**{str(i): p for i, p in enumerate(LIST_VISIBILITY[name].get(role, []))})(
                world
            ).values()
        )
        outcome = request_as(world, role, "get", url, api=True)
        body = (
            outcome.body if isinstance(outcome.body, list) else (outcome.body or {}).get("results")
        )
        got = sorted(item["id"] for item in body) if body is not None else str(outcome)
        if got != expected:
            mismatches.append((url, role, str(expected), str(got)))
    assert not mismatches, report(mismatches)


# Who sees which objects on the pages that list them: (page, markers, role -> visible markers).
# A marker is an object whose title must appear on the page for those roles, and only for them.
PROPOSALS = [
    "proposal_draft_a",
    "proposal_submitted_a",
    "proposal_accepted_a",
    "proposal_draft_b",
    "proposal_submitted_b",
]
A_PROPOSALS = PROPOSALS[:3]
B_PROPOSALS = PROPOSALS[3:]
POLICIES = ["policy_validated_1", "policy_submitted_1", "policy_validated_2", "policy_submitted_2"]
PUBLIC_POLICIES = ["policy_validated_1", "policy_validated_2"]
PAGE_VISIBILITY = {
    "proposal_list": (
        PROPOSALS,
        {"member_a": A_PROPOSALS, "manager_a": A_PROPOSALS, "member_b": B_PROPOSALS,
         "manager_b": B_PROPOSALS},
    ),
    "review_list": (
        PROPOSALS,
        {"reviewer_1": ["proposal_submitted_a", "proposal_accepted_a"],
         "reviewer_2": ["proposal_submitted_b"]},
    ),
    "outcome_workshop_list": (
        ["workshop_1", "workshop_2"],
        {"organiser": ["workshop_1", "workshop_2"], "moderator_1": ["workshop_1"],
         "moderator_2": ["workshop_2"]},
    ),
    "my_programme": (
        ["workshop_1", "workshop_2"],
        {"participant": ["workshop_1"], "moderator_1": ["workshop_1"],
         "moderator_2": ["workshop_2"]},
    ),
    "public_policy_list": (POLICIES, dict.fromkeys(ROLES, PUBLIC_POLICIES)),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(PAGE_VISIBILITY))
def test_pages_list_each_role_only_its_objects(world, name):
    markers, visible = PAGE_VISIBILITY[name]
    url = reverse(name, kwargs={"congress_slug": world.edition.slug})
    mismatches = []
    for role in ROLES:
        outcome = request_as(world, role, "get", url, api=False)
        refused = next(c for c in MATRIX if c.name == name).expected[role] in REFUSALS
        if refused and (
            matches("deny", outcome, api=False) or matches("login", outcome, api=False)
        ):
            continue  # a refusal the matrix expects; anything else (a 500 too) must be a 200
        if outcome.status != 200:
            mismatches.append((url, role, "200", str(outcome)))
            continue
        got = sorted(m for m in markers if world.objects[m].title in outcome.text)
        expected = sorted(visible.get(role, []))
        if got != expected:
            mismatches.append((url, role, str(expected), str(got)))
    assert not mismatches, report(mismatches)
