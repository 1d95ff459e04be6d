"""Storefront pages run a fixed number of queries however many products exist (no N+1).

Each page is viewed once to create its image renditions, then the cache (facet counts and
Wagtail's rendition cache) is cleared so that only prefetching can keep the second view's
count flat: a rendition looked up per image would show up as a query per card.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalogue.models import ProductImage
from tests.factories import ProducerFactory, ProductFactory, category, make_image

pytestmark = pytest.mark.django_db

# Generous ceilings so that a new fixed query does not fail the suite; growth with N does.
MAX_LISTING_QUERIES = 30
MAX_DETAIL_QUERIES = 25


def count_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200  # creates the renditions this page needs
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def add_products(count: int, *, producer=None, slug: str = "gia-vi") -> None:
    producer = producer or ProducerFactory()
    for _ in range(count):
        ProductFactory(producer=producer, category=category(slug), ocop_stars=4, with_image=True,
                       variants=[{"price": 90_000, "stock": 3}, {"price": 120_000, "stock": 0}])


def counts_for_20_and_60(client, url: str, **add_kwargs) -> tuple[int, int]:
    add_products(20, **add_kwargs)
    with_20 = count_queries(client, url)
    add_products(40, **add_kwargs)
    with_60 = count_queries(client, url)
    return with_20, with_60


def test_listing_queries_do_not_grow_with_products(client):
    with_20, with_60 = counts_for_20_and_60(client, "/products/")

    assert with_20 == with_60
    assert with_60 <= MAX_LISTING_QUERIES


def test_filtered_search_listing_queries_do_not_grow_with_products(client):
    url = "/products/?q=san+pham&category=thuc-pham&province=ha_noi&ocop=3&in_stock=true&sort=price_asc"

    with_20, with_60 = counts_for_20_and_60(client, url)

    assert with_20 == with_60
    assert with_60 <= MAX_LISTING_QUERIES


def test_second_listing_page_queries_do_not_grow_with_products(client):
    add_products(30)
    with_30 = count_queries(client, "/products/?page=2")
    add_products(40)
    with_70 = count_queries(client, "/products/?page=2")

    assert with_30 == with_70


def test_product_page_queries_do_not_grow_with_related_products(client):
    product = ProductFactory(category=category("gia-vi"), with_image=True,
                             variants=[{"price": 50_000, "stock": 1}, {"price": 90_000, "stock": 20}])

    with_20, with_60 = counts_for_20_and_60(client, product.get_absolute_url())

    assert with_20 == with_60
    assert with_60 <= MAX_DETAIL_QUERIES


def test_product_page_queries_do_not_grow_with_gallery_images(client):
    product = ProductFactory(with_image=True)
    with_1 = count_queries(client, product.get_absolute_url())
    for index in range(1, 6):
        ProductImage.objects.create(product=product, image=make_image(f"ảnh {index}"), sort_order=index)
    with_6 = count_queries(client, product.get_absolute_url())

    assert with_1 == with_6


def test_producer_page_queries_do_not_grow_with_her_products(client):
    producer = ProducerFactory()

    with_20, with_60 = counts_for_20_and_60(client, producer.get_absolute_url(), producer=producer)

    assert with_20 == with_60
    assert with_60 <= MAX_DETAIL_QUERIES


def test_api_product_list_queries_do_not_grow_with_products(client):
    with_20, with_60 = counts_for_20_and_60(client, "/api/v1/products?page_size=100")

    assert with_20 == with_60


def test_api_product_detail_queries_do_not_grow_with_gallery_images(client):
    product = ProductFactory(with_image=True)
    url = f"/api/v1/products/{product.slug}"
    with_1 = count_queries(client, url)
    for index in range(1, 6):
        ProductImage.objects.create(product=product, image=make_image(f"ảnh {index}"), sort_order=index)
    with_6 = count_queries(client, url)

    assert with_1 == with_6
