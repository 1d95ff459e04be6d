"""/healthz, robots.txt, the sitemaps and the styled 404 page."""

import xml.etree.ElementTree as ET

import pytest
from django.db import OperationalError, connection, connections

from marketplace.catalogue.models import Product
from marketplace.core import views as core_views
from tests.factories import ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def locations(response) -> list[str]:
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).findall(".//sm:loc", SITEMAP_NS)]


@pytest.fixture
def unreachable_database(monkeypatch, tmp_path):
    """The health check talks to a real database connection that cannot be opened."""
    settings_dict = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings_dict["NAME"] = str(tmp_path / "no-such-folder" / "db.sqlite3")
    else:
        settings_dict.update(HOST="127.0.0.1", PORT="1")  # nothing listens on port 1
    broken = type(connections["default"])(settings_dict, alias="unreachable")
    monkeypatch.setattr(core_views, "connection", broken)
    yield broken
    broken.close()


def test_healthz_reports_ok(client, settings):
    response = client.get("/healthz")

    assert response.status_code == 200
    # With CELERY_BROKER_URL set (CI runs the suite on Redis) the real broker is reached.
    expected_broker = "ok" if settings.CELERY_BROKER_URL else "eager"
    assert response.json() == {"status": "ok", "database": "ok", "broker": expected_broker}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_a_broker_that_cannot_be_reached(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 200  # the site still serves pages; only background work waits
    assert response.json()["broker"] == "down"


def test_healthz_answers_503_when_the_database_cannot_be_reached(client, unreachable_database, caplog):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["database"] == "down"
    assert "broker" in response.json()
    failure = next(r for r in caplog.records if r.getMessage() == "health check: database unreachable")
    assert isinstance(failure.exc_info[1], OperationalError)  # the driver's own error, not a stand-in


def test_healthz_only_answers_get(client):
    assert client.post("/healthz").status_code == 405


def test_robots_txt_lists_the_sitemap_and_keeps_crawlers_out_of_admin(client):
    response = client.get("/robots.txt")
    lines = response.content.decode().splitlines()

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Disallow: /admin/" in lines


def test_sitemap_is_an_index_of_sections(client):
    response = client.get("/sitemap.xml")

    assert ET.fromstring(response.content).tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    assert {
        "http://testserver/sitemap-products.xml",
        "http://testserver/sitemap-producers.xml",
        "http://testserver/sitemap-pages.xml",
        "http://testserver/sitemap-live.xml",
    } <= set(locations(response))


def test_product_sitemap_lists_published_products_only(client):
    published = ProductFactory()
    draft = ProductFactory(status=Product.Status.DRAFT)
    hidden = ProductFactory(status=Product.Status.HIDDEN)

    found = locations(client.get("/sitemap-products.xml"))

    assert f"http://testserver/products/{published.slug}/" in found
    assert f"http://testserver/products/{draft.slug}/" not in found
    assert f"http://testserver/products/{hidden.slug}/" not in found


def test_producer_sitemap_lists_producers(client):
    producer = ProducerFactory()

    assert f"http://testserver/producers/{producer.slug}/" in locations(client.get("/sitemap-producers.xml"))


def test_live_sitemap_lists_the_live_page_and_sessions_buyers_can_open(client):
    from marketplace.livestreams.models import LiveSession
    from tests.factories_live import LiveSessionFactory
    from tests.factories_producers import DraftProducerFactory

    listed = LiveSessionFactory()
    cancelled = LiveSessionFactory(state=LiveSession.State.CANCELLED)
    unverified = LiveSessionFactory(host=DraftProducerFactory())

    found = locations(client.get("/sitemap-live.xml"))

    assert "http://testserver/live/" in found
    assert f"http://testserver/live/{listed.pk}/" in found
    assert f"http://testserver/live/{cancelled.pk}/" not in found
    assert f"http://testserver/live/{unverified.pk}/" not in found


def test_unknown_sitemap_section_is_404(client):
    assert client.get("/sitemap-bogus.xml").status_code == 404


def test_unknown_url_answers_the_styled_404_page(client):
    response = client.get("/khong-co-trang-nay/")
    body = response.content.decode()

    assert response.status_code == 404
    assert "Không tìm thấy" in body
    assert '<html lang="vi">' in body
    assert 'href="/products/"' in body


def test_404_page_does_not_show_technical_messages(client):
    media = client.get("/media/khong-co.png").content.decode()
    sitemap = client.get("/sitemap-bogus.xml").content.decode()

    assert "does not exist" not in media and "/tmp" not in media
    assert "No sitemap available" not in sitemap
    assert "Không tìm thấy" in media and "Không tìm thấy" in sitemap
