"""The browser suite: Debian's Chromium, driven by Playwright, through the real pages.

The app is served by a single-threaded HTTP server in a thread that shares the test's own
database connection. So each story is an ordinary `db` test: everything it writes, in its
setup or through the pages, is rolled back at its end, the official units loaded once for the
run stay, and the suite runs the same on SQLite (in memory) and on PostgreSQL. Requests are
served one at a time and a story touches the database only before it opens its first page
(it asserts what the pages show), so the shared connection is never used by two threads at once.

Without Chromium (or playwright) every story says it skipped. `pytest -m "not browser"` leaves
the suite out; it costs about a minute per database on a busy machine.
"""

import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections
from django.test.testcases import QuietWSGIRequestHandler

from danvan.conftest import PASSWORD

try:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Dialog,
        Page,
        Playwright,
        Request,
        Response,
        Route,
        expect,
        sync_playwright,
    )
except ImportError:  # the dev extra is not installed: the fixtures below skip
    sync_playwright = None  # type: ignore[assignment]

HOST = "127.0.0.1"
FAILURES = Path(settings.VAR_DIR) / "browser-failures"
# Headless, offline and as root (CI runs as root): no sandbox, no GPU, no update or
# background traffic, no first-run dialogs.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-dev-shm-usage",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--metrics-recording-only",
    "--mute-audio",
]
TIMEOUT_MS = 15_000


class AppServer(threading.Thread):
    """The app over real HTTP, on the test thread's database connections."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.shared = {alias: connections[alias] for alias in connections}
        self.httpd = WSGIServer((HOST, 0), QuietWSGIRequestHandler, allow_reuse_address=False)
        self.httpd.set_app(WSGIHandler())
        self.url = f"http://{HOST}:{self.httpd.server_address[1]}"

    def run(self) -> None:
        for alias, connection in self.shared.items():
            connections[alias] = connection
        self.httpd.serve_forever()

    def __enter__(self) -> "AppServer":
        for connection in self.shared.values():
            connection.inc_thread_sharing()
        # A request must not close the test's connection, which is inside its transaction
        # (Django's test client does the same).
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()  # returns once the request being served is done
        self.httpd.server_close()
        self.join()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        for connection in self.shared.values():
            connection.dec_thread_sharing()


@pytest.fixture
def app_server(db: None, settings, tmp_path: Path) -> Iterator[AppServer]:
    """A server for one test; plain-HTTP cookies, files uploaded during the test in tmp_path."""
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.MEDIA_ROOT = tmp_path / "media"
    with AppServer() as server:
        yield server


@pytest.fixture(scope="package")
def playwright() -> Iterator["Playwright"]:
    """Playwright's driver, for this package only.

    Its synchronous API runs an asyncio loop in the test thread, and Django refuses database
    calls from a thread with a running loop. The loop does not touch the database, so the
    refusal is lifted while the driver runs, and the driver stops before the rest of the suite.
    While the loop runs, the test thread also gets database connections of its own (Django
    keeps them per thread and per running loop): they are closed before the loop stops, or
    they would stay open and keep PostgreSQL from dropping the test database.
    """
    if sync_playwright is None:
        pytest.skip("playwright is not installed: the browser suite skipped; run make install")
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as driver:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield driver
        connections.close_all()


@pytest.fixture(scope="package")
def browser(playwright: "Playwright") -> Iterator["Browser"]:
    """Debian's Chromium, never a downloaded one: no browser is fetched at run time."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium not found: the browser suite skipped; install Debian's chromium")
    chromium = playwright.chromium.launch(
        executable_path=executable, headless=True, args=CHROMIUM_FLAGS
    )
    expect.set_options(timeout=TIMEOUT_MS)  # a busy CI machine renders slowly; waits, not limits
    yield chromium
    chromium.close()


