import re

import pytest

from marketplace.catalogue.models import Product
from tests.cart.conftest import ADD, CART, JSON, REMOVE, UPDATE, cart_of, variant_of
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


def test_a_plain_form_adds_and_redirects_back_with_a_message(client, honey):
    variant = variant_of(honey)

    response = client.post(ADD, {"variant": variant.pk, "quantity": "2", "next": honey.get_absolute_url()})

    assert response.status_code == 302 and response.url == honey.get_absolute_url()
    assert cart_of(client) == {variant.pk: 2}
    page = client.get(response.url).content.decode()
    assert "Đã thêm Mật ong rừng — Chai 500 ml vào giỏ hàng." in page


def test_the_page_after_adding_keeps_the_option_she_chose_ticked(client):
    product = ProductFactory(variants=[{"name": "Hũ nhỏ", "price": 50_000, "stock": 5},
                                       {"name": "Hũ lớn", "price": 90_000, "stock": 5}])
    large = variant_of(product, 1)

    response = client.post(ADD, {"variant": large.pk, "quantity": "1", "next": product.get_absolute_url(),
                                 "keep_choice": "1"}, follow=True)

    page = response.content.decode()
    assert re.search(rf'value="{large.pk}"[^>]* checked>', page)
    assert "<strong data-buy-price>90.000" in page
    assert client.get(f"{product.get_absolute_url()}?variant=abc").status_code == 200  # nonsense: the first one


def test_json_add_answers_with_the_message_and_the_header_count(client, honey):
    response = client.post(ADD, {"variant": variant_of(honey).pk, "quantity": "3"}, **JSON)

    assert response.status_code == 200
    assert response.json() == {"ok": True, "message": "Đã thêm Mật ong rừng — Chai 500 ml vào giỏ hàng.", "count": 3,
                               "added": True}


def test_adding_twice_sums_the_quantities(client, fish_sauce):
    variant = variant_of(fish_sauce)
    client.post(ADD, {"variant": variant.pk, "quantity": "2"})
    client.post(ADD, {"variant": variant.pk, "quantity": "4"})

    assert cart_of(client) == {variant.pk: 6}


def test_update_and_remove_with_plain_forms_and_json(client, honey, fish_sauce):
    honey_500, sauce = variant_of(honey), variant_of(fish_sauce)
    client.post(ADD, {"variant": honey_500.pk, "quantity": "1"})
    client.post(ADD, {"variant": sauce.pk, "quantity": "1"})

    client.post(UPDATE, {"variant": honey_500.pk, "quantity": "4"})
    response = client.post(UPDATE, {"variant": sauce.pk, "quantity": "2"}, HTTP_X_CART_FRAGMENT="1", **JSON)

    assert cart_of(client) == {honey_500.pk: 4, sauce.pk: 2}
    assert response.json()["count"] == 6 and "450.000" in response.json()["html"]
    assert client.post(REMOVE, {"variant": honey_500.pk}).status_code == 302
    assert client.post(REMOVE, {"variant": sauce.pk}, **JSON).json()["count"] == 0
    assert cart_of(client) == {}


def test_the_cart_page_groups_lines_by_producer_with_subtotals(client, honey, fish_sauce):
    client.post(ADD, {"variant": variant_of(honey).pk, "quantity": "2"})
    client.post(ADD, {"variant": variant_of(fish_sauce).pk, "quantity": "3"})

    response = client.get(CART)

    cart = response.context["cart"]
    assert [(group.producer.name, group.subtotal) for group in cart.groups] == [
        ("HTX Mật ong Ba Vì", 180_000), ("HTX Nước mắm Cửa Khẩu", 135_000)
    ]
    assert cart.total == 315_000
    html = response.content.decode()
    assert "180.000\u00a0₫" in html and "135.000\u00a0₫" in html and "315.000\u00a0₫" in html
    # Without JavaScript every change is a plain form with its CSRF token.
    assert html.count('action="/cart/update/"') == 2 and "csrfmiddlewaretoken" in html


def test_quantity_is_bounded_by_stock_with_a_clear_message(client, honey):
    variant = variant_of(honey)  # 5 in stock

    response = client.post(ADD, {"variant": variant.pk, "quantity": "8"}, **JSON)

    assert cart_of(client) == {variant.pk: 5}
    assert "Chỉ còn 5 sản phẩm." in response.json()["message"]
    client.post(UPDATE, {"variant": variant.pk, "quantity": "9"})
    assert cart_of(client) == {variant.pk: 5}


