"""/producers/<slug>/: the producer's story and what she sells."""

import re

import pytest

from marketplace.catalogue.models import Product
from producers.models import Producer
from tests.factories import ProducerFactory, ProductFactory, make_image

pytestmark = pytest.mark.django_db

CARD_TITLE = re.compile(r'<h3 class="card-title">(.*?)</h3>')


@pytest.fixture
def weaver():
    return ProducerFactory(
        name="Tổ hợp tác Dệt thổ cẩm Mường Lò", slug="det-tho-cam-muong-lo", kind=Producer.Kind.COOPERATIVE_GROUP,
        story="<p>Các chị người Thái ở <b>Mường Lò</b> dệt khăn theo hoa văn của bà.</p>", is_verified=True,
    )


def test_producer_page_tells_the_story_and_lists_her_products(client, weaver):
    ProductFactory(name="Khăn piêu", producer=weaver)
    ProductFactory(name="Túi thổ cẩm", producer=weaver)
    ProductFactory(name="Sản phẩm của người khác")

    response = client.get("/producers/det-tho-cam-muong-lo/")
    body = response.content.decode()

    assert response.status_code == 200
    assert "<h1>Tổ hợp tác Dệt thổ cẩm Mường Lò</h1>" in body
    assert "Các chị người Thái ở <b>Mường Lò</b> dệt khăn theo hoa văn của bà." in body
    assert "Tổ hợp tác · Hà Nội" in body
    assert "✓ Đã được Hội xác minh" in body
    assert sorted(CARD_TITLE.findall(body)) == ["Khăn piêu", "Túi thổ cẩm"]
    assert "2 sản phẩm" in body


def test_producer_page_hides_draft_and_hidden_products(client, weaver):
    ProductFactory(name="Khăn piêu", producer=weaver)
    ProductFactory(name="Váy đang may", producer=weaver, status=Product.Status.DRAFT)
    ProductFactory(name="Áo đã ẩn", producer=weaver, status=Product.Status.HIDDEN)

    body = client.get("/producers/det-tho-cam-muong-lo/").content.decode()

    assert CARD_TITLE.findall(body) == ["Khăn piêu"]
    assert "Váy đang may" not in body


def test_producer_without_products_says_so(client, weaver):
    body = client.get("/producers/det-tho-cam-muong-lo/").content.decode()

    assert "Nhà sản xuất này chưa có sản phẩm đang bán." in body


def test_producer_logo_is_a_webp_image(client, weaver):
    weaver.logo = make_image("logo")
    weaver.save()

    body = client.get("/producers/det-tho-cam-muong-lo/").content.decode()

    assert re.search(r'<img src="[^"]+\.webp" srcset="[^"]+" sizes="96px"[^>]*class="logo">', body)


def test_producer_open_graph_tags(client, weaver):
    body = client.get("/producers/det-tho-cam-muong-lo/").content.decode()

    assert '<meta property="og:title" content="Tổ hợp tác Dệt thổ cẩm Mường Lò">' in body
    assert '<meta property="og:type" content="profile">' in body


def test_producer_products_are_paginated(client, weaver):
    for _ in range(25):
        ProductFactory(producer=weaver)

    first = client.get("/producers/det-tho-cam-muong-lo/").content.decode()
    second = client.get("/producers/det-tho-cam-muong-lo/", {"page": "2"}).content.decode()

    assert len(CARD_TITLE.findall(first)) == 24
    assert len(CARD_TITLE.findall(second)) == 1
    assert 'href="?page=2"' in first


def test_unknown_producer_is_404_with_a_clear_vietnamese_message(client):
    response = client.get("/producers/khong-co-ai/")
    body = response.content.decode()

    assert response.status_code == 404
    assert "Không tìm thấy nhà sản xuất này." in body
    assert '<html lang="vi">' in body
    assert 'href="/products/"' in body  # a way back into the shop


def test_producer_page_in_english(client, weaver):
    response = client.get("/en/producers/det-tho-cam-muong-lo/")

    assert response.status_code == 200
    assert '<html lang="en">' in response.content.decode()
