import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from marketplace.catalogue.models import Product
from tests.factories import ProducerFactory, ProductFactory, category

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw-123456")
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    "url_name",
    ["wagtailsnippets_catalogue_product:list", "wagtailsnippets_catalogue_product:add",
     "wagtailsnippets_producers_producer:list", "wagtailsnippets_producers_producer:add"],
)
def test_staff_screens_open(admin_client, url_name):
    assert admin_client.get(reverse(url_name)).status_code == 200


def test_staff_edits_a_product_with_its_variants(admin_client):
    product = ProductFactory(name="Mật ong", variants=[{"price": 100_000, "stock": 5}])
    variant = product.variants.get()
    data = {
        "producer": product.producer_id, "name": "Mật ong rừng", "slug": product.slug,
        "category": category("mat-ong").pk, "description": '{"blocks": [], "entityMap": {}}',
        "origin_province_code": 1, "origin_ward_code": "", "unit": "hũ", "ocop_stars": "", "status": "published",
        "variants-TOTAL_FORMS": 1, "variants-INITIAL_FORMS": 1, "variants-MIN_NUM_FORMS": 1, "variants-MAX_NUM_FORMS": 1000,
        "variants-0-id": variant.pk, "variants-0-ORDER": 1, "variants-0-DELETE": "",
        "variants-0-sku": variant.sku, "variants-0-name": "Hũ 500 g", "variants-0-price": 150_000,
        "variants-0-compare_at_price": "", "variants-0-stock": 7, "variants-0-weight_grams": 600,
        "images-TOTAL_FORMS": 0, "images-INITIAL_FORMS": 0, "images-MIN_NUM_FORMS": 0, "images-MAX_NUM_FORMS": 1000,
    }

    response = admin_client.post(reverse("wagtailsnippets_catalogue_product:edit", args=[product.pk]), data)

    assert response.status_code == 302, response.context["form"].errors if response.context else response
    product.refresh_from_db()
    assert (product.name, product.price, product.stock_total) == ("Mật ong rừng", 150_000, 7)
    assert "mat ong rung" in product.search_text


def test_staff_cannot_save_a_zero_price(admin_client):
    producer = ProducerFactory()
    data = {
        "producer": producer.pk, "name": "Hàng lỗi", "slug": "hang-loi", "category": category("gia-vi").pk,
        "description": '{"blocks": [], "entityMap": {}}', "origin_province_code": 1, "unit": "chai",
        "status": "published",
        "variants-TOTAL_FORMS": 1, "variants-INITIAL_FORMS": 0, "variants-MIN_NUM_FORMS": 1, "variants-MAX_NUM_FORMS": 1000,
        "variants-0-sku": "X1", "variants-0-name": "Chai", "variants-0-price": 0, "variants-0-stock": 1,
        "variants-0-weight_grams": 0, "variants-0-ORDER": 1,
        "images-TOTAL_FORMS": 0, "images-INITIAL_FORMS": 0, "images-MIN_NUM_FORMS": 0, "images-MAX_NUM_FORMS": 1000,
    }

    response = admin_client.post(reverse("wagtailsnippets_catalogue_product:add"), data)

    assert response.status_code == 200
    assert not Product.objects.filter(slug="hang-loi").exists()


def test_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("wagtailsnippets_catalogue_product:list"))

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
