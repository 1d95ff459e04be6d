"""The fee shown before checkout — product page, cart with its "Giao đến" province, checkout — is the one
charged, priced by weight and destination; the province form refuses bad input and changes nothing."""

import re

import pytest

from marketplace.cart.session_store import SHIP_TO_KEY, read_ship_to
from marketplace.core.geography import wards_of
from marketplace.core.money import format_vnd
from marketplace.orders.models import Checkout, Order
from marketplace.orders.shipping import Zone, rate_table
from tests.factories import HA_NOI, ProducerFactory, ProductFactory
from tests.factories_producers import UserFactory
from tests.orders.conftest import place
from tests.shipping.conftest import CART, CHECKOUT, HAI_PHONG, HO_CHI_MINH, SHIP_TO, weighing

pytestmark = pytest.mark.django_db

PROVINCE_MESSAGE = "Vui lòng chọn một tỉnh/thành phố trong danh sách."
JSON = {"HTTP_ACCEPT": "application/json"}


def vnd(amount: int) -> str:
    return f"{amount:,}".replace(",", ".")


def add(client, variant, quantity):
    assert client.post("/cart/add/", {"variant": variant.pk, "quantity": quantity}).status_code == 302


def shown_total(page: str) -> int:
    return int(re.search(r"Tổng cộng \(gồm phí giao[^)]*\): <strong>([\d.]+)", page).group(1).replace(".", ""))


def terms_of(client, product) -> str:
    page = client.get(product.get_absolute_url()).content.decode()
    return re.search(r'<ul class="buying-terms">.*?</ul>', page, re.S).group(0)


def test_the_cart_prices_each_producer_by_weight_to_the_chosen_province(client, rice):
    add(client, rice, 2)  # 2 × 1.2 kg, 120.000 ₫

    response = client.post(SHIP_TO, {"province_code": HO_CHI_MINH, "next": CART})
    page = client.get(CART).content.decode()

    assert response.status_code == 302 and read_ship_to(client.session) == HO_CHI_MINH
    fee = rate_table().fee(Zone.FAR, 2_400)
    assert f"Phí giao (2,4 kg): {vnd(fee)}" in page
    assert f"mua thêm {vnd(500_000 - 120_000)}" in page  # her free-shipping threshold
    assert shown_total(page) == 120_000 + fee
    assert re.search(rf'<option value="{HO_CHI_MINH}" selected>', page)


def test_without_a_province_the_cart_prices_to_the_far_zone_and_asks_for_one(client, rice):
    add(client, rice, 1)

    page = client.get(CART).content.decode()

    assert 'name="province_code"' in page and "Chọn tỉnh nhận để tính phí giao" in page
    assert shown_total(page) == 60_000 + rate_table().fee(Zone.FAR, 1_200)


def test_a_province_in_the_same_region_is_cheaper_than_across_regions(client, rice):
    add(client, rice, 1)
    client.post(SHIP_TO, {"province_code": HAI_PHONG})
    region_total = shown_total(client.get(CART).content.decode())
    client.post(SHIP_TO, {"province_code": HA_NOI})
    inner_total = shown_total(client.get(CART).content.decode())

    table = rate_table()
    assert (region_total, inner_total) == (60_000 + table.fee(Zone.REGION, 1_200), 60_000 + table.fee(Zone.INNER, 1_200))


@pytest.mark.parametrize("value", [None, "", "abc", "0", "2", "999", "-1", "1.5", str(10**30), "x" * 5000, "1; DROP"])
def test_bad_province_is_refused_with_a_clear_message_and_nothing_changes(client, rice, value):
    add(client, rice, 1)
    client.post(SHIP_TO, {"province_code": HAI_PHONG})

    response = client.post(SHIP_TO, {} if value is None else {"province_code": value}, **JSON)

    assert response.status_code == 400 and response.json()["message"] == PROVINCE_MESSAGE
    assert client.session[SHIP_TO_KEY] == HAI_PHONG


def test_bad_province_without_javascript_comes_back_to_the_cart_with_the_message(client, rice):
    response = client.post(SHIP_TO, {"province_code": "abc"}, follow=True)

    assert response.redirect_chain[-1][0] == CART and PROVINCE_MESSAGE in response.content.decode()
    assert SHIP_TO_KEY not in client.session


def test_the_ship_to_form_only_takes_posts(client):
    assert client.get(SHIP_TO).status_code == 405


