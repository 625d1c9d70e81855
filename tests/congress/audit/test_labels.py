"""The audit log speaks words (issue 14): every action code recorded anywhere in the code base
has a French label (and an English translation), details read as words."""

import ast
import re
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation

from congress.audit.labels import ACTION_LABELS, action_label, readable_details
from congress.audit.services import audit_record
from tests.factories import CongressFactory, UserFactory

ROOT = Path(__file__).resolve().parents[3]
APPS = ("congress", "tracks", "proposals", "funding", "volunteers", "messaging", "reports")
# The values an f-string code is built from, where the code builds one (proposal.{decision}…).
PLACEHOLDER_VALUES = {
    "export": ["csv", "xlsx"],
    "file_format": ["csv", "xlsx"],
    "decision": ["accepted", "waitlisted", "rejected"],
    "kind": ["outcome", "policy_proposal"],
    "action": ["reopened", "validated", "set_aside", "merged", "split", "restored"],
}


def recorded_codes() -> set[str]:
    """Every `action=` given to `audit_record` in the code base; f-strings expanded over the
    values their placeholders take."""
    codes = set()
    for app in APPS:
        for path in (ROOT / app).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if not (isinstance(node, ast.Call) and _name(node.func) == "audit_record"):
                    continue
                for keyword in node.keywords:
                    if keyword.arg == "action":
                        codes |= _expand(keyword.value, path)
    return codes


def _name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _expand(value, path) -> set[str]:
    if isinstance(value, ast.Constant):
        return {value.value}
    if isinstance(value, ast.IfExp):  # "a" if creating else "b"
        return _expand(value.body, path) | _expand(value.orelse, path)
    assert isinstance(value, ast.JoinedStr), f"{path}: an audit action neither text nor f-string"
    results = [""]
    for part in value.values:
        if isinstance(part, ast.Constant):
            results = [r + part.value for r in results]
        else:
            name = ast.unparse(part.value)
            assert name in PLACEHOLDER_VALUES, f"{path}: say which values {{{name}}} takes"
            results = [r + v for r in results for v in PLACEHOLDER_VALUES[name]]
    return set(results)


def test_every_action_code_of_the_code_base_has_a_label():
    codes = recorded_codes()
    assert len(codes) > 40  # the walk finds the code base's calls
    assert sorted(codes - set(ACTION_LABELS)) == []


def test_every_label_is_translated_into_english():
    with translation.override("en"):
        untranslated = [
            code for code, label in ACTION_LABELS.items() if str(label) == label._args[0]
        ]
    assert untranslated == []


def test_details_read_as_words():
    with translation.override("fr"):
        assert readable_details(
            {"shift": 7, "shift_title": "Accueil", "granted": True, "day": "2027-06-01"}
        ) == [("créneau", "Accueil"), ("accordée", "oui"), ("jour", "1er juin 2027")]
        assert readable_details({"paid": ["A-1", "A-2"], "side": "funder", "note": ""}) == [
            ("payées", "A-1, A-2"),
            ("côté", "financeur"),
            ("note", "—"),
        ]
        assert readable_details({"filters": {"state": "paid"}, "x": 3}) == [
            ("filtres", "state\u202f: paid"),
            ("x", "3"),
        ]
        assert readable_details({"starts_at": "2027-06-01T09:30:00"}) == [
            ("début", "1er juin 2027 09:30")
        ]
        assert readable_details(None) == []
        assert action_label("desk.grant") == "Accès à l'accueil donné"
        assert action_label("unknown.code") == "unknown.code"


@pytest.mark.django_db
def test_the_log_shows_labels_not_codes(client):
    congress = CongressFactory()
    organiser = UserFactory()
    congress.organisers.add(organiser)
    audit_record(actor=organiser, action="desk.grant", congress=congress, details={"shift": 1})
    client.force_login(organiser)
    with translation.override("fr"):
        page = client.get(reverse("staff_audit_log", args=[congress.slug])).content.decode()
    assert "Accès à l&#x27;accueil donné" in page
    assert "desk.grant</" not in page
    assert re.search(r"shift\s*:", page) is None
