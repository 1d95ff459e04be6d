"""Product cards kept under the catalogue version: a page whose cards are kept fetches no product for them,
and any change a card shows (price, sell-out, hiding) is on the next page at once."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test import Client
from django.test.utils import CaptureQueriesContext

from marketplace.catalogue.models import Product
from marketplace.catalogue.selectors import product_list
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pages_rendered_each_time(settings):
    settings.PAGE_CACHE_SECONDS = 0  # every page rendered, as for a signed-in buyer: the cards alone are kept


@pytest.fixture
def honey():
    return ProductFactory(name="Mật ong bạc hà", variants=[{"price": 150_000, "stock": 7}])


def product_queries(path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(path).status_code == 200
    return sum(1 for q in queries.captured_queries
               if 'FROM "catalogue_product"' in q["sql"] and '"catalogue_product"."name"' in q["sql"])


@pytest.mark.parametrize("path", ["/products/", "/products/?q=mat+ong"])
def test_a_page_whose_cards_are_kept_fetches_no_product_for_them(honey, path):
    ProductFactory.create_batch(3)
    assert product_queries(path) == 1  # first: the cards are drawn from the products

    assert product_queries(path) == 0


def test_a_new_price_and_a_sell_out_show_on_the_next_card(honey):
    client = Client()
    client.get("/products/")
    variant = honey.variants.get()
    variant.price, variant.stock = 99_000, 0
    variant.save()
    honey.refresh_summary()

    card = client.get("/products/").content.decode()
    assert "99.000" in card and "Hết hàng" in card


def test_a_product_hidden_by_staff_leaves_the_search_though_its_card_was_kept(honey):
    client = Client()
    assert "Mật ong bạc hà" in client.get("/products/?q=mat+ong").content.decode()

    Product.objects.filter(pk=honey.pk).update(staff_hidden=True)  # no signal: the kept ids and card stay

    assert "Mật ong bạc hà" not in client.get("/products/?q=mat+ong").content.decode()


def test_the_english_card_is_kept_apart(honey):
    Client().get("/products/")
    english = Client().get("/en/products/").content.decode()
    assert "Out of stock" not in english and 'lang="en"' in english


def test_a_search_page_of_kept_ids_reads_like_a_list(honey):
    page = product_list(params=QueryDict("q=mat+ong")).page

    assert bool(page.object_list) and len(page.object_list) == 1
    assert [product.name for product in page.object_list[:1]] == ["Mật ong bạc hà"]
    assert [product.name for product in page.object_list] == ["Mật ong bạc hà"]


def test_a_cart_lines_photo_is_kept_and_a_new_photo_shows_at_once(client):
    from marketplace.catalogue.models import ProductImage
    from tests.factories import make_image

    product = ProductFactory(with_image=True, variants=[{"price": 50_000, "stock": 9}])
    client.post("/cart/add/", {"variant": product.variants.get().pk, "quantity": 1})
    first = thumbnail(client.get("/cart/").content.decode())

    with CaptureQueriesContext(connection) as queries:
        assert client.get("/cart/").content.decode().count('class="line-thumb"') == 1
    assert not [q for q in queries.captured_queries if "wagtailimages" in q["sql"] or "productimage" in q["sql"]]

    picture = ProductImage.objects.get(product=product)
    picture.image = make_image("ảnh mới", color=(0, 120, 60))
    picture.save()  # a photo saved bumps the catalogue version: the kept thumbnail is not used again
    assert thumbnail(client.get("/cart/").content.decode()) != first


def thumbnail(page: str) -> str:
    import re

    return re.search(r'<img src="([^"]+)"[^>]*class="line-thumb"', page).group(1)
