"""The read-only JSON API under /api/v1/: same filters as the listing, paginated, 4xx JSON on bad input."""

import pytest

from marketplace.catalogue.models import Category, Product
from marketplace.catalogue.ocop_groups import OCOP_GROUPS
from producers.models import Producer
from tests.factories import ProducerFactory, ProductFactory, category

pytestmark = pytest.mark.django_db

AN_GIANG = 91


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [product["name"] for product in response.json()["results"]]


@pytest.fixture
def assortment():
    household = ProducerFactory(name="Hộ chị Lan", slug="ho-chi-lan", kind=Producer.Kind.HOUSEHOLD,
                                province_code=AN_GIANG)
    cooperative = ProducerFactory(name="HTX Cửa Khe", slug="htx-cua-khe", kind=Producer.Kind.COOPERATIVE)
    ProductFactory(name="Nước mắm cá cơm", producer=cooperative, category=category("gia-vi"), ocop_stars=4,
                   variants=[{"price": 50_000, "stock": 5}], with_image=True)
    ProductFactory(name="Mật ong hoa nhãn", producer=household, category=category("mat-ong"), ocop_stars=3,
                   variants=[{"price": 150_000, "stock": 0}])
    ProductFactory(name="Khăn thổ cẩm", producer=cooperative, category=category("tho-cam"), ocop_stars=5,
                   origin_province_code=AN_GIANG, variants=[{"price": 300_000, "stock": 2}])
    ProductFactory(name="Bản nháp", producer=cooperative, status=Product.Status.DRAFT)


def test_products_lists_published_products_newest_first(client, assortment):
    response = client.get("/api/v1/products")
    body = response.json()

    assert names(response) == ["Khăn thổ cẩm", "Mật ong hoa nhãn", "Nước mắm cá cơm"]
    assert (body["count"], body["page"], body["pages"]) == (3, 1, 1)


def test_product_summary_fields(client, assortment):
    fish_sauce = client.get("/api/v1/products", {"q": "ca com"}).json()["results"][0]

    assert fish_sauce["name"] == "Nước mắm cá cơm"
    assert fish_sauce["price"] == 50_000
    assert fish_sauce["in_stock"] is True
    assert fish_sauce["category"] == "gia-vi"
    assert fish_sauce["origin_province"] == "Hà Nội"
    assert fish_sauce["ocop_stars"] == 4
    assert fish_sauce["url"] == f"/products/{fish_sauce['slug']}/"
    assert fish_sauce["image"].endswith(".webp")
    assert fish_sauce["producer"] == {
        "slug": "htx-cua-khe", "name": "HTX Cửa Khe", "kind": "htx", "province": "Hà Nội", "is_verified": True,
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "nuoc mam ca"}, ["Nước mắm cá cơm"]),
        ({"category": "thuc-pham"}, ["Mật ong hoa nhãn", "Nước mắm cá cơm"]),
        ({"province": "an_giang"}, ["Khăn thổ cẩm"]),
        ({"ocop": "4"}, ["Khăn thổ cẩm", "Nước mắm cá cơm"]),
        ({"min_price": "100000", "max_price": "300000"}, ["Khăn thổ cẩm", "Mật ong hoa nhãn"]),
        ({"kind": "hkd"}, ["Mật ong hoa nhãn"]),
        ({"in_stock": "true"}, ["Khăn thổ cẩm", "Nước mắm cá cơm"]),
        ({"sort": "price_asc"}, ["Nước mắm cá cơm", "Mật ong hoa nhãn", "Khăn thổ cẩm"]),
        ({"sort": "price_desc"}, ["Khăn thổ cẩm", "Mật ong hoa nhãn", "Nước mắm cá cơm"]),
        ({"category": "thuc-pham", "in_stock": "true", "sort": "price_desc"}, ["Nước mắm cá cơm"]),
    ],
)
def test_products_take_the_same_filters_as_the_listing(client, assortment, params, expected):
    assert names(client.get("/api/v1/products", params)) == expected


def test_products_are_paginated(client):
    producer = ProducerFactory()
    for _ in range(5):
        ProductFactory(producer=producer)

    first = client.get("/api/v1/products", {"page_size": "2"}).json()
    last = client.get("/api/v1/products", {"page_size": "2", "page": "3"}).json()

    assert (first["count"], first["pages"], len(first["results"])) == (5, 3, 2)
    assert (last["page"], len(last["results"])) == (3, 1)


def test_page_size_of_one_hundred_is_allowed(client, assortment):
    assert client.get("/api/v1/products", {"page_size": "100"}).status_code == 200


def test_empty_catalogue_is_an_empty_first_page(client):
    body = client.get("/api/v1/products").json()

    assert body == {"count": 0, "page": 1, "pages": 1, "results": []}