def test_an_out_of_stock_variant_is_refused(client, honey):
    response = client.post(ADD, {"variant": variant_of(honey, 1).pk, "quantity": "1"}, **JSON)

    assert response.status_code == 409 and "đã hết hàng" in response.json()["message"]
    assert cart_of(client) == {}


def test_a_price_change_since_adding_is_shown_and_the_new_price_counts(client, honey):
    variant = variant_of(honey)
    client.post(ADD, {"variant": variant.pk, "quantity": "2"})
    variant.price = 85_000
    variant.save()

    response = client.get(CART)

    assert "Giá đã thay đổi: 90.000\u00a0₫ → 85.000\u00a0₫" in response.content.decode()
    assert response.context["cart"].total == 170_000


def test_a_line_whose_stock_ran_out_or_product_was_hidden_stays_but_is_not_counted(client, honey, fish_sauce):
    honey_500, sauce = variant_of(honey), variant_of(fish_sauce)
    client.post(ADD, {"variant": honey_500.pk, "quantity": "2"})
    client.post(ADD, {"variant": sauce.pk, "quantity": "1"})
    honey_500.stock = 0
    honey_500.save()
    Product.objects.filter(pk=fish_sauce.pk).update(staff_hidden=True)

    response = client.get(CART)

    cart = response.context["cart"]
    assert len(cart.lines) == 2 and cart.total == 0 and cart.has_unavailable
    html = response.content.decode()
    assert "Hết hàng" in html and "Sản phẩm đã ngừng bán" in html
    assert "không được tính vào tổng tiền" in html


def test_stock_that_fell_below_the_cart_quantity_is_shown_and_counted_as_stock(client, fish_sauce):
    variant = variant_of(fish_sauce)
    client.post(ADD, {"variant": variant.pk, "quantity": "10"})
    variant.stock = 3
    variant.save()

    response = client.get(CART)

    assert response.context["cart"].total == 135_000
    assert "Chỉ còn 3 sản phẩm" in response.content.decode()


def test_a_deleted_variant_leaves_the_cart(client, honey, fish_sauce):
    client.post(ADD, {"variant": variant_of(honey).pk, "quantity": "1"})
    client.post(ADD, {"variant": variant_of(fish_sauce).pk, "quantity": "1"})
    variant_of(honey).delete()

    client.get(CART)

    assert cart_of(client) == {variant_of(fish_sauce).pk: 1}


def test_the_product_page_offers_the_add_to_cart_form(client, honey):
    html = client.get(honey.get_absolute_url()).content.decode()

    assert 'action="/cart/add/"' in html and "Thêm vào giỏ" in html
    assert re.search(rf'value="{variant_of(honey).pk}"[^>]* required checked>', html)
    assert re.search(rf'value="{variant_of(honey, 1).pk}"[^>]* required disabled>', html)  # sold out: shown, not chosen
    assert html.count('form="add-to-cart"') == 2  # the buy bar's "Thêm vào giỏ" and "Mua ngay" submit this form
    assert "price" not in html.split('action="/cart/add/"')[1].split("</form>")[0]


def test_the_empty_cart_page_works(client):
    response = client.get(CART)

    assert response.status_code == 200 and "Giỏ hàng của bạn đang trống." in response.content.decode()


def test_the_english_cart_page_answers(client):
    assert client.get("/en/cart/").status_code == 200


def test_get_on_a_post_endpoint_is_refused(client):
    assert client.get(ADD).status_code == 405


def test_a_sold_out_variant_is_shown_as_sold_out_and_cannot_be_added(client, honey):
    sold_out = variant_of(honey, 1)
    form = client.get(honey.get_absolute_url()).content.decode().split('action="/cart/add/"')[1].split("</form>")[0]
    label = form.split(f'value="{sold_out.pk}"')[1].split("</label>")[0]

    assert " disabled" in label.split(">")[0] and "Hết hàng" in label

    response = client.post(ADD, {"variant": sold_out.pk, "quantity": "1"}, follow=True)

    assert cart_of(client) == {} and "Chai 1 lít đã hết hàng" in response.content.decode()
