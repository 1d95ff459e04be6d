"""The storefront's phone chrome and buying aids: header and bottom navigation, the category page, the account
page, buying terms beside the price, the add-to-cart confirmation and "Mua ngay", shipping in the cart,
the order page's next step, and English pages that stay English."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from marketplace.orders.models import Order
from marketplace.orders.transitions import order_transition
from tests.cart.conftest import ADD, CART, JSON, cart_of, variant_of
from tests.factories import ProducerFactory, ProductFactory, category
from tests.factories_producers import member_of
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def honey(db):
    producer = ProducerFactory(name="HTX Mật ong Ba Vì", shipping_flat_fee=25_000, free_shipping_threshold=300_000,
                               bank_bin="970436", bank_account_number="0123456789", bank_account_name="HTX MAT ONG")
    return ProductFactory(producer=producer, name="Mật ong rừng", category=category("gia-vi"), variants=[
        {"name": "Chai 500 ml", "price": 90_000, "stock": 5},
        {"name": "Chai 1 lít", "price": 170_000, "stock": 0},
    ])


def test_every_page_has_the_compact_header_and_the_five_tab_bottom_navigation(client):
    page = client.get(CART).content.decode()

    header = re.search(r'<header class="site-header">.*?</header>', page, re.S).group(0)
    assert 'role="search"' in header and 'class="header-cart"' in header and "data-cart-count>0<" in header
    tabs = re.findall(r'<span>(.*?)</span></a></li>', re.search(r'<nav class="bottom-nav".*?</nav>', page, re.S).group(0))
    assert tabs == ["Trang chủ", "Danh mục", "Live", "Giỏ hàng", "Tài khoản"]
    assert re.search(r'href="/cart/" aria-current="page"', page)  # the tab she is on


def test_the_product_page_puts_the_buy_bar_in_place_of_the_bottom_navigation(client, honey):
    page = client.get(honey.get_absolute_url()).content.decode()

    assert 'class="bottom-nav"' not in page
    bar = re.search(r'<div class="buy-bar".*?</div>', page, re.S).group(0)
    assert "90.000" in bar and "Chai 500 ml" in bar
    assert 'form="add-to-cart" class="button button-secondary">Thêm vào giỏ' in bar
    assert 'form="add-to-cart" name="buy_now" value="1"' in bar and "Mua ngay" in bar


def test_buying_terms_beside_the_price_are_this_producers(client, honey):
    page = client.get(honey.get_absolute_url()).content.decode()
    terms = re.search(r'<ul class="buying-terms">.*?</ul>', page, re.S).group(0)

    assert "Phí giao 25.000" in terms and "miễn phí cho đơn từ 300.000" in terms
    assert "Nhận sau 2–5 ngày" in terms
    assert "Thanh toán khi nhận hàng" in terms and "Chuyển khoản VietQR" in terms  # she has a bank account
    assert "Đổi trả trong 7 ngày" in terms


def test_buying_terms_without_a_bank_account_offer_no_vietqr_and_say_free_above_the_threshold(client):
    producer = ProducerFactory(shipping_flat_fee=30_000, free_shipping_threshold=100_000)
    product = ProductFactory(producer=producer, variants=[{"price": 150_000, "stock": 3}])

    terms = re.search(r'<ul class="buying-terms">.*?</ul>', client.get(product.get_absolute_url()).content.decode(), re.S).group(0)

    assert "Miễn phí giao hàng" in terms and "Phí giao" not in terms
    assert "VietQR" not in terms


def test_a_sold_out_product_offers_the_alert_instead_of_buttons(client):
    product = ProductFactory(variants=[{"name": "Hũ 200 g", "price": 50_000, "stock": 0}])

    page = client.get(product.get_absolute_url()).content.decode()

    bar = re.search(r'<div class="buy-bar".*?</div>', page, re.S).group(0)
    assert "Mua ngay" not in bar and 'href="#stock-alert"' in bar
    assert '<details class="stock-alert" id="stock-alert" open>' in page


def test_adding_without_javascript_confirms_with_view_cart_and_keep_shopping_at_the_top(client, honey):
    variant = variant_of(honey)

    response = client.post(ADD, {"variant": variant.pk, "quantity": 1, "next": honey.get_absolute_url()}, follow=True)

    page = response.content.decode()
    toast = re.search(r'<div class="cart-messages cart-toast".*?</div>\s*</div>', page, re.S).group(0)
    assert "Đã thêm" in toast and 'href="/cart/">Xem giỏ hàng' in toast
    assert f'href="{honey.category.get_absolute_url()}">Tiếp tục mua' in toast
    assert page.index("cart-toast") < page.index("<h1")  # in view: above the product, right under the header


def test_buy_now_adds_and_goes_straight_to_checkout(client, honey):
    variant = variant_of(honey)

    response = client.post(ADD, {"variant": variant.pk, "quantity": 2, "next": honey.get_absolute_url(), "buy_now": "1"})

    assert response.status_code == 302 and response.url == "/checkout/"
    assert cart_of(client) == {variant.pk: 2}


def test_buy_now_of_a_sold_out_variant_stays_on_the_product_with_the_reason(client, honey):
    sold_out = variant_of(honey, 1)

    response = client.post(ADD, {"variant": sold_out.pk, "quantity": 1, "next": honey.get_absolute_url(), "buy_now": "1"})

    assert response.status_code == 302 and response.url == honey.get_absolute_url()
    assert cart_of(client) == {}


def test_json_add_says_it_added_so_the_page_can_offer_the_cart(client, honey):
    added = client.post(ADD, {"variant": variant_of(honey).pk, "quantity": 1}, **JSON).json()
    refused = client.post(ADD, {"variant": variant_of(honey, 1).pk, "quantity": 1}, **JSON).json()

    assert added["added"] is True and refused["added"] is False


def test_the_cart_shows_each_producers_shipping_and_what_is_missing_for_free_shipping(client, honey):
    client.post(ADD, {"variant": variant_of(honey).pk, "quantity": 2})

    page = client.get(CART).content.decode()

    assert "Phí giao: 25.000" in page and "mua thêm 120.000" in page  # 300.000 − 2 × 90.000
    assert re.search(r"Tổng cộng \(gồm phí giao\): <strong>205.000", page)


def test_the_category_page_lists_groups_with_their_sub_groups(client):
    parent, child, other = category("thuc-pham"), category("che-tra"), category("gom-su")

    page = client.get("/danh-muc/").content.decode()

    group = page[page.index(f'id="group-{parent.slug}"'):].split("</section>")[0]
    assert f'href="{parent.get_absolute_url()}"' in group and f'href="{child.get_absolute_url()}"' in group
    assert f'href="{other.get_absolute_url()}"' not in group and f'href="{other.get_absolute_url()}"' in page


def test_the_account_page_for_a_signed_in_buyer_has_orders_shop_and_logout(client):
    user = member_of(ProducerFactory(), email="lan@example.vn", first_name="Lan")
    client.force_login(user)

    page = client.get("/accounts/").content.decode()

    assert "Xin chào, Lan." in page and 'href="/orders/"' in page
    assert 'action="/accounts/logout/"' in page and 'href="/seller/"' in page


def test_english_pages_keep_links_in_english(client):
    page = client.get("/en/danh-muc/").content.decode()

    hrefs = re.findall(r'href="(/[^"]*)"', page)
    leaving = [h for h in hrefs if not h.startswith(("/static/", "/media/", "/en/"))]
    assert leaving == ["/danh-muc/"]  # only "Tiếng Việt" leaves English, to the same page


def test_a_menu_link_typed_by_staff_gets_the_english_prefix(client):
    from cms.models import SiteNavigation

    navigation = SiteNavigation.load()
    navigation.menu_links = [("link", {"label": "Sản phẩm", "label_en": "Products", "page": None, "url": "/products/"})]
    navigation.footer_text, navigation.footer_text_en = "Chợ của chị em.", "The women’s market."
    navigation.save()

    english = client.get("/en/danh-muc/").content.decode()
    vietnamese = client.get("/danh-muc/").content.decode()

    assert 'href="/en/products/">Products</a>' in english and "The women’s market." in english
    assert 'href="/products/">Sản phẩm</a>' in vietnamese and "Chợ của chị em." in vietnamese


@pytest.fixture
def order(db):
    producer = ProducerFactory(name="HTX Chè Tân Cương")
    variant = ProductFactory(producer=producer, variants=[{"price": 80_000, "stock": 10}]).variants.get()
    return place([(variant.pk, 1)]).orders.get(), member_of(producer, email="che@htx.vn")


def _progress(page: str) -> int:
    return len(re.findall(r'<li class="done">', re.search(r'<ol class="order-progress">.*?</ol>', page, re.S).group(0)))


def test_the_order_page_says_what_happens_next_and_by_when(client, order):
    order, seller = order
    page = client.get(f"/orders/{order.token}/").content.decode()
    by = (order.confirmed_at or order.created_at) + timedelta(days=2)
    assert f"gửi đi trước ngày {timezone.localtime(by):%d/%m}" in page and _progress(page) == 2

    for status in ("packed", "shipped"):
        order_transition(order=order, to_status=status, actor=seller, role="seller", reason="",
                         carrier="VNPost", tracking_number="EB1")
    page = client.get(f"/orders/{order.token}/").content.decode()
    assert "Hàng đang trên đường tới bạn" in page and _progress(page) == 3

    order_transition(order=order, to_status="delivered", actor=seller, role="seller", reason="")
    page = client.get(f"/orders/{order.token}/").content.decode()
    assert "bấm “Đã nhận hàng”" in page and _progress(page) == 4


def test_cancelling_is_a_secondary_folded_action_below_the_main_ones(client, order):
    order, _seller = order
    page = client.get(f"/orders/{order.token}/").content.decode()

    assert '<details class="cancel-order">' in page
    assert page.index("Nhắn người bán") < page.index('<details class="cancel-order">')
    assert Order.objects.get(pk=order.pk).status == Order.Status.CONFIRMED


def test_the_head_holds_only_elements_so_the_body_starts_where_it_should(client):
    head = client.get("/danh-muc/").content.decode().split("<head>")[1].split("</head>")[0]

    text_outside_tags = re.sub(r"<[^>]+>", "", re.sub(r"<title>.*?</title>", "", head, flags=re.S)).strip()
    assert text_outside_tags == ""  # a stray comment or word here makes the browser open <body> early
    assert "seller.css" not in head  # the seller centre's stylesheets only on its pages
