"""/products/<slug>/: what a buyer and a search engine read on a product page."""

import html
import json
import re

import pytest
from django.core.cache import cache

from marketplace.catalogue.models import Product, ProductImage
from marketplace.core.money import format_vnd
from tests.factories import ProducerFactory, ProductFactory, category, make_image

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


def detail(client, product):
    response = client.get(f"/products/{product.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def json_ld(body: str) -> dict:
    match = re.search(r'<script[^>]*type="application/ld\+json"[^>]*>(.*?)</script>', body, re.S)
    assert match, "no JSON-LD script on the page"
    return json.loads(match.group(1))


def meta_property(body: str, name: str) -> str:
    match = re.search(rf'<meta property="{re.escape(name)}" content="([^"]*)">', body)
    assert match, f"no {name} meta tag"
    return html.unescape(match.group(1))


def gallery_images(body: str) -> list[str]:
    gallery = re.search(r'<div class="gallery">(.*?)</div>', body, re.S).group(1)
    return re.findall(r"<img [^>]*>", gallery)


@pytest.fixture
def fish_sauce():
    producer = ProducerFactory(name="HTX Nước mắm Cửa Khe", is_verified=True,
                               story="<p>Hai mươi chị em giữ nghề mắm truyền thống.</p>")
    product = ProductFactory(
        name="Nước mắm cá cơm 40 độ đạm", producer=producer, category=category("gia-vi"), ocop_stars=4,
        variants=[
            {"name": "Chai 500 ml", "price": 125_000, "stock": 50, "compare_at_price": 150_000},
            {"name": "Chai 1 lít", "price": 230_000, "stock": 3},
            {"name": "Can 5 lít", "price": 1_050_000, "stock": 0},
        ],
        with_image=True,
    )
    for index in (1, 2):
        ProductImage.objects.create(product=product, image=make_image(f"ảnh {index}"), sort_order=index)
    return product


def test_format_vnd_uses_dots_and_a_non_breaking_space_before_the_dong_sign():
    assert format_vnd(125_000) == f"125.000{NBSP}₫"
    assert format_vnd(1_050_000) == f"1.050.000{NBSP}₫"
    assert format_vnd(500) == f"500{NBSP}₫"
    assert format_vnd(0) == f"0{NBSP}₫"
    assert format_vnd(None) == ""


def test_gallery_serves_responsive_webp_images_lazy_after_the_first(client, fish_sauce):
    images = gallery_images(detail(client, fish_sauce))

    assert len(images) == 3
    assert 'loading="eager"' in images[0]
    assert all('loading="lazy"' in img for img in images[1:])
    for img in images:
        srcset = re.search(r'srcset="([^"]+)"', img).group(1)
        candidates = [part.strip().split() for part in srcset.split(",")]
        assert len(candidates) == 2
        assert all(url.endswith(".webp") and width.endswith("w") for url, width in candidates)
        assert re.search(r'src="[^"]+\.webp"', img)
        assert re.search(r'width="\d+" height="\d+"', img)


def test_gallery_alt_text_falls_back_to_the_product_name(client, fish_sauce):
    images = gallery_images(detail(client, fish_sauce))

    assert f'alt="{fish_sauce.name}"' in images[0]  # the factory's alt text is the name
    assert f'alt="{fish_sauce.name}"' in images[1]  # no alt text of its own


def test_product_without_images_still_renders(client):
    product = ProductFactory(name="Bánh gai")

    body = detail(client, product)

    assert '<div class="no-image"' in body
    assert "og:image" not in body


def test_variants_show_formatted_prices_and_sale_price(client, fish_sauce):
    body = detail(client, fish_sauce)

    assert f"125.000{NBSP}₫" in body
    assert f"<del>150.000{NBSP}₫</del>" in body
    assert f"230.000{NBSP}₫" in body
    assert f"1.050.000{NBSP}₫" in body
    assert f'<p class="price">125.000{NBSP}₫ <small>/ chai</small></p>' in body


def test_stock_state_per_variant(client, fish_sauce):
    body = detail(client, fish_sauce)
    choices = re.findall(r'<label class="variant-choice">.*?</label>', body, re.S)
    states = {
        re.search(r'data-name="(.*?)"', choice).group(1): re.search(r'<small class="variant-stock"><span class="\w+">(.*?)</span>', choice).group(1)
        for choice in choices
    }

    assert list(states) == ["Chai 500 ml", "Chai 1 lít", "Can 5 lít"]  # in the seller's order
    assert states == {"Chai 500 ml": "Còn hàng", "Chai 1 lít": "Chỉ còn 3", "Can 5 lít": "Hết hàng"}
    assert "disabled" in choices[2] and "disabled" not in choices[0]  # sold out: shown, not selectable


def test_producer_card_with_verified_badge_and_link(client, fish_sauce):
    body = detail(client, fish_sauce)
    card = re.search(r'<section class="producer-card".*?</section>', body, re.S).group(0)

    assert "HTX Nước mắm Cửa Khe" in card
    assert f'href="/producers/{fish_sauce.producer.slug}/"' in card
    assert "✓ Đã xác minh" in card
    assert "Hai mươi chị em giữ nghề mắm truyền thống." in card


def test_product_of_a_producer_not_yet_verified_is_not_shown(client):
    product = ProductFactory(producer=ProducerFactory(is_verified=False))

    assert client.get(f"/products/{product.slug}/").status_code == 404
    assert product.name not in client.get("/products/").content.decode()


def test_origin_and_ocop_badge(client, fish_sauce):
    body = detail(client, fish_sauce)

    assert "Xuất xứ: Hà Nội" in body
    assert "OCOP 4★" in body


def test_breadcrumbs_walk_the_category_tree(client, fish_sauce):
    body = detail(client, fish_sauce)
    crumbs = re.search(r'<nav class="breadcrumbs".*?</nav>', body, re.S).group(0)

    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs) == [
        ("/products/", "Sản phẩm"),
        ("/products/?category=thuc-pham", "Thực phẩm"),
        ("/products/?category=gia-vi", "Gia vị, nước mắm, tương"),
    ]


