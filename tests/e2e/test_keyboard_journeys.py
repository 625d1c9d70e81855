"""Keyboard-only journeys over the demo edition: after the first page is loaded, the browser is
driven with ``page.keyboard`` only (Tab, Shift+Tab, Enter, Space, arrows, typing).

On every page: the skip link is the first focusable element and moves the focus to <main>,
every element reached with Tab shows a visible focus indicator (outline or box-shadow), and
axe-core finds no violation.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from congress.accounts.demo import DEMO_DOMAIN, DEMO_PASSWORD
from congress.editions.models import Congress
from congress.registrations.models import Order, OrderState, PaymentMethod, Registration
from proposals.models import CallForProposals, ProposalState, WorkshopProposal

pytestmark = pytest.mark.django_db(transaction=True)


def current_slug() -> str:
    """The edition on the demo's home page: the upcoming one, open for registration and
    proposals (seed_demo)."""
    return Congress.objects.current().slug


MAX_TABS = 120

# What has the focus, and can a sighted keyboard user see it?
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
    && s.outlineColor !== 'rgba(0, 0, 0, 0)';
  const shadow = s.boxShadow !== 'none' && !/^rgba\\(0, 0, 0, 0\\)/.test(s.boxShadow);
  const box = el.getBoundingClientRect();
  return {
    html: el.outerHTML.slice(0, 160),
    id: el.id,
    visible: (outline || shadow) && box.width > 0 && box.height > 0,
    selected: el.tagName === 'SELECT' ? (el.selectedOptions[0] || {}).text || '' : null,
    checked: el.type === 'checkbox' ? el.checked : null,
  };
}"""


@pytest.fixture
def demo(seeded_demo):
    """The demo as `seed_demo` leaves it (tests/demo_snapshot.py)."""


class Keyboard:
    """A person who only uses the keyboard; checks the focus after every key."""

    def __init__(self, web):
        self.web = web
        self.page = web.page
        self.keys = web.page.keyboard
        # Bootstrap animates focus rings: without motion the computed style is the final one.
        self.page.emulate_media(reduced_motion="reduce")

    def focused(self) -> dict | None:
        return self.page.evaluate(FOCUS_JS)

    def tab(self, *, back: bool = False) -> dict | None:
        """Press Tab; None when the focus left the page (past its last element: it wraps)."""
        self.keys.press("Shift+Tab" if back else "Tab")
        focus = self.focused()
        assert focus is None or focus["visible"], (
            f"Focus not visible on {self.page.url}: {focus['html']}"
        )
        return focus

    def tab_to(self, selector: str, *, back: bool = False) -> dict:
        """Tab (or Shift+Tab) until the element matching ``selector`` has the focus."""
        wraps = 0
        for _ in range(MAX_TABS):
            focus = self.tab(back=back)
            if focus is None:
                wraps += 1
                assert wraps < 2, f"{selector} is not in the Tab order of {self.page.url}"
                continue
            if self.page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return focus
        raise AssertionError(f"{selector} not reached with {MAX_TABS} Tabs on {self.page.url}")

    def arrive(self, context: str):
        """A new page: axe, then the skip link is the first Tab stop and moves focus to <main>
        (unless a field of <main> has the focus already)."""
        self.page.wait_for_load_state()
        self.web.axe(context=context)
        if self.focused() is not None:
            # An autofocused field (the login form): it must already be in <main>.
            assert self.page.evaluate("!!document.activeElement.closest('main')"), context
            return
        focus = self.tab()
        assert focus and 'class="skip-link"' in focus["html"], (
            f"first Tab stop on {context}: {focus}"
        )
        self.keys.press("Enter")
        assert self.page.evaluate("document.activeElement.id") == "main", context

    def follow(self, selector: str, context: str):
        """Tab to a link or button and press Enter; wait for the next page."""
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.keys.press("Enter")
        self.arrive(context)

    def type_into(self, selector: str, text: str):
        self.tab_to(selector)
        self.keys.press("Control+A")
        self.keys.type(text)

    def choose(self, selector: str, option_prefix: str):
        """Pick an option of a (closed) <select> with the arrow keys."""
        focus = self.tab_to(selector)
        self.keys.press("Home")
        for _ in range(30):
            focus = self.focused()
            if focus["selected"].startswith(option_prefix):
                return
            self.keys.press("ArrowDown")
        raise AssertionError(f"no option {option_prefix!r} in {selector}: {focus}")

    def log_in(self, email: str):
        self.follow("a[href='/account/login/']", "login")
        self.type_into("#id_username", email)
        self.type_into("#id_password", DEMO_PASSWORD)
        with self.page.expect_navigation():
            self.keys.press("Enter")
        self.arrive("account")


def start(new_browser) -> Keyboard:
    web = new_browser()
    web.go("/")  # the only navigation not made with the keyboard
    person = Keyboard(web)
    person.arrive("home")
    return person