def test_placing_charges_exactly_what_the_cart_showed_for_that_province(client, rice, django_capture_on_commit_callbacks):
    light = ProductFactory(producer=ProducerFactory(province_code=HO_CHI_MINH, shipping_flat_fee=None,
                                                    free_shipping_threshold=None), variants=[{"price": 30_000}])
    unweighed = light.variants.get()  # weight 0: counts as 500 g
    add(client, rice, 3)
    add(client, unweighed, 2)
    client.post(SHIP_TO, {"province_code": HO_CHI_MINH})
    cart_total = shown_total(client.get(CART).content.decode())

    ward = wards_of(HO_CHI_MINH)[0][0]
    data = {"contact_name": "Trần Thị Hoa", "phone": "0912 345 678", "province_code": HO_CHI_MINH, "ward_code": ward,
            "street": "12 Lê Lợi", "payment_method": "cod", "shown_total": cart_total, "shown_province": HO_CHI_MINH}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHECKOUT, data)

    assert response.status_code == 302
    orders = {order.producer_id: order for order in Checkout.objects.get().orders.all()}
    table = rate_table()
    assert orders[rice.product.producer_id].shipping_fee == table.fee(Zone.FAR, 3_600)
    assert orders[light.producer_id].shipping_fee == table.fee(Zone.INNER, 1_000)
    assert sum(order.total for order in orders.values()) == cart_total


def test_checkout_recomputes_when_the_province_changes_and_charges_only_what_it_then_showed(client, rice):
    add(client, rice, 1)
    client.post(SHIP_TO, {"province_code": HA_NOI})
    page = client.get(CHECKOUT).content.decode()
    assert f'name="shown_province" value="{HA_NOI}"' in page
    ward = wards_of(HO_CHI_MINH)[0][0]
    data = {"contact_name": "Trần Thị Hoa", "phone": "0912 345 678", "province_code": HO_CHI_MINH, "ward_code": ward,
            "street": "12 Lê Lợi", "payment_method": "cod", "shown_province": HA_NOI,
            "shown_total": 60_000 + rate_table().fee(Zone.INNER, 1_200)}

    again = client.post(CHECKOUT, data).content.decode()

    assert not Order.objects.exists() and "Phí giao đã được tính lại theo tỉnh nhận bạn chọn" in again
    far_total = 60_000 + rate_table().fee(Zone.FAR, 1_200)
    assert f'name="shown_total" value="{far_total}"' in again and vnd(far_total) in again
    response = client.post(CHECKOUT, data | {"shown_province": HO_CHI_MINH, "shown_total": far_total})
    assert response.status_code == 302 and Order.objects.get().total == far_total


def test_the_product_page_shows_the_range_then_the_fee_to_her_province(client, rice):
    table = rate_table()

    terms = terms_of(client, rice.product)
    inner, far = format_vnd(table.fee(Zone.INNER, 1_200)), format_vnd(table.fee(Zone.FAR, 1_200))
    assert f"Phí giao từ {inner} (nội tỉnh) đến {far}" in terms
    assert "miễn phí cho đơn từ 500.000" in terms and 'action="/cart/ship-to/"' in terms

    client.post(SHIP_TO, {"province_code": HAI_PHONG, "next": rice.product.get_absolute_url()})
    terms = terms_of(client, rice.product)
    assert f"Phí giao đến Hải Phòng: {vnd(table.fee(Zone.REGION, 1_200))}" in terms


def test_a_signed_in_buyer_sees_the_fee_to_her_last_delivery_province(client, rice):
    buyer = UserFactory(email="hoa@example.vn")
    place([(rice.pk, 1)], buyer=buyer, province_code=HO_CHI_MINH, ward_code=wards_of(HO_CHI_MINH)[0][0])
    client.force_login(buyer)

    terms = terms_of(client, rice.product)

    assert f"Phí giao đến Hồ Chí Minh: {vnd(rate_table().fee(Zone.FAR, 1_200))}" in terms


def test_her_own_flat_fee_is_one_number_on_the_product_page(client):
    product = ProductFactory(producer=ProducerFactory(shipping_flat_fee=27_000, free_shipping_threshold=None))

    terms = terms_of(client, product)

    assert "Phí giao 27.000" in terms and "nội tỉnh" not in terms


def test_the_cart_and_the_product_page_make_a_bounded_number_of_queries(client, rice, django_assert_max_num_queries):
    client.post(SHIP_TO, {"province_code": HO_CHI_MINH})
    for _ in range(4):
        producer = ProducerFactory(shipping_flat_fee=None)
        add(client, weighing(ProductFactory(producer=producer), 800), 2)

    with django_assert_max_num_queries(20):
        page = client.get(CART).content.decode()
    assert page.count("Phí giao (1,6 kg)") == 4

    with django_assert_max_num_queries(30):
        assert client.get(rice.product.get_absolute_url()).status_code == 200
