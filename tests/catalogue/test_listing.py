"""The /products/ listing as a buyer uses it: filters, facet counts, sorting, pages, shareable URLs."""

import html
import re

import pytest
from django.conf import settings

from marketplace.catalogue.models import Product
from producers.models import Producer
from tests.factories import ProducerFactory, ProductFactory, category

pytestmark = pytest.mark.django_db

LIST_URL = "/products/"
AN_GIANG = 91
CARD_TITLE = re.compile(r'<h3 class="card-title">(.*?)</h3>', re.S)


def card_names(response) -> list[str]:
    return [html.unescape(name.strip()) for name in CARD_TITLE.findall(response.content.decode())]


def heading(response) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", response.content.decode(), re.S)
    return " ".join(html.unescape(match.group(1)).split())


def facet_counts(response, name: str) -> dict[str, int]:
    pattern = re.compile(
        rf'<input type="radio" name="{name}" value="([^"]+)"[^>]*>[^<]*<span class="count">\((\d+)\)</span>'
    )
    return {value: int(count) for value, count in pattern.findall(response.content.decode())}


@pytest.fixture
def assortment():
    """Four products that differ on every facet."""
    cooperative = ProducerFactory(kind=Producer.Kind.COOPERATIVE)
    household = ProducerFactory(kind=Producer.Kind.HOUSEHOLD, province_code=AN_GIANG)
    return {
        "fish_sauce": ProductFactory(
            name="Nước mắm cá cơm", producer=cooperative, category=category("gia-vi"), ocop_stars=4,
            variants=[{"price": 50_000, "stock": 5}],
        ),
        "honey": ProductFactory(
            name="Mật ong hoa nhãn", producer=household, category=category("mat-ong"), ocop_stars=3,
            variants=[{"price": 150_000, "stock": 5}],
        ),
        "scarf": ProductFactory(
            name="Khăn thổ cẩm", producer=cooperative, category=category("tho-cam"), ocop_stars=5,
            origin_province_code=AN_GIANG, variants=[{"price": 300_000, "stock": 5}],
        ),
        "pepper": ProductFactory(
            name="Tiêu đen", producer=cooperative, category=category("gia-vi"),
            origin_province_code=AN_GIANG, variants=[{"price": 80_000, "stock": 0}],
        ),
    }


def test_listing_shows_published_products_only(client):
    ProductFactory(name="Bánh đa vừng")
    ProductFactory(name="Bản nháp bí mật", status=Product.Status.DRAFT)
    ProductFactory(name="Sản phẩm đã ẩn", status=Product.Status.HIDDEN, origin_province_code=AN_GIANG)

    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert card_names(response) == ["Bánh đa vừng"]
    assert "Bản nháp bí mật" not in response.content.decode()
    assert "1 sản phẩm" in response.content.decode()
    assert facet_counts(response, "province") == {"ha_noi": 1}  # the hidden one is not counted either


def test_hidden_and_draft_products_are_not_found_by_search_either(client):
    ProductFactory(name="Mắm tôm chua", status=Product.Status.DRAFT)
    ProductFactory(name="Mắm tôm ngọt", status=Product.Status.HIDDEN)

    response = client.get(LIST_URL, {"q": "mam tom"})

    assert card_names(response) == []


def test_search_without_accents_finds_the_accented_product(client, assortment):
    response = client.get(LIST_URL, {"q": "nuoc mam"})

    assert response.status_code == 200
    # The pepper's category is "Gia vị, nước mắm, tương", so it matches too, but below the name match.
    assert card_names(response) == ["Nước mắm cá cơm", "Tiêu đen"]
    assert heading(response) == "Kết quả cho “nuoc mam”"


def test_parent_category_includes_its_sub_categories(client, assortment):
    response = client.get(LIST_URL, {"category": "thuc-pham"})

    assert set(card_names(response)) == {"Nước mắm cá cơm", "Mật ong hoa nhãn", "Tiêu đen"}


def test_sub_category_lists_only_its_own_products(client, assortment):
    response = client.get(LIST_URL, {"category": "gia-vi"})

    assert set(card_names(response)) == {"Nước mắm cá cơm", "Tiêu đen"}


def test_province_filter_uses_the_codename(client, assortment):
    assert set(card_names(client.get(LIST_URL, {"province": "an_giang"}))) == {"Khăn thổ cẩm", "Tiêu đen"}
    assert set(card_names(client.get(LIST_URL, {"province": "ha_noi"}))) == {"Nước mắm cá cơm", "Mật ong hoa nhãn"}


