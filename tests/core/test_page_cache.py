"""Public pages kept for visitors without a session: fresh after every catalogue change, never personal."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from marketplace.catalogue.services import stock_adjust
from marketplace.core.page_cache import HIT_HEADER
from marketplace.livestreams.services import session_start
from producers.follows import follow_confirm
from producers.models import ProducerFollow
from tests.factories import ProductFactory
from tests.factories_live import LiveSessionFactory, live_session, pin
from tests.livestreams.test_public_pages import home_page  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


@pytest.fixture
def product():
    return ProductFactory(name="Mật ong bạc hà", variants=[{"price": 150_000, "stock": 7}])


def visit(path: str, client: Client | None = None):
    return (client or Client()).get(path)


def test_a_second_visitor_gets_the_kept_page_reading_only_the_stock(product, django_assert_num_queries):
    first = visit(product.get_absolute_url())
    assert first[HIT_HEADER] == "miss"

    with django_assert_num_queries(2):  # the product and its variants, for the stock of now
        second = visit(product.get_absolute_url())

    assert second[HIT_HEADER] == "hit"
    assert "Cookie" in second["Vary"]
    assert "Mật ong bạc hà" in second.content.decode()
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())


def test_each_visitor_gets_her_own_csrf_token_and_can_add_to_the_cart(product):
    visit(product.get_absolute_url())  # someone else's visit fills the cache
    buyer = Client(enforce_csrf_checks=True)

    page = buyer.get(product.get_absolute_url())

    assert page[HIT_HEADER] == "hit"
    token = TOKEN.search(page.content.decode()).group(1)
    assert "csrftoken" in page.cookies  # her CSRF cookie, set as on any page with a form
    added = buyer.post("/cart/add/", {"variant": product.variants.get().pk, "quantity": 1,
                                      "csrfmiddlewaretoken": token})
    assert added.status_code == 302
    assert buyer.get("/cart/").context["cart"].item_count == 1


def test_a_stolen_kept_token_does_not_work_for_another_visitor(product):
    first = visit(product.get_absolute_url())
    token = TOKEN.search(first.content.decode()).group(1)
    other = Client(enforce_csrf_checks=True)
    other.get("/cart/")  # her own CSRF cookie, a different secret

    refused = other.post("/cart/add/", {"variant": product.variants.get().pk, "csrfmiddlewaretoken": token})

    assert refused.status_code == 403


def test_a_listing_is_kept_without_a_query(product, django_assert_num_queries):
    visit("/products/")
    with django_assert_num_queries(0):
        assert visit("/products/")[HIT_HEADER] == "hit"


def test_a_signed_in_buyer_gets_her_own_page_not_the_kept_one(product, client, django_user_model):
    visit(product.get_absolute_url())
    client.force_login(django_user_model.objects.create_user(username="lan", password="x" * 12))

    page = client.get(product.get_absolute_url())

    assert page.get(HIT_HEADER) is None
    assert page.context is not None  # rendered for her


def test_a_stock_change_shows_at_once(product):
    url = product.get_absolute_url()
    visit(url)
    visit(url)

    stock_adjust(variant=product.variants.get(), delta=-7, reason="bán ở chợ", by=None)

    fresh = visit(url)
    assert fresh[HIT_HEADER] == "miss"
    assert "Hết hàng" in fresh.content.decode()


def test_a_price_change_by_the_seller_shows_at_once(product):
    url = product.get_absolute_url()
    visit(url)
    variant = product.variants.get()
    variant.price = 99_000
    variant.save()
    product.refresh_summary()

    assert "99.000" in visit(url).content.decode()


def test_the_english_page_is_kept_apart(product):
    visit(product.get_absolute_url())
    english = visit("/en" + product.get_absolute_url())

    assert english[HIT_HEADER] == "miss"
    assert 'lang="en"' in english.content.decode()
    assert 'lang="vi"' in visit(product.get_absolute_url()).content.decode()


def test_a_pending_message_is_never_served_from_or_into_the_cache(product):
    url = product.get_absolute_url()
    client = Client()
    client.post(url + "stock-alert/", {"variant": "", "email": "khong-phai-email"})  # leaves a message for her

    page = client.get(url)

    assert page.get(HIT_HEADER) is None
    assert "Email này chưa đúng" in page.content.decode()
    assert "Email này chưa đúng" not in visit(url).content.decode()


def test_listing_search_and_producer_pages_are_kept_by_their_full_address(product):
    for path in ("/products/", "/products/?q=mat+ong", f"/producers/{product.producer.slug}/"):
        assert visit(path)[HIT_HEADER] == "miss"
        assert visit(path)[HIT_HEADER] == "hit"
    assert visit("/products/?q=mat+ong&page=1")[HIT_HEADER] == "miss"


def test_a_very_long_address_is_answered_but_not_kept(product):
    path = "/products/?q=" + "a" * 400
    assert visit(path).status_code == 200
    assert visit(path).get(HIT_HEADER) is None


def test_a_missing_product_is_not_kept():
    assert visit("/products/khong-co/").status_code == 404
    assert visit("/products/khong-co/").get(HIT_HEADER) is None


def test_a_session_going_live_shows_at_once_on_the_live_page():
    session = LiveSessionFactory(title="Phiên bán mật ong", starts_at=timezone.now() + timedelta(minutes=10))
    visit("/live/")
    assert visit("/live/")[HIT_HEADER] == "hit"

    session_start(session=session, by=None)

    fresh = visit("/live/")
    assert fresh[HIT_HEADER] == "miss"
    assert "Phiên bán mật ong" in fresh.content.decode()


def test_the_cache_can_be_turned_off(product, settings):
    settings.PAGE_CACHE_SECONDS = 0
    visit(product.get_absolute_url())
    assert visit(product.get_absolute_url()).get(HIT_HEADER) is None


def test_a_product_on_live_is_kept_only_briefly_and_others_long(settings):
    settings.PAGE_CACHE_LIVE_SECONDS = 0  # "briefly" made "not at all", to see which pages follow the clock
    pinned = pin(live_session(), live_price=80_000).variant.product
    plain = ProductFactory()

    for product, kept in ((pinned, False), (plain, True)):
        visit(product.get_absolute_url())
        assert (visit(product.get_absolute_url()).get(HIT_HEADER) == "hit") is kept


def test_live_pages_and_the_home_page_follow_the_clock(settings, home_page):  # noqa: F811 - the fixture
    settings.PAGE_CACHE_LIVE_SECONDS = 0
    session = live_session()
    for path in ("/live/", f"/live/{session.pk}/", "/"):
        assert visit(path).status_code == 200
        assert visit(path).get(HIT_HEADER) != "hit"


def test_a_confirmed_follower_shows_at_once_on_the_producer_page(product):
    follow = ProducerFollow.objects.create(producer=product.producer, email="ban@example.vn")
    path = f"/producers/{product.producer.slug}/"
    visit(path)
    assert "0 người theo dõi" in visit(path).content.decode()

    follow_confirm(follow=follow)

    fresh = visit(path)
    assert fresh[HIT_HEADER] == "miss"
    assert "1 người theo dõi" in fresh.content.decode()
