"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Every test gets the demo content in a fresh database (transactional, restored from the
migrated state), and a browser context in French unless it asks for another locale.

The demo content is built once for each version of the code (tests/prepared_databases.py); its
rows are written back, as they were, at the start of every test (a second instead of a full
`load_demo`). Its files are copied once into one media folder per session.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from tests.demo_snapshot import restore_snapshot

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = Path(__file__).parent / "vendor" / "axe.min.js"
SCREENSHOT_DIR = Path(os.environ["SCREENSHOT_DIR"]) if os.environ.get("SCREENSHOT_DIR") else None
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 900}


def _is_browser_test(item):
    return "tests/ui/" in str(item.fspath).replace(os.sep, "/")


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    for item in items:
        if _is_browser_test(item):
            item.add_marker(pytest.mark.django_db(transaction=True))
    # Browser tests run last (after pytest-django's own ordering): once Playwright's event loop
    # runs, the whole process needs DJANGO_ALLOW_ASYNC_UNSAFE, which no other test should see.
    items.sort(key=_is_browser_test)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "Chromium is missing: install Debian's package with `apt-get install chromium` "
            "(make test tries this itself when run as root)."
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run
    # under a running loop unless told that this is deliberate.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def _ui_media(tmp_path_factory, prepared_databases):
    folder = tmp_path_factory.mktemp("ui-media")
    prepared_databases.copy_demo_files(folder / "media", folder / "private")
    return folder


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, _ui_media):
    """Overrides the suite's per-test media folders: the demo files must outlive a test."""
    settings.MEDIA_ROOT = _ui_media / "media"
    settings.PRIVATE_MEDIA_ROOT = _ui_media / "private"


@pytest.fixture
def demo(live_server, prepared_databases):
    cache.clear()
    restore_snapshot(prepared_databases.demo_rows())
    cache.clear()
    return live_server


# Actions and assertions wait as long: on a busy two-core CI machine, saving a page in the
# Wagtail admin can take more than Playwright's default five seconds.
BROWSER_TIMEOUT_MS = 15_000
expect.set_options(timeout=BROWSER_TIMEOUT_MS)


@pytest.fixture
def new_page(browser, demo):
    """Pages in fresh browser contexts; whatever the Content-Security-Policy blocked on them
    (Chromium says so on the console) fails the test."""
    contexts = []
    blocked = []

    def watch(message):
        if "Content Security Policy" in message.text:
            blocked.append(f"{message.location.get('url', '')}: {message.text}")

    def make(locale="fr-FR", viewport=LAPTOP):
        context = browser.new_context(locale=locale, viewport=viewport, base_url=demo.url)
        context.set_default_timeout(BROWSER_TIMEOUT_MS)
        context.on("console", watch)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert blocked == [], "\n".join(blocked)


@pytest.fixture
def page(new_page):
    return new_page()


# allauth's login form, in the language of the page.
LOGIN_LABELS = {
    "fr": ("E-mail", "Mot de passe", "Connexion"),
    "en": ("Email", "Password", "Sign In"),
}


def log_in(page, email, password="cantine-demo"):
    page.goto("/comptes/login/")
    fill_login_form(page, email, password)


def fill_login_form(page, email, password="cantine-demo"):
    """Logs in from the login page the browser is on, and waits until it has left it."""
    email_label, password_label, button = LOGIN_LABELS[page.locator("html").get_attribute("lang")]
    form = page.locator("main form")
    form.get_by_label(email_label).fill(email)
    form.get_by_label(password_label).fill(password)
    form.get_by_role("button", name=button).click()
    page.wait_for_url(lambda url: "/comptes/login/" not in url)


def admin_log_in(page, email, password="cantine-demo"):
    """Logs in through the Wagtail admin's own login page (English or French)."""
    page.goto("/admin/login/")
    form = page.locator("main form")
    form.get_by_label(re.compile("email|e-mail|adresse", re.I)).fill(email)
    form.get_by_label(re.compile("password|mot de passe", re.I)).fill(password)
    form.get_by_role("button", name=re.compile("sign in|se connecter|connexion", re.I)).click()
    page.wait_for_url(lambda url: "/admin/login/" not in url)


def small_pdf(text):
    """A real one-page PDF (valid cross-reference table) showing `text`."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def accessibility_problems(page):
    """The serious and critical WCAG 2.1 A/AA violations axe-core finds on the page."""
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy rightly
    # refuses an injected <script> element.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, "
        "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    return [
        f"{page.url}: {violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"][0]) for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def check_accessibility(page):
    """Run axe-core on the page; fail on serious or critical violations."""
    problems = accessibility_problems(page)
    assert problems == [], "; ".join(problems)


def screenshot(page, name, full_page=False):
    """Saves docs/screenshots/<name>.png under `make screenshots`: the viewport by default, so
    that long pages stay light in the repository."""
    if SCREENSHOT_DIR:
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"), full_page=full_page)


def open_section(page, name):
    """Opens a folded section of the team space (a region whose <details> may be closed) and
    returns the region. Open sections stay open from one page to the next (js/folds.js)."""
    region = page.get_by_role("region", name=name, exact=True)
    summary = region.locator("summary").first
    if region.locator("details").first.get_attribute("open") is None:
        summary.click()
    expect(region.locator("details").first).to_have_attribute("open", "")
    return region
