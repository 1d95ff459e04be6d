"""Bad input and tampering: a clear Vietnamese message, never a 500, the cart unchanged."""

import pytest
from django.test import Client
from django.utils import timezone

from marketplace.catalogue.models import Product
from producers.models import Producer
from tests.cart.conftest import ADD, CART, JSON, REMOVE, UPDATE, cart_of, variant_of
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db

QUANTITY_MESSAGE = "Số lượng phải là số nguyên từ 1 đến 99."
VARIANT_MESSAGE = "Vui lòng chọn một phân loại sản phẩm hợp lệ."


@pytest.fixture
def with_one_line(client, fish_sauce):
    client.post(ADD, {"variant": variant_of(fish_sauce).pk, "quantity": "2"})
    return {variant_of(fish_sauce).pk: 2}


@pytest.mark.parametrize("quantity", ["abc", "0", "-1", str(10**12), "1.5", "x" * 5000, "9" * 5000])
@pytest.mark.parametrize("url", [ADD, UPDATE])
def test_bad_quantity(client, fish_sauce, with_one_line, url, quantity):
    response = client.post(url, {"variant": variant_of(fish_sauce).pk, "quantity": quantity}, **JSON)

    assert response.status_code == 400 and response.json()["message"] == QUANTITY_MESSAGE
    assert cart_of(client) == with_one_line


@pytest.mark.parametrize("variant", [None, "", "abc", "-1", "0", str(10**30), "x" * 5000, "1; DROP TABLE"])
@pytest.mark.parametrize("url", [ADD, UPDATE, REMOVE])
def test_bad_variant_id(client, with_one_line, url, variant):
    data = {"quantity": "1"} | ({} if variant is None else {"variant": variant})

    response = client.post(url, data, **JSON)

    assert response.status_code == 400 and response.json()["message"] == VARIANT_MESSAGE
    assert cart_of(client) == with_one_line


def test_bad_input_in_a_plain_form_comes_back_as_a_message_on_the_cart_page(client, with_one_line):
    response = client.post(ADD, {"variant": "abc", "quantity": "abc"}, follow=True)

    assert response.status_code == 200 and VARIANT_MESSAGE in response.content.decode()
    assert cart_of(client) == with_one_line


@pytest.mark.parametrize("url", [ADD, UPDATE, REMOVE])
def test_a_variant_id_that_does_not_exist(client, with_one_line, url):
    response = client.post(url, {"variant": "987654", "quantity": "1"}, **JSON)

    assert response.status_code == 404
    assert cart_of(client) == with_one_line


def hide_by_draft(product):
    Product.objects.filter(pk=product.pk).update(status=Product.Status.DRAFT)


def hide_by_staff(product):
    Product.objects.filter(pk=product.pk).update(staff_hidden=True)


def hide_by_deletion(product):
    Product.objects.filter(pk=product.pk).update(deleted_at=timezone.now())


def hide_by_unverified_producer(product):
    Producer.objects.filter(pk=product.producer_id).update(verification_status=Producer.Verification.SUBMITTED)


@pytest.mark.parametrize("hide", [hide_by_draft, hide_by_staff, hide_by_deletion, hide_by_unverified_producer])
def test_a_variant_buyers_cannot_see_is_refused(client, with_one_line, hide):
    product = ProductFactory(variants=[{"price": 50_000, "stock": 9}])
    hide(product)

    json_answer = client.post(ADD, {"variant": variant_of(product).pk, "quantity": "1"}, **JSON)
    form_answer = client.post(ADD, {"variant": variant_of(product).pk, "quantity": "1"}, follow=True)

    assert json_answer.status_code == 404
    assert json_answer.json()["message"] == "Sản phẩm này không có hoặc đã ngừng bán."
    assert "Sản phẩm này không có hoặc đã ngừng bán." in form_answer.content.decode()
    assert cart_of(client) == with_one_line


def test_a_posted_price_is_ignored(client, fish_sauce):
    client.post(ADD, {"variant": variant_of(fish_sauce).pk, "quantity": "2", "price": "1"})

    assert client.get(CART).context["cart"].total == 90_000


def test_an_offsite_next_is_not_followed(client, fish_sauce):
    response = client.post(ADD, {"variant": variant_of(fish_sauce).pk, "next": "https://evil.example/"})

    assert response.url == CART


def test_csrf_is_enforced(fish_sauce):
    client = Client(enforce_csrf_checks=True)

    response = client.post(ADD, {"variant": variant_of(fish_sauce).pk, "quantity": "1"})

    assert response.status_code == 403
    assert cart_of(client) == {}


def test_a_form_with_its_csrf_token_passes(fish_sauce):
    client = Client(enforce_csrf_checks=True)
    client.get(fish_sauce.get_absolute_url())
    token = client.cookies["csrftoken"].value

    response = client.post(ADD, {"variant": variant_of(fish_sauce).pk, "quantity": "1", "csrfmiddlewaretoken": token})

    assert response.status_code == 302 and cart_of(client) == {variant_of(fish_sauce).pk: 1}
