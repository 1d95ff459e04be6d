"""Kept pages shared with guests who have a cart, and a product's stock filled in on every answer."""

import re

import pytest
from django.test import Client

from marketplace.core import cache_version
from marketplace.core.page_cache import HIT_HEADER
from tests.factories import ProductFactory
from tests.factories_live import live_session, pin
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db

HUE = 46
COUNT = re.compile(r"data-cart-count>(\d+)<")


@pytest.fixture
def product():
    return ProductFactory(name="Mật ong bạc hà", variants=[{"price": 150_000, "stock": 7}])


def guest_with_cart(product, quantity: int = 2) -> Client:
    guest = Client()
    guest.post("/cart/add/", {"variant": product.variants.get().pk, "quantity": quantity})
    guest.get("/cart/")  # reads the "added" message once: her session now holds only the cart
    return guest


def test_a_guest_with_a_cart_gets_the_kept_page_with_her_own_count(product):
    url = product.get_absolute_url()
    guest = guest_with_cart(product, 2)

    first, second = guest.get(url), guest.get(url)

    assert second[HIT_HEADER] == "hit"
    assert "catalogue/product_detail.html" not in [t.name for t in second.templates]  # not rendered for her
    assert COUNT.search(first.content.decode()).group(1) == "2"
    assert COUNT.search(second.content.decode()).group(1) == "2"
    assert COUNT.search(Client().get(url).content.decode()).group(1) == "0"  # a visitor never sees her count


def test_a_guest_can_still_add_to_her_cart_from_a_kept_page(product):
    url = product.get_absolute_url()
    Client().get(url)  # someone else fills the cache
    guest = guest_with_cart(product, 1)
    guest_csrf = Client(enforce_csrf_checks=True)
    guest_csrf.cookies = guest.cookies

    page = guest_csrf.get(url)
    token = re.search(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"', page.content.decode()).group(1)
    added = guest_csrf.post("/cart/add/", {"variant": product.variants.get().pk, "quantity": 1,
                                           "csrfmiddlewaretoken": token})

    assert page[HIT_HEADER] == "hit"
    assert added.status_code == 302
    assert guest_csrf.get("/cart/").context["cart"].item_count == 2


def test_guests_who_chose_a_province_get_fees_to_it_and_others_do_not(product):
    url = product.get_absolute_url()
    to_hue = guest_with_cart(product)
    to_hue.post("/cart/ship-to/", {"province_code": HUE})
    to_hue.get("/cart/")  # the "fees priced to Huế" message, read

    hue_page = to_hue.get(url)
    hue_again = to_hue.get(url)
    visitor_page = Client().get(url)

    assert "Phí giao đến Huế" in hue_page.content.decode()
    assert hue_again[HIT_HEADER] == "hit" and "Phí giao đến Huế" in hue_again.content.decode()
    assert "Phí giao đến Huế" not in visitor_page.content.decode()
    assert "Phí giao từ" in visitor_page.content.decode()  # the range, for a visitor whose province is unknown


def test_a_guest_with_a_pending_message_gets_her_own_page(product):
    guest = Client()
    guest.post("/cart/add/", {"variant": product.variants.get().pk, "quantity": 1})

    page = guest.get(product.get_absolute_url())  # right after adding: the "added" message is for her

    assert page.get(HIT_HEADER) is None
    assert "Đã thêm" in page.content.decode()


def test_an_order_that_leaves_stock_keeps_every_page_and_the_product_page_shows_the_new_stock(product):
    url = product.get_absolute_url()
    for path in (url, "/products/"):
        Client().get(path)
    version = cache_version.current()

    place([(product.variants.get().pk, 3)])

    assert cache_version.current() == version  # nothing a listing shows has changed
    listing, page = Client().get("/products/"), Client().get(url)
    assert listing[HIT_HEADER] == "hit"
    assert page[HIT_HEADER] == "hit"
    assert "Chỉ còn 4" in page.content.decode() and "Chỉ còn 7" not in page.content.decode()


def test_an_order_that_sells_out_drops_the_kept_listing(product):
    Client().get("/products/")

    place([(product.variants.get().pk, 7)])

    listing = Client().get("/products/")
    assert listing[HIT_HEADER] == "miss"
    assert "Hết hàng" in listing.content.decode()


def test_an_order_of_a_product_on_a_live_screen_drops_the_live_page_and_no_other():
    session = live_session()
    pinned = pin(session, live_price=None, stock=8).variant
    live_url = session.get_absolute_url()
    Client().get("/products/")
    assert "Chỉ còn 8" in Client().get(live_url).content.decode()
    version = cache_version.current()

    place([(pinned.pk, 1)])

    assert cache_version.current() == version  # the listing shows nothing that changed
    assert Client().get("/products/")[HIT_HEADER] == "hit"
    live = Client().get(live_url)
    assert live[HIT_HEADER] == "miss"  # its page shows the stock in units: made again
    assert "Chỉ còn 7" in live.content.decode()


def test_a_guest_with_anything_else_in_her_session_gets_her_own_page(product, client):
    session = client.session
    session["something_new"] = 1
    session.save()

    page = client.get(product.get_absolute_url())

    assert page.get(HIT_HEADER) is None and page.context is not None
