"""Forms on a phone and a tablet (issue 14): the error summary takes the focus and links to the
fields in error; long lists of organisations are checkboxes with a filter box."""

import unicodedata

import pytest

from congress.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from tests.e2e.conftest import log_in
from tests.test_error_summary import demo_workshop_of_the_moderator

pytestmark = pytest.mark.django_db(transaction=True)

FOCUSED_SUMMARY = "() => document.activeElement.hasAttribute('data-error-summary')"


def test_an_empty_sign_up_focuses_the_summary_whose_links_lead_to_the_fields(web):
    web.page.set_viewport_size({"width": 375, "height": 700})
    web.go("/account/signup/")
    assert web.page.get_by_text("sont obligatoires").is_visible()
    web.page.get_by_role("button", name="Créer mon compte").click()
    web.page.wait_for_load_state("load")
    assert web.page.evaluate(FOCUSED_SUMMARY)
    summary = web.page.locator("[data-error-summary]")
    assert summary.get_by_role("heading").inner_text().startswith("Le formulaire contient")
    first_link = summary.get_by_role("link").first
    target = first_link.get_attribute("href")[1:]
    first_link.click()
    assert web.page.evaluate("() => document.activeElement.id") == target
    web.axe(context="sign-up with errors")
    web.screenshot("form-error-summary-375")


def test_the_moderator_finds_organisations_with_the_filter_box(seeded_demo, web):
    congress_slug, session_pk = demo_workshop_of_the_moderator()
    log_in(web, f"animateur@{DEMO_DOMAIN}", DEMO_PASSWORD)
    web.page.set_viewport_size({"width": 800, "height": 1000})  # a tablet
    web.go(f"/congresses/{congress_slug}/outcomes/{session_pk}/")
    group = web.page.get_by_role("group", name="Organisations présentes")
    total = group.get_by_role("checkbox").count()
    assert total > 3
    # Type a word of an organisation not ticked yet, without its accents or capitals.
    name = group.locator(".form-check:has(input:not(:checked)) label").first.inner_text().strip()
    word = max(name.split(), key=len)
    typed = "".join(
        c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c)
    ).lower()
    group.get_by_label("Filtrer les organisations").fill(typed)
    # Shown: the matching choices, and those already ticked (a filter never hides a choice made).
    rows = group.locator(".form-check:not([hidden])").evaluate_all(
        "items => items.map(i => [i.textContent.trim(), i.querySelector('input').checked])"
    )
    assert [n for n, ticked in rows if not ticked and word.lower() not in n.lower()] == []
    assert name in [n for n, _ticked in rows]
    assert len(rows) < total
    group.get_by_label(name).check()
    group.get_by_label("Filtrer les organisations").press("Enter")  # does not submit
    assert web.page.url.endswith(f"/outcomes/{session_pk}/")
    group.get_by_label("Filtrer les organisations").fill("")
    assert group.locator(".form-check:not([hidden])").count() == total
    web.axe(context="outcome form with the filter")
    web.screenshot("outcome-organisations-filter")