def test_ocop_filter_means_at_least_that_many_stars(client, assortment):
    assert set(card_names(client.get(LIST_URL, {"ocop": "4"}))) == {"Nước mắm cá cơm", "Khăn thổ cẩm"}
    assert card_names(client.get(LIST_URL, {"ocop": "5"})) == ["Khăn thổ cẩm"]


def test_price_range_is_inclusive(client, assortment):
    response = client.get(LIST_URL, {"min_price": "80000", "max_price": "150000"})

    assert set(card_names(response)) == {"Tiêu đen", "Mật ong hoa nhãn"}


def test_producer_kind_filter(client, assortment):
    assert card_names(client.get(LIST_URL, {"kind": Producer.Kind.HOUSEHOLD})) == ["Mật ong hoa nhãn"]


def test_in_stock_filter_leaves_out_sold_out_products(client, assortment):
    response = client.get(LIST_URL, {"in_stock": "true", "category": "gia-vi"})

    assert card_names(response) == ["Nước mắm cá cơm"]


def test_filters_combine(client, assortment):
    response = client.get(LIST_URL, {"category": "thuc-pham", "province": "ha_noi", "ocop": "4"})

    assert card_names(response) == ["Nước mắm cá cơm"]


def test_sort_by_price_both_ways(client, assortment):
    ascending = card_names(client.get(LIST_URL, {"sort": "price_asc"}))
    descending = card_names(client.get(LIST_URL, {"sort": "price_desc"}))

    assert ascending == ["Nước mắm cá cơm", "Tiêu đen", "Mật ong hoa nhãn", "Khăn thổ cẩm"]
    assert descending == list(reversed(ascending))


def test_default_sort_without_search_is_newest_first(client, assortment):
    response = client.get(LIST_URL)

    assert card_names(response) == ["Tiêu đen", "Khăn thổ cẩm", "Mật ong hoa nhãn", "Nước mắm cá cơm"]
    assert '<strong aria-current="true">Mới nhất</strong>' in response.content.decode()


def test_search_sorts_by_relevance_name_matches_first(client):
    ProductFactory(name="Bánh tráng", description="<p>Chấm với mật ong rất ngon</p>")
    ProductFactory(name="Mật ong hoa cà phê")

    response = client.get(LIST_URL, {"q": "mat ong"})

    assert card_names(response) == ["Mật ong hoa cà phê", "Bánh tráng"]
    assert '<strong aria-current="true">Liên quan nhất</strong>' in response.content.decode()


def test_search_can_be_sorted_by_price_instead(client):
    ProductFactory(name="Mật ong rừng", variants=[{"price": 400_000}])
    ProductFactory(name="Mật ong nhãn", variants=[{"price": 120_000}])

    response = client.get(LIST_URL, {"q": "mat ong", "sort": "price_asc"})

    assert card_names(response) == ["Mật ong nhãn", "Mật ong rừng"]


def test_relevance_is_not_offered_without_a_search(client, assortment):
    body = client.get(LIST_URL, {"sort": "relevance"}).content.decode()

    assert "Liên quan nhất" not in body
    assert '<strong aria-current="true">Mới nhất</strong>' in body


def test_each_facet_counts_with_the_other_filters_applied(client, assortment):
    response = client.get(LIST_URL, {"province": "ha_noi"})

    # Category and kind counts only see Hà Nội products ...
    assert facet_counts(response, "category")["thuc-pham"] == 2
    assert facet_counts(response, "category")["vai-may-mac"] == 0
    assert facet_counts(response, "kind")[Producer.Kind.COOPERATIVE] == 1
    assert facet_counts(response, "kind")[Producer.Kind.HOUSEHOLD] == 1
    assert facet_counts(response, "ocop") == {"3": 2, "4": 1, "5": 0}
    # ... while the province facet ignores its own choice, so the buyer sees what switching gives.
    assert facet_counts(response, "province") == {"an_giang": 2, "ha_noi": 2}


def test_category_facet_of_a_chosen_group_lists_its_sub_categories(client, assortment):
    response = client.get(LIST_URL, {"category": "thuc-pham"})

    counts = facet_counts(response, "category")
    assert counts["gia-vi"] == 2
    assert counts["mat-ong"] == 1
    assert counts["che-tra"] == 0
    assert heading(response) == "Thực phẩm"


