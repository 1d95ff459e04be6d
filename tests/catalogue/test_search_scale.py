"""Search at scale (issue #14): a bounded candidate set is ranked, totals are counted up to a cap.

The limits are set small here so that a few products stand for a hundred thousand.
"""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from marketplace.catalogue.models import Product
from marketplace.catalogue.search import bounded_candidates, capped_count
from marketplace.catalogue.selectors import filtered_products, product_list
from tests.factories import ProducerFactory, ProductFactory

pytestmark = pytest.mark.django_db

HONEY_TEXT = "<p>Pha cùng mật ong rừng.</p>"


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.SEARCH_CANDIDATE_LIMIT = 3
    settings.SEARCH_COUNT_CAP = 5
    settings.PAGE_CACHE_SECONDS = 0  # every view renders: the search runs, not a kept page
    cache.clear()


def params(**values) -> QueryDict:
    result = QueryDict(mutable=True)
    result.update(values)
    return result


def make(name: str, *, days_old: int, producer=None, **kwargs) -> Product:
    product = ProductFactory(name=name, producer=producer or ProducerFactory(), **kwargs)
    Product.objects.filter(pk=product.pk).update(created_at=timezone.now() - timedelta(days=days_old))
    return product


@pytest.fixture
def honey_shop():
    """Two old honeys by name, six newer products that only mention honey: more matches than candidates."""
    producer = ProducerFactory()
    for n in range(6):
        make(f"Trà thảo mộc số {n}", days_old=n, producer=producer, description=HONEY_TEXT)
    make("Mật ong hoa cà phê", days_old=30, producer=producer)
    make("Rượu mật ong", days_old=40, producer=producer)


def names(listing) -> list[str]:
    return [product.name for product in listing.page.object_list]


def test_name_matches_rank_first_though_older_than_every_description_match(honey_shop):
    listing = product_list(params=params(q="mat ong"), per_page=10)

    assert names(listing)[:2] == ["Mật ong hoa cà phê", "Rượu mật ong"]  # phrase first, then contained
    assert listing.page.paginator.count == 3  # the buyer pages through the best SEARCH_CANDIDATE_LIMIT
    assert len(names(listing)) == 3
    assert names(listing)[2] == "Trà thảo mộc số 0"  # the newest description match fills
    assert listing.total == 5 and listing.total_capped  # 8 matches, counted up to the cap


def test_candidates_are_bounded_and_hold_the_name_matches(honey_shop):
    _filterset, queryset, _sort = filtered_products(params=params(q="mat ong"))

    candidates = list(bounded_candidates(queryset, "mat ong", limit=2).values_list("name", flat=True))

    assert {"Mật ong hoa cà phê", "Rượu mật ong"} <= set(candidates)
    assert len(candidates) <= 3 * 2  # three parts of at most `limit` each
    assert candidates[:2] == ["Mật ong hoa cà phê", "Rượu mật ong"]


def test_capped_count_stops_at_the_cap(honey_shop):
    _filterset, queryset, _sort = filtered_products(params=params(q="mat ong"))

    assert capped_count(queryset, cap=5) == 6  # cap + 1 means "more than the cap"
    assert capped_count(queryset, cap=100) == 8


def test_page_says_more_than_the_cap(client, honey_shop):
    response = client.get("/products/", {"q": "mật ong"})

    assert response.status_code == 200
    assert "Hơn 5 sản phẩm" in response.text


def test_page_shows_the_exact_count_below_the_cap(client):
    make("Mật ong hoa cà phê", days_old=1)
    make("Rượu mật ong", days_old=2)

    response = client.get("/products/", {"q": "mat ong"})

    assert ">2 sản phẩm<" in response.text.replace("\n", "")
    assert "Hơn" not in response.text.split('id="result-count"')[1].split("</p>")[0]


def test_an_explicit_sort_pages_through_every_match_up_to_the_cap(honey_shop):
    listing = product_list(params=params(q="mat ong", sort="newest"), per_page=10)

    assert listing.page.paginator.count == 5  # SEARCH_COUNT_CAP, not the candidate limit
    assert names(listing)[:5] == [f"Trà thảo mộc số {n}" for n in range(5)]


def test_other_filters_apply_before_the_candidates_are_picked(honey_shop):
    other = ProducerFactory(kind="cn")  # the honey shop's producer is a cooperative
    make("Mật ong bạc hà", days_old=90, producer=other)  # older than every candidate of the whole shop

    listing = product_list(params=params(q="mat ong", kind="cn"), per_page=10)

    assert names(listing) == ["Mật ong bạc hà"]


def test_a_product_hidden_after_ranking_leaves_the_kept_page(honey_shop):
    product_list(params=params(q="mat ong"), per_page=10)  # ranks and keeps the ids
    Product.objects.filter(name="Rượu mật ong").update(staff_hidden=True)  # no version bump here

    assert "Rượu mật ong" not in names(product_list(params=params(q="mat ong"), per_page=10))


def search_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_search_page_queries_do_not_grow_with_matches(client):
    producer = ProducerFactory()
    for n in range(4):
        make(f"Mật ong số {n}", days_old=n, producer=producer)
    few = search_queries(client, "/products/?q=mat+ong")
    for n in range(4, 16):
        make(f"Mật ong số {n}", days_old=n, producer=producer, description=HONEY_TEXT)

    assert search_queries(client, "/products/?q=mat+ong") == few
    assert few <= 30


def test_kept_ranking_makes_the_next_page_cheap(client, honey_shop):
    client.get("/products/?q=mat+ong")
    with CaptureQueriesContext(connection) as context:
        assert client.get("/products/?q=mat+ong&page=2").status_code == 200
    sql = " ".join(query["sql"] for query in context.captured_queries)
    assert "COUNT(" not in sql.upper()  # total, facets and ranking were kept


@pytest.mark.parametrize("query", [
    "mật ong " * 2000,  # a huge paste: cut to 200 characters, 8 words
    " ".join(f"tu{n}" for n in range(500)),
    "%_\\'\";--<script>alert(1)</script>",
    "tra:* & !ong | (",  # tsquery syntax is not passed through
    "\x00mat ong",
    "🍯🍯🍯",
])
def test_odd_queries_answer_normally(client, honey_shop, query):
    response = client.get("/products/", {"q": query})

    assert response.status_code == 200
    assert "<script>alert(1)" not in response.text


@pytest.mark.parametrize("page", ["999999", "abc", "-1", "0", "1e9", ""])
def test_odd_page_numbers_answer_with_a_page(client, honey_shop, page):
    response = client.get("/products/", {"q": "mat ong", "page": page})

    assert response.status_code == 200
    assert "Mật ong hoa cà phê" in response.text or "Trà thảo mộc" in response.text
