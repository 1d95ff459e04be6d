"""Search ranks by where the words were found: the name first, then part of the name, then the rest.

The same ladder on SQLite and PostgreSQL; an explicit sort (price, newest) still wins over it.
"""

from datetime import timedelta

import pytest
from django.http import QueryDict
from django.utils import timezone

from marketplace.catalogue.models import Product
from marketplace.catalogue.selectors import product_list
from tests.factories import ProducerFactory, ProductFactory, category

pytestmark = pytest.mark.django_db


def query_dict(**params) -> QueryDict:
    result = QueryDict(mutable=True)
    result.update(params)
    return result


def ranked(query: str, **params) -> list[str]:
    listing = product_list(params=query_dict(q=query, **params), per_page=50)
    return [product.name for product in listing.page.object_list]


def make(name: str, *, description: str = "<p>Đặc sản vùng quê.</p>", days_old: int = 0, **kwargs) -> Product:
    product = ProductFactory(name=name, description=description, **kwargs)
    # The newest is created last here; make it the oldest so that ranking, not age, must explain the order.
    Product.objects.filter(pk=product.pk).update(created_at=timezone.now() - timedelta(days=days_old))
    return product


@pytest.fixture
def kitchen():
    """The shop of the issue: pepper and candy whose descriptions mention fish sauce, newest first."""
    make("Nước mắm Phú Quốc 40 độ đạm", days_old=9)
    make("Cá cơm khô rim nước mắm", days_old=8)
    make("Mắm tôm chua Huế", days_old=7)
    make("Tiêu đen Phú Quốc", description="<p>Chấm cùng nước mắm nguyên chất rất ngon.</p>", days_old=1)
    make("Kẹo dừa Bến Tre", description="<p>Quà quê, ăn kèm trà. Không dùng nước mắm.</p>", days_old=0)


def test_nuoc_mam_lists_fish_sauce_before_pepper_and_candy(kitchen):
    names = ranked("nuoc mam")

    assert names[:3] == [
        "Nước mắm Phú Quốc 40 độ đạm",  # the name starts with the phrase
        "Cá cơm khô rim nước mắm",  # the name contains the phrase
        "Mắm tôm chua Huế",  # one of the words in the name
    ]
    # Only the description: last, though newer (PostgreSQL orders these two by ts_rank).
    assert set(names[3:]) == {"Tiêu đen Phú Quốc", "Kẹo dừa Bến Tre"}


def test_accented_query_ranks_the_same_as_the_accent_free_one(kitchen):
    assert ranked("NƯỚC MẮM") == ranked("nuoc mam")


def test_all_words_in_the_name_in_any_order_beat_a_partial_name():
    make("Mắm cá linh nước cốt", days_old=5)
    make("Nước mía sầu riêng", description="<p>Không phải mắm.</p>", days_old=0)

    assert ranked("nuoc mam") == ["Mắm cá linh nước cốt", "Nước mía sầu riêng"]


def test_producer_and_category_matches_come_after_name_matches():
    honey_coop = ProducerFactory(name="HTX Mật ong Hưng Yên")
    make("Phấn hoa", producer=honey_coop, days_old=0)
    make("Mật ong rừng U Minh", days_old=5)

    assert ranked("mat ong") == ["Mật ong rừng U Minh", "Phấn hoa"]


def test_equal_relevance_keeps_the_newest_first_then_the_highest_id():
    old = make("Nước mắm Cát Hải", days_old=3)
    new = make("Nước mắm Nam Ô", days_old=1)
    twin = ProductFactory(name="Nước mắm Lý Sơn")
    Product.objects.filter(pk=twin.pk).update(created_at=Product.objects.get(pk=new.pk).created_at)

    names = ranked("nuoc mam")

    assert names == ["Nước mắm Lý Sơn", "Nước mắm Nam Ô", "Nước mắm Cát Hải"]
    assert ranked("nuoc mam") == names  # stable from one request to the next
    assert old.name == names[-1]


def test_an_explicit_price_sort_overrides_relevance(kitchen):
    Product.objects.filter(name="Kẹo dừa Bến Tre").update(price=10_000)
    Product.objects.filter(name="Nước mắm Phú Quốc 40 độ đạm").update(price=500_000)

    cheapest_first = ranked("nuoc mam", sort="price_asc")

    assert cheapest_first[0] == "Kẹo dừa Bến Tre"
    assert cheapest_first[-1] == "Nước mắm Phú Quốc 40 độ đạm"


def test_relevance_also_orders_a_filtered_search(kitchen):
    make("Nước mắm chay", category=category("tho-cam"))

    assert ranked("nuoc mam", category="gia-vi")[0] == "Nước mắm Phú Quốc 40 độ đạm"
    assert ranked("nuoc mam", category="tho-cam") == ["Nước mắm chay"]


def test_the_listing_page_shows_name_matches_first(client, kitchen):
    body = client.get("/products/", {"q": "nuoc mam"}).content.decode()

    assert body.index("Nước mắm Phú Quốc 40 độ đạm") < body.index("Tiêu đen Phú Quốc")
    assert body.index("Mắm tôm chua Huế") < body.index("Kẹo dừa Bến Tre")
