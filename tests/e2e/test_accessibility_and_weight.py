"""What a buyer on a cheap phone and a slow connection, or with a screen reader, gets from the storefront."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

pytestmark = pytest.mark.e2e

PAGE_WEIGHT_BUDGET = 150 * 1024
PHONE_WIDTH = 360
BLOCKING_IMPACTS = {"serious", "critical"}

STOREFRONT_PAGES = ["home", "listing", "product"]


def path_of(name: str, facts) -> str:
    return {"home": "/", "listing": "/products/", "product": facts.product_url, "producer": facts.producer_url}[name]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']][:5]}" for v in violations
    )


@pytest.mark.parametrize("name", STOREFRONT_PAGES)
def test_axe_finds_no_serious_or_critical_violation(name, page, storefront, demo_facts):
    page.goto(storefront.url + path_of(name, demo_facts))
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # axe skips hidden content

    violations = Axe().run(page).response["violations"]
    print(describe(violations))  # the minor and moderate ones too, shown by `pytest -rP`

    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    assert not blocking, describe(blocking)


@pytest.mark.parametrize("name", STOREFRONT_PAGES)
def test_first_visit_stays_under_150_kb_and_never_leaves_the_site(name, new_phone_context, storefront, demo_facts):
    page = new_phone_context().new_page()  # fresh context: empty cache
    responses, hosts = [], set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.on("response", lambda response: responses.append(response))

    page.goto(storefront.url + path_of(name, demo_facts), wait_until="load")
    loaded = list(responses)  # what arrived before the load event
    page.wait_for_load_state("networkidle")

    sizes = {response.url: len(response.body()) for response in loaded if not 300 <= response.status < 400}
    total = sum(sizes.values())
    breakdown = f"{name}: {total / 1024:.1f} KB — " + ", ".join(
        f"{urlsplit(url).path} {size / 1024:.1f} KB" for url, size in sorted(sizes.items(), key=lambda kv: -kv[1])
    )
    print(breakdown)
    assert total <= PAGE_WEIGHT_BUDGET, breakdown
    assert hosts == {urlsplit(storefront.url).netloc}


@pytest.mark.parametrize("name", [*STOREFRONT_PAGES, "producer"])
def test_no_page_scrolls_sideways_on_a_360_px_phone(name, page, storefront, demo_facts, shot):
    page.goto(storefront.url + path_of(name, demo_facts))

    scroll_width = page.evaluate("document.documentElement.scrollWidth")

    shot(page, f"phone-{name}")
    assert scroll_width <= PHONE_WIDTH, f"{name} is {scroll_width} px wide"