def test_related_products_are_published_products_of_the_same_category(client, fish_sauce):
    ProductFactory(name="Mắm tôm Hậu Lộc", category=category("gia-vi"))
    ProductFactory(name="Tương bần bản nháp", category=category("gia-vi"), status=Product.Status.DRAFT)
    ProductFactory(name="Khăn lụa", category=category("lua-to-tam"))

    body = detail(client, fish_sauce)
    related = re.search(r'<section aria-labelledby="related-heading">.*?</section>', body, re.S).group(0)

    assert re.findall(r'<h3 class="card-title">(.*?)</h3>', related) == ["Mắm tôm Hậu Lộc"]


def test_json_ld_describes_the_product_and_one_offer_per_variant(client, fish_sauce):
    data = json_ld(detail(client, fish_sauce))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Product"
    assert data["name"] == "Nước mắm cá cơm 40 độ đạm"
    assert data["brand"]["name"] == "HTX Nước mắm Cửa Khe"
    assert len(data["image"]) == 3 and all(url.startswith("http://testserver/") for url in data["image"])
    offers = data["offers"]
    assert [offer["price"] for offer in offers] == [125_000, 230_000, 1_050_000]
    assert {offer["priceCurrency"] for offer in offers} == {"VND"}
    assert {offer["@type"] for offer in offers} == {"Offer"}
    assert [offer["availability"] for offer in offers] == [
        "https://schema.org/InStock", "https://schema.org/InStock", "https://schema.org/OutOfStock",
    ]
    assert offers[0]["url"] == f"http://testserver/products/{fish_sauce.slug}/"


def test_json_ld_cannot_be_broken_out_of_by_a_product_name(client):
    product = ProductFactory(name="Mứt </script><script>alert(1)</script>")

    body = detail(client, product)

    assert "<script>alert(1)" not in body
    assert json_ld(body)["name"] == "Mứt </script><script>alert(1)</script>"


def test_open_graph_tags(client, fish_sauce):
    body = detail(client, fish_sauce)

    assert meta_property(body, "og:type") == "product"
    assert meta_property(body, "og:title") == "Nước mắm cá cơm 40 độ đạm"
    assert meta_property(body, "og:url") == f"http://testserver/products/{fish_sauce.slug}/"
    assert re.fullmatch(r"http://testserver/media/.+\.jpg", meta_property(body, "og:image"))
    assert meta_property(body, "og:description") == "Mô tả sản phẩm."
    assert meta_property(body, "product:price:amount") == "125000"
    assert meta_property(body, "product:price:currency") == "VND"
    assert f'<link rel="canonical" href="http://testserver/products/{fish_sauce.slug}/">' in body


def test_product_page_can_be_viewed_again_once_its_renditions_exist(client, fish_sauce):
    """Every rendition the page asks for is prefetched, so none is created a second time (a 500)."""
    for _ in range(3):
        detail(client, fish_sauce)
        cache.clear()  # Wagtail's rendition cache would otherwise hide the database path


@pytest.mark.parametrize("status", [Product.Status.DRAFT, Product.Status.HIDDEN])
def test_unpublished_product_url_is_404(client, status):
    product = ProductFactory(status=status)

    response = client.get(f"/products/{product.slug}/")

    assert response.status_code == 404
    assert "Không tìm thấy sản phẩm này" in response.content.decode()


def test_unknown_product_slug_is_404(client):
    response = client.get("/products/khong-co-san-pham-nay/")

    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_english_product_page_renders_in_english_context(client, fish_sauce):
    response = client.get(f"/en/products/{fish_sauce.slug}/")
    body = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="en">' in body
    assert '<a href="/en/products/?category=thuc-pham">Food</a>' in body


def test_the_ocop_certificate_and_its_expiry_are_shown_to_buyers(client, fish_sauce):
    from datetime import date

    from producers.models import OcopCertificate

    certificate = OcopCertificate.objects.create(
        producer=fish_sauce.producer, stars=4, number="215/QĐ-UBND", issuing_level=OcopCertificate.Level.PROVINCE,
        issued_on=date(2025, 1, 10), expires_on=date(2028, 1, 9), status=OcopCertificate.Status.CONFIRMED)
    certificate.products.add(fish_sauce)
    expired = OcopCertificate.objects.create(
        producer=fish_sauce.producer, stars=5, number="9/QĐ-UBND", issuing_level=OcopCertificate.Level.CENTRAL,
        issued_on=date(2020, 1, 10), expires_on=date(2023, 1, 9), status=OcopCertificate.Status.CONFIRMED)
    expired.products.add(fish_sauce)

    body = detail(client, fish_sauce)

    assert "hiệu lực đến 09/01/2028" in body and "215/QĐ-UBND" in body
    assert "9/QĐ-UBND" not in body and "09/01/2023" not in body