def test_product_detail(client, assortment):
    slug = Product.objects.get(name="Nước mắm cá cơm").slug

    body = client.get(f"/api/v1/products/{slug}").json()

    assert body["name"] == "Nước mắm cá cơm"
    assert body["description"] == "<p>Mô tả sản phẩm.</p>"
    assert body["unit"] == "chai"
    assert body["variants"] == [
        {"sku": f"{slug}-0", "name": "Loại 1", "price": 50_000, "compare_at_price": None, "in_stock": True}
    ]
    assert len(body["images"]) == 1 and body["images"][0].endswith(".webp")


def test_product_detail_can_be_read_again_and_again(client, assortment):
    """Renditions created by the first read are found, not created twice, by the next ones."""
    slug = Product.objects.get(name="Nước mắm cá cơm").slug

    for _ in range(3):
        assert client.get(f"/api/v1/products/{slug}").status_code == 200
        assert client.get("/api/v1/products").status_code == 200


def test_draft_product_is_404(client, assortment):
    slug = Product.objects.get(name="Bản nháp").slug

    response = client.get(f"/api/v1/products/{slug}")

    assert response.status_code == 404
    assert response.json()["error"]


def test_unknown_product_is_404_json(client):
    response = client.get("/api/v1/products/khong-co")

    assert response.status_code == 404
    assert response.json() == {"error": "Không tìm thấy sản phẩm.", "details": {}}


def test_categories_are_a_tree_with_parent_slugs(client):
    body = client.get("/api/v1/categories").json()
    by_slug = {node["slug"]: node for node in body}

    assert len(body) == Category.objects.count() == sum(1 + len(children) for *_, children in OCOP_GROUPS)
    assert by_slug["thuc-pham"] == {
        "slug": "thuc-pham", "name": "Thực phẩm", "name_en": "Food", "parent": None, "depth": 1,
    }
    assert by_slug["gia-vi"]["parent"] == "thuc-pham"
    assert by_slug["gia-vi"]["depth"] == 2
    assert by_slug["tho-cam"]["parent"] == "vai-may-mac"
    parents_first = [node["slug"] for node in body]
    assert parents_first.index("thuc-pham") < parents_first.index("gia-vi")


def test_producers(client, assortment):
    body = client.get("/api/v1/producers").json()

    assert sorted(body, key=lambda producer: producer["slug"]) == [
        {"slug": "ho-chi-lan", "name": "Hộ chị Lan", "kind": "hkd", "province": "An Giang", "is_verified": True,
         "url": "/producers/ho-chi-lan/"},
        {"slug": "htx-cua-khe", "name": "HTX Cửa Khe", "kind": "htx", "province": "Hà Nội", "is_verified": True,
         "url": "/producers/htx-cua-khe/"},
    ]


def test_openapi_schema_lists_every_path(client):
    response = client.get("/api/v1/openapi.json")
    schema = response.json()

    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "Chợ Phụ nữ API"
    assert {"/api/v1/products", "/api/v1/products/{slug}", "/api/v1/categories", "/api/v1/producers"} <= set(
        schema["paths"]
    )
    parameters = {p["name"] for p in schema["paths"]["/api/v1/products"]["get"]["parameters"]}
    assert {"page", "page_size"} <= parameters


@pytest.mark.parametrize(
    ("params", "status"),
    [
        # Outside the bounds the schema declares: 422, as the schema documents.
        ({"page": "0"}, 422),
        ({"page": "-3"}, 422),
        ({"page_size": "0"}, 422),
        ({"page_size": "1000"}, 422),
        ({"page": "abc"}, 422),
        ({"page_size": "abc"}, 422),
        ({"page": str(10**30)}, 422),
        ({"page_size": str(10**30)}, 422),
        ({"min_price": "abc"}, 422),
        # Within the schema, but nothing there: 404.
        ({"page": "9999"}, 404),
        ({"category": "khong-co"}, 404),
    ],
)
def test_bad_parameters_answer_4xx_json_with_an_error(client, assortment, params, status):
    response = client.get("/api/v1/products", params)

    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(response.json()["error"], str)


def test_filter_errors_name_the_parameter(client):
    body = client.get("/api/v1/products", {"min_price": "abc", "ocop": "9"}).json()

    assert set(body["details"]) == {"min_price", "ocop"}
    assert body["details"]["min_price"] == ["Giá phải là một số nguyên (đồng) từ 0 đến 10.000.000.000."]



def test_in_stock_false_in_any_spelling_filters_nothing(client, assortment):
    for spelling in ("false", "0"):
        assert client.get("/api/v1/products", {"in_stock": spelling}).json()["count"] == 3
    assert client.get("/api/v1/products", {"in_stock": "1"}).json()["count"] == 2


def test_a_nul_character_in_a_filter_is_no_server_error(client, assortment):
    assert client.get("/api/v1/products", {"q": "mắm\x00"}).status_code == 200
    assert client.get("/products/", {"category": "gia-vi\x00", "q": "\x00"}).status_code == 200
