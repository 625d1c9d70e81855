"""Browser journeys: Playwright driving Debian's Chromium, axe-core on every page visited.

axe-core is loaded with an init script (a DevTools-protocol injection that the page's Content
Security Policy does not block), so the CSP stays enforced during the tests: a CSP violation
shows up as a console error and fails the test.

Every page a journey lands on must load: a main-frame navigation answered 4xx/5xx (a link, a form
submission or `go()`) and any console error fail the test, at the next `go()` or `axe()` and at
the latest when the test ends. A journey that expects an error page says so:
`web.go(url, status=403)`.
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
        self.http_errors: list[str] = []
        self._in_go = False  # `go()` checks the status of its own navigation
        self._expected_error_urls: set[str] = set()
        self.page.on("console", self._on_console)
        self.page.on("response", self._on_response)
        self.page.set_default_timeout(10_000)
        # Destructive buttons ask for confirmation (static/js/confirm.js): answer yes, like the
        # person finishing the journey would; `self.dialogs` keeps the questions asked.
        self.dialogs: list[str] = []
        self.page.on("dialog", self._accept_dialog)

    def _accept_dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.accept()

    def _on_console(self, msg):
        if msg.type != "error":
            return
        # The browser logs the error status of a page load; an expected one is not a fault.
        url = (msg.location or {}).get("url", "")
        if msg.text.startswith("Failed to load resource") and url in self._expected_error_urls:
            return
        self.console_errors.append(f"{msg.text} ({url})" if url else msg.text)

    def _on_response(self, response):
        request = response.request
        if not request.is_navigation_request() or request.frame != self.page.main_frame:
            return
        if response.status < 400:
            return
        if self._in_go:
            self._expected_error_urls.add(response.url)
            return
        self.http_errors.append(f"HTTP {response.status} for {request.method} {response.url}")

    def assert_clean(self, where: str = ""):
        """No page answered an unexpected 4xx/5xx, no console error: fail now otherwise."""
        where = where or self.page.url
        http_errors, self.http_errors = self.http_errors, []
        console_errors, self.console_errors = self.console_errors, []
        assert http_errors == [], f"error pages met before {where}: {http_errors}"
        assert console_errors == [], f"console errors before {where}: {console_errors}"

    def go(self, path: str, *, status: int | None = 200):
        """Open `path`; fail unless it answers `status` (None: any status, the caller checks)."""
        self.assert_clean(path)
        self._in_go = True
        try:
            response = self.page.goto(self.base_url + path)
        finally:
            self._in_go = False
        if status is not None:
            assert response is not None and response.status == status, (
                f"{path} answered {response.status if response else 'nothing'}, expected {status}"
            )
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
        self.assert_clean(where)

    def screenshot(self, name: str):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture
def new_browser(browser, live_server):
    contexts = []
    browsers: list[Browser] = []

    def make(locale: str = "fr-FR") -> Browser:
        context = browser.new_context(locale=locale, viewport={"width": 1280, "height": 900})
        context.add_init_script(path=str(AXE))
        contexts.append(context)
        browsers.append(Browser(context, live_server.url))
        return browsers[-1]

    yield make
    for context in contexts:
        context.close()
    for opened in browsers:
        opened.assert_clean("the end of the test")


@pytest.fixture
def web(new_browser) -> Browser:
    return new_browser()


def log_in(web: Browser, email: str, password: str):
    web.go("/account/login/")
    web.page.get_by_label("Adresse e-mail").fill(email)
    web.page.locator("#id_password").fill(password)
    web.page.locator("#id_password").press("Enter")
    web.page.wait_for_url("**/account/")
