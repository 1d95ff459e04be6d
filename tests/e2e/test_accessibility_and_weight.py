"""What a buyer on a cheap phone and a slow connection, or with a screen reader, gets from the storefront.

Every page a buyer passes through is checked: home, listing, search, product, producer, cart (holding one
item), checkout, live and a guest's order page. bench/phone_audit.py measures the same pages in production
mode with Lighthouse and vnu; these checks keep CI from drifting in between.
"""

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore

from marketplace.cart.services import cart_add
from marketplace.catalogue.models import Product
from marketplace.core.geography import wards_of
from marketplace.orders.placement import order_place

pytestmark = pytest.mark.e2e

PAGE_WEIGHT_BUDGET = 100 * 1024
PHONE_WIDTH = 360
BLOCKING_IMPACTS = {"serious", "critical"}
HA_NOI = 1

STOREFRONT_PAGES = ["home", "listing", "search", "product", "producer", "cart", "live", "order"]
MEANT_TO_BE_FOUND = ["home", "listing", "product", "producer", "live"]
NOINDEX_PAGES = ["cart", "checkout", "order"]
FIRST_SCREEN_IMAGES = """() => [...document.images]
    .filter(image => image.currentSrc && image.getBoundingClientRect().top < innerHeight
                     && image.getBoundingClientRect().bottom > 0)
    .map(image => image.currentSrc)"""


@dataclass
class Visit:
    path: str
    cookies: dict = field(default_factory=dict)


def _demo_product() -> Product:
    return Product.objects.filter(status=Product.Status.PUBLISHED, name__contains="Nước mắm Phú Quốc").order_by("id").first()


def _cart_with_one_item() -> dict:
    session = SessionStore()
    cart_add(session=session, variant_id=_demo_product().variants.order_by("id").first().pk, quantity=1)
    session.save()
    return {settings.SESSION_COOKIE_NAME: session.session_key}


def _guest_order_path() -> str:
    checkout = order_place(
        lines=[(_demo_product().variants.order_by("id").first().pk, 1)], contact_name="Nguyễn Thị Lan",
        phone="0912345678", province_code=HA_NOI, ward_code=wards_of(HA_NOI)[0][0], street="12 Hàng Bạc",
        payment_method="cod",
    )
    return checkout.orders.get().get_absolute_url()


def visit_of(name: str, facts) -> Visit:
    """Where a page is and the cookies it needs; the cart and order are made in this test's database."""
    fixed = {"home": "/", "listing": "/products/", "search": "/products/?q=mat+ong", "live": "/live/",
             "product": facts.product_url, "producer": facts.producer_url}
    if name in fixed:
        return Visit(fixed[name])
    if name == "cart":
        return Visit("/cart/", _cart_with_one_item())
    if name == "checkout":
        return Visit("/checkout/", _cart_with_one_item())
    assert name == "order", name
    return Visit(_guest_order_path())


def fresh_page(new_phone_context, base: str, visit: Visit):
    """A tab in a new context: empty cache, only the visit's own cookies."""
    context = new_phone_context()
    context.add_cookies([{"name": key, "value": value, "url": base} for key, value in visit.cookies.items()])
    return context.new_page()


def open_fresh(new_phone_context, base: str, visit: Visit):
    page = fresh_page(new_phone_context, base, visit)
    return page, page.goto(base + visit.path)


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']][:5]}" for v in violations
    )


@pytest.mark.parametrize("name", STOREFRONT_PAGES)
def test_axe_finds_no_serious_or_critical_violation(name, new_phone_context, storefront, demo_facts):
    page, _ = open_fresh(new_phone_context, storefront.url, visit_of(name, demo_facts))
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # axe skips hidden content

    violations = Axe().run(page).response["violations"]
    print(describe(violations))  # the minor and moderate ones too, shown by `pytest -rP`

    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)


@pytest.mark.parametrize("name", STOREFRONT_PAGES)
def test_first_screen_needs_under_100_kb_and_never_leaves_the_site(name, new_phone_context, storefront, demo_facts):
    visit = visit_of(name, demo_facts)
    responses, hosts = [], set()
    page = fresh_page(new_phone_context, storefront.url, visit)  # empty cache
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on("response", lambda response: responses.append(response))

    page.goto(storefront.url + visit.path)
    page.wait_for_load_state("networkidle")

    # Everything but the pictures below the first screen, which Chromium fetches early or late depending on
    # timing (lazy images near the viewport): counting them made the figure flaky. bench/phone_audit.py
    # reports Lighthouse's total with them.
    on_screen = set(page.evaluate(FIRST_SCREEN_IMAGES))
    # Decoded sizes from the test server, which compresses nothing: stricter than production's gzip/brotli.
    sizes = {
        response.url: len(response.body()) for response in responses
        if not 300 <= response.status < 400 and (response.request.resource_type != "image" or response.url in on_screen)
    }
    total = sum(sizes.values())
    breakdown = f"{name}: {total / 1024:.1f} KB — " + ", ".join(
        f"{urlsplit(url).path} {size / 1024:.1f} KB" for url, size in sorted(sizes.items(), key=lambda kv: -kv[1])
    )
    print(breakdown)
    assert total <= PAGE_WEIGHT_BUDGET, breakdown
    assert hosts == {urlsplit(storefront.url).netloc}


@pytest.mark.parametrize("name", [*MEANT_TO_BE_FOUND, *NOINDEX_PAGES])
def test_search_engines_index_the_shop_and_never_a_cart_checkout_or_order(name, new_phone_context, storefront, demo_facts):
    page, response = open_fresh(new_phone_context, storefront.url, visit_of(name, demo_facts))

    robots = page.locator('meta[name="robots"]').evaluate_all("metas => metas.map(m => m.content).join(' ')")
    robots += " " + (response.headers.get("x-robots-tag") or "")

    assert response.status == 200
    if name in NOINDEX_PAGES:
        assert "noindex" in robots, f"{name} may be indexed"
    else:
        assert "noindex" not in robots, f"{name} is hidden from search engines: {robots}"


@pytest.mark.parametrize("name", [*STOREFRONT_PAGES, "checkout"])
def test_no_page_scrolls_sideways_on_a_360_px_phone(name, new_phone_context, storefront, demo_facts, shot):
    page, _ = open_fresh(new_phone_context, storefront.url, visit_of(name, demo_facts))

    scroll_width = page.evaluate("document.documentElement.scrollWidth")

    shot(page, f"phone-{name}")
    assert scroll_width <= PHONE_WIDTH, f"{name} is {scroll_width} px wide"
