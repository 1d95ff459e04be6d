"""Browser journeys: Debian's Chromium, driven by Playwright, against a live Django server.

The demo catalogue is loaded once per session and every test reads it through one live server.
pytest-django's `live_server` fixture cannot serve that: it pulls `transactional_db` into each
test, which flushes every table afterwards (the seeded catalogue and the migrations' own rows
alike), so each test would have to seed hundreds of products again. Instead the server below is
pytest-django's own LiveServer helper, started once over a database seeded once; at the end of
the session the database goes back to its post-migration state for any test that runs later.
"""

import io
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.management import call_command
from django.db import connection
from django.test.utils import override_settings
from django.utils import translation
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from marketplace.catalogue.models import Product
from marketplace.core.geography import province_by_codename, province_name
from marketplace.core.money import format_vnd
from marketplace.demo.accounts import STAFF_PASSWORD_VARIABLE
from producers.models import OcopCertificate, VerificationDocument

# Playwright's sync API keeps an event loop in the main thread, which Django's ORM would
# otherwise refuse to run beside.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
PHONE_VIEWPORT = {"width": 360, "height": 800}
SHOTS_DIR = Path("/tmp/e2e-shots")


@dataclass(frozen=True)
class DemoFacts:
    """What the journeys look for, read from the seeded database before the browser starts."""

    product_name: str
    product_url: str
    price_text: str
    province_codename: str
    province_name: str
    producer_name: str
    producer_url: str


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """Overrides the suite's per-test media folder: the seeded images live in one session folder."""


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    """Overrides the suite's MD5-only hashers: the officers seeded for the session keep Django's default
    hash, which MD5 alone could not check. New accounts still get the fast MD5."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.MD5PasswordHasher", "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _live_server_reads_database(django_db_blocker):
    # The server thread shares the test database connection; the blocker guards both threads.
    with django_db_blocker.unblock():
        yield


@pytest.fixture(scope="session")
def staff_password():
    """The shared password seed_demo gives its officers and sellers (canbo.hanoi, canbo.angiang, …)."""
    return "e2e-" + secrets.token_urlsafe(12)


@pytest.fixture(scope="session")
def demo_facts(django_db_setup, django_db_blocker, tmp_path_factory, staff_password):
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("e2e-media")))
    media.enable()
    private, papers = pytest.MonkeyPatch(), FileSystemStorage(location=tmp_path_factory.mktemp("e2e-private"))
    for field in (VerificationDocument._meta.get_field("file"), OcopCertificate._meta.get_field("scan")):
        private.setattr(field, "storage", papers)  # the demo's verification papers, never into ./private-media
    private.setenv(STAFF_PASSWORD_VARIABLE, staff_password)
    with django_db_blocker.unblock():
        post_migration_rows = connection.creation.serialize_db_to_string()
        call_command("seed_demo", stdout=io.StringIO())
        with translation.override("vi"):  # Vietnamese URLs carry no language prefix
            facts = _read_facts()
    yield facts
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
        connection.creation.deserialize_db_from_string(post_migration_rows)
    media.disable()
    private.undo()


@pytest.fixture(scope="session")
def storefront(demo_facts):
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()  # adds the server's host to ALLOWED_HOSTS
    yield server
    server.stop()
    server._live_server_modified_settings.disable()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's browser with `apt-get install chromium`", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def new_phone_context(browser):
    """Fresh 360×800 contexts (empty cache, no cookies; `viewport=` for another size), closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(**{"viewport": PHONE_VIEWPORT, "locale": "vi-VN", **options})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_phone_context):
    return new_phone_context().new_page()


@pytest.fixture
def shot():
    """Saves a full-page screenshot to /tmp/e2e-shots/<name>.png, outside the repository."""
    SHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        # A full-page capture does not scroll, so lazy images below the fold would show as blank boxes.
        page.evaluate("Promise.all([...document.images].map(i => { i.loading = 'eager'; return i.decode().catch(() => {}); }))")
        path = SHOTS_DIR / f"{name}.png"
        # Animations run to their end first: Wagtail's messages slide in and would be caught halfway.
        page.screenshot(path=str(path), full_page=True, animations="disabled")
        return path

    return take


def _read_facts() -> DemoFacts:
    product = (
        Product.objects.filter(status=Product.Status.PUBLISHED, name__contains="Nước mắm Phú Quốc")
        .select_related("producer").order_by("id").first()
    )
    assert product is not None, "the demo data has no published “Nước mắm Phú Quốc”"
    codename = next(name for name, code in province_by_codename().items() if code == product.origin_province_code)
    return DemoFacts(
        product_name=product.name,
        product_url=product.get_absolute_url(),
        price_text=format_vnd(product.price),
        province_codename=codename,
        province_name=province_name(product.origin_province_code),
        producer_name=product.producer.name,
        producer_url=product.producer.get_absolute_url(),
    )


def pytest_collection_modifyitems(items):
    """Ask pytest-django for the test database: it creates only the databases that collected tests
    mark as used, and without this the browser tests would reach the development db.sqlite3."""
    for item in items:
        if item.get_closest_marker("e2e") and not item.get_closest_marker("django_db"):
            item.add_marker(pytest.mark.django_db)