def test_facet_counts_follow_the_search(client, assortment):
    response = client.get(LIST_URL, {"q": "mat ong"})

    assert facet_counts(response, "province") == {"ha_noi": 1}
    assert facet_counts(response, "ocop") == {"3": 1, "4": 0, "5": 0}


def test_pagination_shows_settings_products_per_page(client):
    producer = ProducerFactory()
    for _ in range(settings.PRODUCTS_PER_PAGE + 1):
        ProductFactory(producer=producer)

    first = client.get(LIST_URL)
    second = client.get(LIST_URL, {"page": "2"})

    assert len(card_names(first)) == settings.PRODUCTS_PER_PAGE == 24
    assert len(card_names(second)) == 1
    assert "25 sản phẩm" in first.content.decode()
    assert "Trang 1 / 2" in first.content.decode()


def test_pagination_links_keep_the_filters(client):
    producer = ProducerFactory()
    for _ in range(settings.PRODUCTS_PER_PAGE + 1):
        ProductFactory(producer=producer, category=category("che-tra"), ocop_stars=4)

    body = client.get(LIST_URL, {"category": "che-tra", "ocop": "4", "sort": "price_asc"}).content.decode()

    assert 'href="?category=che-tra&amp;ocop=4&amp;sort=price_asc&amp;page=2"' in body


def test_sort_links_keep_the_filters_and_go_back_to_page_one(client, assortment):
    body = client.get(LIST_URL, {"category": "gia-vi", "province": "an_giang", "page": "1"}).content.decode()

    assert 'href="?category=gia-vi&amp;province=an_giang&amp;sort=price_asc"' in body
    assert 'href="?category=gia-vi&amp;province=an_giang&amp;sort=price_desc"' in body


def test_filter_form_keeps_the_current_state(client, assortment):
    body = client.get(
        LIST_URL, {"q": "mam", "category": "gia-vi", "in_stock": "true", "min_price": "1000", "sort": "price_asc"}
    ).content.decode()

    assert '<input type="hidden" name="q" value="mam">' in body
    assert 'name="category" value="gia-vi" checked' in body
    assert '<input type="checkbox" name="in_stock" value="true" checked>' in body
    assert 'name="min_price" min="0" step="1000" inputmode="numeric" value="1000"' in body
    assert '<input type="hidden" name="sort" value="price_asc">' in body


def test_a_shared_url_shows_the_same_results(client, assortment):
    url = f"{LIST_URL}?province=an_giang&sort=price_desc"

    assert card_names(client.get(url)) == card_names(client.get(url)) == ["Khăn thổ cẩm", "Tiêu đen"]


def test_no_result_shows_a_helpful_page(client, assortment):
    response = client.get(LIST_URL, {"q": "xe máy điện", "province": "ha_noi"})
    body = response.content.decode()

    assert response.status_code == 200
    assert card_names(response) == []
    assert '<div class="empty">' in body
    assert "Chưa tìm thấy sản phẩm phù hợp" in body
    assert "Thử từ khoá ngắn hơn" in body
    assert 'href="/products/?q=xe%20m%C3%A1y%20%C4%91i%E1%BB%87n"' in body  # drop the other filters
    assert "Xem tất cả sản phẩm" in body


def test_empty_catalogue_is_not_a_blank_page(client):
    body = client.get(LIST_URL).content.decode()

    assert "Chưa tìm thấy sản phẩm phù hợp" in body
    assert "0 sản phẩm" in body


def test_cards_show_price_producer_and_badges(client, assortment):
    body = client.get(LIST_URL, {"category": "gia-vi"}).content.decode()

    assert "50.000\u00a0₫" in body
    assert assortment["fish_sauce"].producer.name in body
    assert "OCOP 4★" in body
    assert '<span class="card-flag">Hết hàng</span>' in body  # the pepper


def test_english_listing_renders_in_english_context(client, assortment):
    response = client.get("/en/products/")
    body = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="en">' in body
    assert f'href="/en/products/{assortment["honey"].slug}/"' in body


def test_facet_labels_follow_the_language_even_when_counts_are_cached(client, assortment):
    client.get(LIST_URL)  # the Vietnamese page fills the facet cache first

    body = client.get("/en/products/").content.decode()

    assert 'name="category" value="thuc-pham" > Food <span class="count">(3)</span>' in body
    assert 'name="kind" value="htx" > Cooperative <span class="count">(3)</span>' in body
