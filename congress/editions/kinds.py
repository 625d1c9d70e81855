"""Kinds of edition and their feature switches (issue 15).

An edition is a congress (delegates registered and paid for by their organisation, a call for
workshop proposals, outcomes and policy proposals), a public programme of many activities (a
week across a city, free sign-up per activity) or a single evening with stands. The kind only
sets the defaults of the switches; each edition stores its own choices (``Congress.features``),
so organisers turn a feature on or off without any fork of the code.

Other apps declare their own features here with ``feature_register`` (from their ``apps.py``):
an edition without a stored choice gets the default of its kind, so no migration of the edition
model is needed to attach a new feature.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class EditionKind(models.TextChoices):
    CONGRESS = "congress", _("Congrès")
    PROGRAMME = "programme", _("Programme public d'activités")
    EVENING = "evening", _("Soirée avec stands")


@dataclass(frozen=True)
class Feature:
    code: str
    label: str
    on_for: frozenset  # kinds where the feature is on by default
    url_names: tuple = ()  # pages of the feature: 404 when it is off


FEATURES: dict[str, Feature] = {}


def feature_register(code: str, label, *, on_for, url_names=()) -> Feature:
    feature = Feature(code, label, frozenset(on_for), tuple(url_names))
    FEATURES[code] = feature
    return feature


def kind_defaults(kind: str) -> dict[str, bool]:
    return {code: kind in feature.on_for for code, feature in FEATURES.items()}


def feature_for_url_name(url_name: str) -> str | None:
    for code, feature in FEATURES.items():
        if url_name in feature.url_names:
            return code
    return None


C, P, E = EditionKind.CONGRESS, EditionKind.PROGRAMME, EditionKind.EVENING

feature_register(
    "paid_registration",
    _("Inscription payante des délégués par leur organisation"),
    on_for=[C],
    url_names=["registration_start", "registration_quote", "waitlist_join", "order_pay"]
    + ["tariff-list", "tariff-detail", "order-list", "order-detail", "order-cancel"],  # API
)
feature_register(
    "call_for_proposals",
    _("Appel à propositions d'ateliers"),
    on_for=[C],
    url_names=[
        "proposal_list",
        "proposal_create",
        "proposal_detail",
        "proposal_edit",
        "proposal_submit",
        "proposal_withdraw",
        "review_list",
        "review_edit",
        "call_settings",
        "ranking",
        "schedule_list",
        "proposal_schedule",
        # the API answers 404 as the pages do
        "proposal-list",
        "proposal-detail",
        "proposal-submit",
        "proposal-withdraw",
        "review-list",
        "review-detail",
    ],
)
feature_register(
    "workshop_outcomes",
    _("Comptes rendus d'ateliers et propositions aux décideurs"),
    on_for=[C],
    url_names=[
        "public_policy_list",
        "public_policy_detail",
        "endorse",
        "endorsement_withdraw",
        "policy_board",
        "outcome_workshop_list",
        "outcome_edit",
        # the API answers 404 as the pages do
        "outcome-list",
        "outcome-detail",
        "outcome-reopen",
        "policy-proposal-list",
        "policy-proposal-merge",
        "policy-proposal-detail",
        "policy-proposal-set-aside",
        "policy-proposal-split",
        "policy-proposal-validate",
        "endorsement-list",
        "endorsement-detail",
        "follow-up-list",
    ],
)
feature_register(
    "many_venues",
    _("Activités en plusieurs lieux : filtres par lieu, jour, type et thème, vue par lieu"),
    on_for=[P],
    url_names=[
        "activity_programme",
        "staff_venues",
        "staff_venue_edit",
        "staff_activities",
        "staff_activity_edit",
        "staff_venue_delete",
        "staff_activity_delete",
        "staff_activity_cancel",
    ],  # fmt: skip
)
feature_register(
    "activity_signup",
    _("Inscription libre et gratuite du public, activité par activité"),
    on_for=[P, E],
    url_names=[
        "activity_register",
        "evening_register",
        "activity_registration_detail",
        "activity_registration_cancel",
        "my_activities",
        "my_activities_list",
    ],
)
feature_register(
    "partner_activities",
    _("Activités proposées par les partenaires dans leurs lieux"),
    on_for=[P],
    url_names=[
        "partner_activity_proposals",
        "partner_activity_proposal",
        "staff_activity_proposals",
        "staff_activity_proposal",
    ],  # fmt: skip
)
# Off by default: once the programme is published, a new activity would surprise people who
# already planned their week; organisers who want late additions turn this on.
feature_register(
    "late_partner_activities",
    _("Propositions des partenaires après la publication du programme"),
    on_for=[],
)
feature_register(
    "stands",
    _("Stands d'associations et de services"),
    on_for=[E],
    url_names=[
        "stand_list",
        "stand_plan",
        "stand_guide",
        "stand_guide_pdf",
        "stand_apply",
        "stand_board",
        "stand_decide",
        "stand_plan_image",
        "stand_plan_upload",
        "stand_withdraw",
        "exhibitor_badges",
    ],  # fmt: skip
)
# Speakers' profiles: a congress's workshops and plenaries, the week's debates and the evening's
# conferences all have speakers.
feature_register(
    "speakers",
    _("Profils des intervenant·es et leur page publique"),
    on_for=[C, P, E],
    url_names=[
        "speaker_list",
        "speaker_photo",
        "speaker_edit",
        "staff_speakers",
        "staff_speaker_edit",
        "staff_speakers_import",
        "staff_speaker_email",
        "staff_speaker_confirm",
    ],  # fmt: skip
)
# Press accreditation: a national congress and a mayor's evening invite the press; the week's
# activities, spread over a city, are covered without accreditation.
feature_register(
    "press",
    _("Accréditations presse et badges « Presse »"),
    on_for=[C, E],
    url_names=[
        "press_request",
        "press_request_detail",
        "staff_press",
        "staff_press_decide",
        "staff_press_export",
        "press_badges",
    ],  # fmt: skip
)
