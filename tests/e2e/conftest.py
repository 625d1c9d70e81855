"""Browser journeys: Playwright driving Debian's Chromium, axe-core on every page visited.

axe-core is loaded with an init script (a DevTools-protocol injection that the page's Content
Security Policy does not block), so the CSP stays enforced during the tests: a CSP violation
shows up as a console error and fails the test.
"""

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(os.environ.get("AXE_PATH", ROOT / "node_modules/axe-core/axe.min.js"))
ARTIFACTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run scripts/test.sh, which installs it.")
    if not AXE.exists():
        pytest.fail(f"axe-core not found at {AXE}: run scripts/test.sh (npm ci) first.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Browser:
    """One person's browser: a Playwright page plus helpers used by every journey."""

    def __init__(self, context, base_url):
        self.context = context
        self.base_url = base_url
        self.page = context.new_page()
        self.console_errors: list[str] = []
        self.page.on(
            "console",
            lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        self.page.set_default_timeout(10_000)
        # Destructive buttons ask for confirmation (static/js/confirm.js): answer yes, like the
        # person finishing the journey would; `self.dialogs` keeps the questions asked.
        self.dialogs: list[str] = []
        self.page.on("dialog", self._accept_dialog)

    def _accept_dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.accept()

    def go(self, path: str):
        response = self.page.goto(self.base_url + path)
        return response

    def axe(self, *, context: str = ""):
        """Run axe-core on the current page; fail with a readable list of violations."""
        # After a click on a link the next page may still be loading: wait for it, or axe
        # runs against a document that is being replaced.
        from playwright.sync_api import Error as PlaywrightError

        script = "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})"
        for attempt in range(3):
            self.page.wait_for_load_state("load")
            try:
                result = self.page.evaluate(script, AXE_TAGS)
                break
            except PlaywrightError as error:  # the document was replaced while axe ran
                navigating = "documentElement" in str(error) or "context was destroyed" in str(
                    error
                )
                if not navigating or attempt == 2:
                    raise
        violations = [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["target"] for n in v["nodes"]][:5],
            }
            for v in result["violations"]
        ]
        where = context or self.page.url
        assert violations == [], f"axe violations on {where}:\n" + json.dumps(
            violations, indent=2, ensure_ascii=False
        )
        csp = [e for e in self.console_errors if "Content Security Policy" in e]
        assert csp == [], f"CSP violations on {where}: {csp}"

    def screenshot(self, name: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def new_browser(browser, live_server):
    contexts = []

    def make(locale: str = "fr-FR") -> Browser:
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        return Browser(context, live_server.url)

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def web(new_browser) -> Browser:
    return new_browser()


def log_in(web: Browser, email: str, password: str):
    web.go("/account/login/")
    web.page.get_by_label("Adresse e-mail").fill(email)
    web.page.locator("#id_password").fill(password)
    web.page.locator("#id_password").press("Enter")
    web.page.wait_for_url("**/account/")