def fill_delegate(person: Keyboard, name: str, email: str):
    person.type_into("#id_d0-full_name", name)
    person.type_into("#id_d0-email", email)
    person.type_into("#id_d0-function", "Coordinatrice bénévole")
    person.tab_to("#id_d0-needs_step_free")
    person.keys.press("Space")
    assert person.focused()["checked"] is True


def open_registration(person: Keyboard, organisation_prefix: str):
    person.follow(f"a[href='/congresses/{current_slug()}/register/']", "registration start")
    person.choose("#id_organisation", organisation_prefix)
    person.type_into("#id_count", "1")
    person.follow("form[method=get] button[type=submit]", "order form")


def test_association_manager_registers_a_delegate_with_the_keyboard_only(new_browser, demo):
    person = start(new_browser)
    person.log_in(f"asso@{DEMO_DOMAIN}")
    open_registration(person, "Épicerie solidaire du Maine")
    person.choose("#id_tariff", "Association")
    fill_delegate(person, "Awa Keita", "awa.keita@example.org")
    # No Stripe keys here: card is not offered; the transfer is (the edition has an IBAN).
    person.follow("main form button[value=review]", "review step")
    assert person.page.get_by_test_id("review-method").inner_text() == "Virement bancaire"
    person.follow("main form button[value=confirm]", "order awaiting the transfer")
    assert person.page.get_by_test_id("order-state").inner_text() == "En attente de virement"
    registration = Registration.objects.select_related("order").get(email="awa.keita@example.org")
    assert registration.order.organisation.slug == "demo-02"
    assert registration.order.placed_by.email == f"asso@{DEMO_DOMAIN}"
    assert registration.order.payment_method == PaymentMethod.TRANSFER
    assert registration.order.state == OrderState.AWAITING_TRANSFER
    assert registration.needs_step_free is True
    person.web.screenshot("keyboard-association-order")


def test_ccas_manager_registers_a_delegate_on_invoice_with_the_keyboard_only(new_browser, demo):
    person = start(new_browser)
    person.log_in(f"ccas@{DEMO_DOMAIN}")
    open_registration(person, "CCAS du Mans")
    person.choose("#id_tariff", "CCAS")
    person.type_into("#id_code_service", "SOLIDARITES-72")
    person.type_into("#id_engagement_number", "EJ-2024-0777")
    fill_delegate(person, "Hugo Lambert", "hugo.lambert@example.org")
    person.follow("main form button[value=review]", "review step")
    assert person.page.get_by_test_id("review-method").inner_text() == (
        "Facture (mandat administratif)"
    )
    person.follow("main form button[value=confirm]", "invoiced order")
    assert (
        person.page.get_by_test_id("order-state").inner_text()
        == "En attente de mandat administratif"
    )
    order = Order.objects.get(registrations__email="hugo.lambert@example.org")
    assert order.payment_method == PaymentMethod.INVOICE
    assert order.state == OrderState.AWAITING_MANDATE
    assert order.engagement_number == "EJ-2024-0777"
    assert order.invoices.count() == 1


def test_member_writes_and_submits_a_workshop_proposal_with_the_keyboard_only(new_browser, demo):
    slug = current_slug()
    CallForProposals.objects.filter(congress__slug=slug).update(
        closes_at=timezone.now() + timedelta(days=7)
    )
    person = start(new_browser)
    person.log_in(f"participant@{DEMO_DOMAIN}")
    person.follow(f"main a[href='/congresses/{slug}/proposals/']", "my proposals")
    person.follow(f"main a[href='/congresses/{slug}/proposals/new/']", "proposal form")
    person.choose("#id_organisation", "Épicerie solidaire du Maine")
    person.type_into("#id_title", "Un frigo partagé au pied de chaque immeuble")
    person.choose("#id_track", "L'aide alimentaire")
    person.type_into("#id_context", "Des familles sans accès aux produits frais le week-end.")
    person.type_into("#id_actions", "Trois frigos partagés, approvisionnés par les commerçants.")
    person.type_into("#id_results", "Deux tonnes de produits sauvés par an ; transposable.")
    person.type_into("#id_departement", "72")
    person.type_into("#id_commune", "Le Mans")
    person.type_into("#id_speakers-0-name", "Nadia Martin")
    person.type_into("#id_speakers-0-function", "Coordinatrice")
    person.follow("main form button[type=submit]", "draft proposal")
    proposal = WorkshopProposal.objects.get(title="Un frigo partagé au pied de chaque immeuble")
    assert proposal.state == ProposalState.DRAFT
    person.follow(f"main form[action$='/proposals/{proposal.pk}/submit/'] button", "submitted")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.organisation.slug == "demo-02"
    assert proposal.track.slug == "aide-alimentaire"
    assert proposal.created_by.email == f"participant@{DEMO_DOMAIN}"
    assert list(proposal.speakers.values_list("name", flat=True)) == ["Nadia Martin"]
    person.web.screenshot("keyboard-proposal-submitted")
