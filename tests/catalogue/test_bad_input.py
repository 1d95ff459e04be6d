"""Bad input never gives a 500: the listing answers with a clear message, the API with 4xx JSON."""

import re

import pytest

from tests.factories import ProductFactory, category

pytestmark = pytest.mark.django_db

LIST_URL = "/products/"
API_URL = "/api/v1/products"
CARD_TITLE = re.compile(r'<h3 class="card-title">(.*?)</h3>')


@pytest.fixture(autouse=True)
def catalogue():
    ProductFactory(name="Nước mắm cá cơm", category=category("gia-vi"), variants=[{"price": 50_000}])
    ProductFactory(name="Khăn thổ cẩm", category=category("tho-cam"), variants=[{"price": 300_000}])


def listing(client, **params):
    response = client.get(LIST_URL, params)
    assert response.status_code == 200
    return response.content.decode()


def everything_listed(body: str) -> bool:
    return sorted(CARD_TITLE.findall(body)) == ["Khăn thổ cẩm", "Nước mắm cá cơm"]


def api_error(client, status: int | tuple[int, ...], **params) -> dict:
    response = client.get(API_URL, params)
    expected = status if isinstance(status, tuple) else (status,)
    assert response.status_code in expected
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["error"]
    return body


# --- the HTML listing ---------------------------------------------------------------------------


def test_page_that_is_not_a_number_shows_the_first_page(client):
    assert everything_listed(listing(client, page="abc"))


def test_page_past_the_end_shows_the_last_page(client, settings):
    settings.PRODUCTS_PER_PAGE = 1

    body = listing(client, page="99999")

    assert CARD_TITLE.findall(body) == ["Nước mắm cá cơm"]  # the older one, on the last page
    assert "Trang 2 / 2" in body


def test_page_zero_and_negative_pages_show_a_normal_page(client):
    assert everything_listed(listing(client, page="0"))
    assert everything_listed(listing(client, page="-1"))


def test_min_price_that_is_not_a_number_is_ignored_with_a_message(client):
    body = listing(client, min_price="abc")

    assert "Giá phải là một số nguyên (đồng)." in body
    assert everything_listed(body)


def test_min_price_above_max_price_ignores_both_with_a_message(client):
    body = listing(client, min_price="500000", max_price="100000")

    assert "Giá cao nhất phải lớn hơn hoặc bằng giá thấp nhất." in body
    assert everything_listed(body)


def test_unknown_category_is_ignored_with_a_message(client):
    body = listing(client, category="khong-co-danh-muc")

    assert "Không có danh mục này." in body
    assert everything_listed(body)


def test_unknown_province_is_ignored_with_a_message(client):
    body = listing(client, province="sai_gon_xua")

    assert "Không có tỉnh/thành phố này." in body
    assert everything_listed(body)


def test_ocop_out_of_range_is_ignored_with_a_message(client):
    body = listing(client, ocop="9")

    assert "Số sao OCOP phải là 3, 4 hoặc 5." in body
    assert everything_listed(body)


def test_unknown_sort_falls_back_to_newest(client):
    body = listing(client, sort="bogus")

    assert "Cách sắp xếp không hợp lệ." in body
    assert CARD_TITLE.findall(body) == ["Khăn thổ cẩm", "Nước mắm cá cơm"]


def test_five_thousand_character_query_is_cut_not_refused(client):
    body = listing(client, q="mắm " * 1250)

    assert CARD_TITLE.findall(body) == ["Nước mắm cá cơm"]


def test_query_of_punctuation_only_lists_everything(client):
    body = listing(client, q="!!! ---")

    assert everything_listed(body)


def test_query_with_sql_is_just_text(client):
    body = listing(client, q="' OR 1=1 --")

    assert CARD_TITLE.findall(body) == []
    assert "Chưa tìm thấy sản phẩm phù hợp" in body
    assert "&#x27; OR 1=1 --" in body


def test_query_with_html_is_never_reflected_unescaped(client):
    body = listing(client, q="<script>alert(1)</script>")

    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_html_in_other_parameters_is_escaped_too(client):
    body = listing(client, min_price='"><script>alert(1)</script>', sort="<script>alert(1)</script>")

    assert "<script>alert(1)" not in body


def test_huge_min_price_is_ignored_with_a_message(client):
    body = listing(client, min_price=str(10**30))

    assert "Giá quá lớn." in body
    assert everything_listed(body)


def test_negative_price_is_ignored_with_a_message(client):
    body = listing(client, max_price="-1")

    assert "Giá không được âm." in body
    assert everything_listed(body)


def test_in_stock_with_an_odd_value_does_not_fail(client):
    assert listing(client, in_stock="maybe")


def test_repeated_parameters_do_not_fail(client):
    response = client.get(f"{LIST_URL}?category=gia-vi&category=tho-cam&page=1&page=2")

    assert response.status_code == 200


# --- the JSON API -------------------------------------------------------------------------------


def test_api_page_zero(client):
    api_error(client, 422, page="0")


def test_api_page_size_above_the_limit(client):
    api_error(client, 422, page_size="1000")


def test_api_page_that_is_not_a_number(client):
    api_error(client, (400, 422), page="abc")


def test_api_page_past_the_end(client):
    body = api_error(client, 404, page="9999")

    assert body["details"]["pages"] == 1


def test_api_min_price_that_is_not_a_number(client):
    body = api_error(client, (400, 422), min_price="abc")

    assert "min_price" in body["details"]


def test_api_min_price_above_max_price(client):
    # Both prices are valid on their own (the schema cannot say "min ≤ max"): no product lies in the range.
    response = client.get(API_URL, {"min_price": "500000", "max_price": "100000"})

    assert response.status_code == 200 and response.json()["count"] == 0


def test_api_unknown_category(client):
    api_error(client, 404, category="khong-co-danh-muc")


def test_api_unknown_province(client):
    api_error(client, 422, province="sai_gon_xua")


def test_api_ocop_out_of_range(client):
    api_error(client, 422, ocop="9")


def test_api_unknown_sort(client):
    api_error(client, 422, sort="bogus")


def test_api_huge_min_price(client):
    api_error(client, 422, min_price=str(10**30))


def test_api_negative_price(client):
    api_error(client, 422, min_price="-5")


def test_api_long_query_is_cut_not_refused(client):
    response = client.get(API_URL, {"q": "mắm " * 1250})

    assert response.status_code == 200
    assert [p["name"] for p in response.json()["results"]] == ["Nước mắm cá cơm"]


def test_api_query_with_sql_or_html_is_just_text(client):
    for query in ("' OR 1=1 --", "<script>alert(1)</script>", "!!!"):
        response = client.get(API_URL, {"q": query})
        assert response.status_code == 200, query


def test_api_unknown_product_slug(client):
    response = client.get("/api/v1/products/khong-co-san-pham-nay")

    assert response.status_code == 404
    assert response.json()["error"]