@dataclass
class Browsing:
    """The browser profiles of one test, each a fresh one (no cookies), in Vietnamese and in
    Vietnam's time, and what their pages must not do: reach past this machine, or log errors
    in the console."""

    browser: "Browser"
    server_url: str
    profiles: list["BrowserContext"] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # A refused form is a page answered 400 (or 409), which Chromium also logs as a failed
    # load; only the loads that are not such a page count as problems.
    failed_loads: list[str] = field(default_factory=list)
    refused_pages: set[str] = field(default_factory=set)

    def page(self) -> "Page":
        """A page in a new profile: nobody signed in."""
        profile = self.browser.new_context(
            base_url=self.server_url,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            accept_downloads=True,
        )
        profile.set_default_timeout(TIMEOUT_MS)
        profile.route("**/*", self._request)
        profile.on("console", self._console)
        profile.on("response", self._response)
        profile.on("weberror", lambda web_error: self.problems.append(f"error: {web_error.error}"))
        self.profiles.append(profile)
        return profile.new_page()

    def log_in(self, username: str, password: str = PASSWORD) -> "Page":
        """A persona signed in through the login form, in a profile of its own."""
        page = self.page()
        page.goto("/accounts/login/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        expect(page.get_by_role("link", name="Trang chủ")).to_be_visible()
        return page

    @staticmethod
    def confirming(page: "Page", expected: str) -> None:
        """Accept the next confirmation the page asks for (a step, a bulk change), after
        checking it asks what it should."""

        def accept(dialog: "Dialog") -> None:
            assert expected in dialog.message, dialog.message
            dialog.accept()

        page.once("dialog", accept)

    def _request(self, route: "Route", request: "Request") -> None:
        if urlsplit(request.url).hostname == HOST or not request.url.startswith("http"):
            route.continue_()
        else:
            self.problems.append(f"request off {HOST}: {request.url}")
            route.abort()

    def _console(self, message: "ConsoleMessage") -> None:
        if message.type != "error":
            return
        if message.text.startswith("Failed to load resource"):
            self.failed_loads.append(message.location.get("url", ""))
        else:
            self.problems.append(f"console error: {message.text} ({message.location})")

    def _response(self, response: "Response") -> None:
        if response.request.is_navigation_request() and response.status in (400, 409):
            self.refused_pages.add(response.url)

    def misbehaviour(self) -> list[str]:
        return self.problems + [
            f"failed to load: {url}" for url in self.failed_loads if url not in self.refused_pages
        ]

    def close(self) -> None:
        for profile in self.profiles:
            profile.close()


@pytest.fixture
def browsing(browser: "Browser", app_server: AppServer) -> Iterator[Browsing]:
    session = Browsing(browser, app_server.url)
    yield session
    session.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item):
    """A story that passed still fails if a page reached off this machine or logged errors."""
    result = yield
    browsing = getattr(item, "funcargs", {}).get("browsing")
    if browsing is not None and (problems := browsing.misbehaviour()):
        raise AssertionError("The pages misbehaved:\n" + "\n".join(problems))
    return result


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """On failure, keep a screenshot and the HTML of every open page, named by the test."""
    report = yield
    browsing = getattr(item, "funcargs", {}).get("browsing")
    if report.when == "call" and report.failed and browsing is not None:
        FAILURES.mkdir(parents=True, exist_ok=True)
        saved = []
        pages = [open_page for profile in browsing.profiles for open_page in profile.pages]
        for number, open_page in enumerate(pages, start=1):
            stem = FAILURES / f"{item.name}-{number}"
            open_page.screenshot(path=f"{stem}.png", full_page=True)
            Path(f"{stem}.html").write_text(open_page.content(), encoding="utf-8")
            saved.append(f"{stem}.png ({open_page.url})")
        report.sections.append(("browser", "Saved: " + ", ".join(saved)))
    return report


def pytest_terminal_summary(terminalreporter) -> None:
    """`make test` runs quietly (-q): say it plainly when the browser suite skipped, and why."""
    reasons = {
        report.longrepr[2].removeprefix("Skipped: ")
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple) and "browser suite skipped" in report.longrepr[2]
    }
    for reason in sorted(reasons):
        terminalreporter.write_line(reason, yellow=True)
