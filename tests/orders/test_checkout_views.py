"""The buyer's checkout through the Django test client: happy paths, tampering and bad input."""

import pytest
from django.core import mail

from marketplace.cart.session_store import SESSION_KEY, read_lines
from marketplace.catalogue.models import Product, ProductVariant
from marketplace.core.geography import wards_of
from marketplace.orders.models import Checkout, Order
from tests.factories import HA_NOI, HUE, ProducerFactory, ProductFactory
from tests.factories_producers import UserFactory, member_of

pytestmark = pytest.mark.django_db

CHECKOUT = "/checkout/"
HA_NOI_WARD = wards_of(HA_NOI)[0][0]


def add(client, variant, quantity=1):
    response = client.post("/cart/add/", {"variant": variant.pk, "quantity": quantity})
    assert response.status_code == 302


def form_data(**overrides) -> dict:
    data = {
        "contact_name": "Trần Thị Hoa", "phone": "0912 345 678", "email": "hoa@example.vn",
        "province_code": HA_NOI, "ward_code": HA_NOI_WARD, "street": "12 Hàng Bạc",
        "delivery_note": "Gọi trước khi giao", "payment_method": "cod",
    }
    data.update(overrides)
    return data


def with_bank(producer):
    producer.bank_bin, producer.bank_account_number, producer.bank_account_name = "970436", "0011223344", "TRAN THI MAI"
    producer.save()
    return producer


@pytest.fixture
def two_producers(db):
    lan = ProducerFactory(name="HTX Mật ong Lan", shipping_flat_fee=30_000, free_shipping_threshold=None)
    mai = ProducerFactory(name="HTX Nước mắm Mai", shipping_flat_fee=20_000, free_shipping_threshold=None)
    member_of(lan, email="lan@htx.vn")
    member_of(mai, email="mai@htx.vn")
    honey = ProductFactory(producer=lan, name="Mật ong", variants=[{"price": 90_000, "stock": 5}])
    sauce = ProductFactory(producer=mai, name="Nước mắm", variants=[{"price": 45_000, "stock": 20}])
    return honey.variants.get(), sauce.variants.get()


@pytest.fixture
def cart_of_two(client, two_producers):
    honey, sauce = two_producers
    add(client, honey, 2)
    add(client, sauce, 3)
    return honey, sauce


def place(client, django_capture_on_commit_callbacks, **overrides):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(CHECKOUT, form_data(**overrides))


def test_the_page_shows_the_cart_by_producer_with_shipping_and_total(client, cart_of_two):
    page = client.get(CHECKOUT).content.decode()

    assert "HTX Mật ong Lan" in page and "HTX Nước mắm Mai" in page
    # 2 × 90 000 + 30 000 shipping + 3 × 45 000 + 20 000 shipping
    assert "365.000" in page
    assert 'value="cod"' in page and 'value="card"' not in page


def test_guest_cod_across_two_producers_makes_two_orders(client, cart_of_two, django_capture_on_commit_callbacks):
    honey, sauce = cart_of_two

    response = place(client, django_capture_on_commit_callbacks)

    checkout = Checkout.objects.get()
    assert response.status_code == 302 and response.url == f"/checkout/{checkout.reference}/"
    orders = list(checkout.orders.order_by("total"))
    assert [(o.producer.name, o.total, o.status) for o in orders] == [
        ("HTX Nước mắm Mai", 155_000, Order.Status.CONFIRMED), ("HTX Mật ong Lan", 210_000, Order.Status.CONFIRMED),
    ]
    assert checkout.phone == "+84912345678" and checkout.buyer is None
    honey.refresh_from_db(), sauce.refresh_from_db()
    assert (honey.stock, sauce.stock) == (3, 17)
    assert read_lines(client.session) == {}
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["hoa@example.vn", "hoa@example.vn", "lan@htx.vn", "mai@htx.vn"]
    assert all(orders[0].number in m.subject or orders[1].number in m.subject for m in mail.outbox)

    done = client.get(response.url).content.decode()
    for order in orders:
        assert order.number in done and order.get_absolute_url() in done


def test_an_account_checkout_belongs_to_the_account_and_prefills_the_contact(client, two_producers,
                                                                             django_capture_on_commit_callbacks):
    user = UserFactory(email="khach@example.vn", first_name="Lê Thị Thu")
    client.force_login(user)
    add(client, two_producers[0])

    assert "Lê Thị Thu" in client.get(CHECKOUT).content.decode()
    response = place(client, django_capture_on_commit_callbacks)

    checkout = Checkout.objects.get()
    assert checkout.buyer == user
    other_browser = client_class_login(user)
    assert other_browser.get(response.url).status_code == 200


def client_class_login(user):
    from django.test import Client

    browser = Client()
    browser.force_login(user)
    return browser


def test_vietqr_is_offered_when_every_producer_has_a_bank_account(client, cart_of_two, two_producers,
                                                                  django_capture_on_commit_callbacks):
    for variant in two_producers:
        with_bank(variant.product.producer)
    assert 'value="vietqr"' in client.get(CHECKOUT).content.decode()

    response = place(client, django_capture_on_commit_callbacks, payment_method="vietqr")

    assert response.status_code == 302
    orders = Order.objects.all()
    assert {o.status for o in orders} == {Order.Status.PENDING_PAYMENT} and all(o.expires_at for o in orders)
    order = orders.first()
    page = client.get(order.get_absolute_url()).content.decode()
    assert "0011223344" in page and order.number in page and "TRAN THI MAI" in page
    assert f"{order.total:,}".replace(",", ".") in page
    buyer_mail = next(m for m in mail.outbox if m.to == ["hoa@example.vn"] and order.number in m.subject)
    assert "0011223344" in buyer_mail.body and order.number in buyer_mail.body


def test_the_vietqr_page_shows_a_qr_svg(client, cart_of_two, two_producers, django_capture_on_commit_callbacks):
    for variant in two_producers:
        with_bank(variant.product.producer)
    place(client, django_capture_on_commit_callbacks, payment_method="vietqr")

    page = client.get(Order.objects.first().get_absolute_url()).content.decode()

    assert "<svg" in page


def test_vietqr_is_explained_and_refused_when_a_producer_has_no_bank_account(client, cart_of_two, two_producers):
    with_bank(two_producers[0].product.producer)

    page = client.get(CHECKOUT).content.decode()
    response = client.post(CHECKOUT, form_data(payment_method="vietqr"))

    assert 'value="vietqr"' not in page and "HTX Nước mắm Mai chưa có tài khoản nhận tiền" in page
    assert response.status_code == 200 and "Cách thanh toán này hiện không dùng được" in response.content.decode()
    assert not Checkout.objects.exists()


def test_card_is_hidden_and_refused_without_a_stripe_key(client, cart_of_two, settings):
    settings.STRIPE_SECRET_KEY = ""

    page = client.get(CHECKOUT).content.decode()
    response = client.post(CHECKOUT, form_data(payment_method="card"))

    assert 'value="card"' not in page
    assert "Cách thanh toán này hiện không dùng được" in response.content.decode()
    assert not Checkout.objects.exists() and len(read_lines(client.session)) == 2


def test_card_redirects_to_stripe_and_a_refusal_leaves_the_orders_waiting(client, cart_of_two, settings, monkeypatch,
                                                                          django_capture_on_commit_callbacks):
    from marketplace.payments import stripe_gateway
    from marketplace.payments.errors import PaymentError

    settings.STRIPE_SECRET_KEY = "sk_test_x"
    started = []

    def refuse(*, checkout, success_url, cancel_url):
        started.append(checkout.reference)
        raise PaymentError("Ngân hàng từ chối thẻ.")

    monkeypatch.setattr(stripe_gateway, "checkout_session_start", refuse)
    response = place(client, django_capture_on_commit_callbacks, payment_method="card")

    checkout = Checkout.objects.get()
    assert started == [checkout.reference] and response.url == f"/checkout/{checkout.reference}/"
    assert set(checkout.orders.values_list("status", flat=True)) == {Order.Status.PENDING_PAYMENT}
    page = client.get(response.url).content.decode()
    assert "Ngân hàng từ chối thẻ." in page and f"/checkout/{checkout.reference}/pay/" in page

    monkeypatch.setattr(stripe_gateway, "checkout_session_start",
                        lambda **kwargs: "https://checkout.stripe.com/c/pay/cs_test_1")
    retry = client.post(f"/checkout/{checkout.reference}/pay/")
    assert retry.status_code == 302 and retry.url == "https://checkout.stripe.com/c/pay/cs_test_1"


# Tampering: only variant ids and quantities from the session count; everything else is ignored or refused.

def test_posted_prices_and_totals_are_ignored(client, cart_of_two, django_capture_on_commit_callbacks):
    place(client, django_capture_on_commit_callbacks, price="1", unit_price="1", total="1", subtotal="1",
          shipping_fee="0", **{"lines": "1:99"})

    assert sorted(Order.objects.values_list("total", flat=True)) == [155_000, 210_000]
    assert sorted(Order.objects.values_list("lines__quantity", flat=True)) == [2, 3]


def test_quantities_beyond_stock_are_refused_with_a_message_and_nothing_changes(client, cart_of_two):
    honey, _sauce = cart_of_two
    ProductVariant.objects.filter(pk=honey.pk).update(stock=1)

    response = client.post(CHECKOUT, form_data())

    assert response.status_code == 200 and "Chỉ còn 1" in response.content.decode()
    assert not Checkout.objects.exists()
    assert ProductVariant.objects.get(pk=honey.pk).stock == 1
    assert len(read_lines(client.session)) == 2


def test_a_hidden_products_variant_put_into_the_session_is_refused(client, two_producers):
    honey, sauce = two_producers
    add(client, sauce)
    Product.objects.filter(pk=honey.product_id).update(status=Product.Status.HIDDEN)
    session = client.session
    session[SESSION_KEY] = {**session[SESSION_KEY], str(honey.pk): {"q": 1, "p": 1}}
    session.save()

    response = client.post(CHECKOUT, form_data())

    assert response.status_code == 200 and "không còn được bán" in response.content.decode()
    assert not Checkout.objects.exists()
    assert ProductVariant.objects.get(pk=sauce.pk).stock == 20


def test_another_sessions_checkout_reference_is_not_found(client, cart_of_two, django_capture_on_commit_callbacks):
    from django.test import Client

    response = place(client, django_capture_on_commit_callbacks)

    assert Client().get(response.url).status_code == 404
    assert client.get("/checkout/CK-ABCDEFGHJK/").status_code == 404


# Bad input: a clear message, nothing created, the cart kept.

@pytest.mark.parametrize(("field", "value", "message"), [
    ("phone", "0123", "Số điện thoại di động có 10 chữ số"),
    ("phone", "abc", "Số điện thoại chỉ gồm chữ số"),
    ("contact_name", "", "Hãy điền mục này."),
    ("street", "x" * 5000, "Dài quá: tối đa 255 ký tự"),
    ("ward_code", str(wards_of(HUE)[0][0]), "Phường/xã này không thuộc tỉnh/thành phố đã chọn."),
    ("province_code", "999", "Lựa chọn này không có trong danh sách"),
    ("payment_method", "bitcoin", "Cách thanh toán này hiện không dùng được"),
    ("email", "hoa@", "Email này chưa đúng"),
])
def test_bad_input_is_refused_with_a_message(client, cart_of_two, field, value, message):
    response = client.post(CHECKOUT, form_data(**{field: value}))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Checkout.objects.exists() and len(read_lines(client.session)) == 2
    assert ProductVariant.objects.get(pk=cart_of_two[0].pk).stock == 5


def test_an_empty_cart_goes_back_to_the_cart_with_a_message(client, db):
    for response in (client.get(CHECKOUT), client.post(CHECKOUT, form_data())):
        assert response.status_code == 302 and response.url == "/cart/"
    assert "Giỏ hàng đang trống" in client.get("/cart/").content.decode()
    assert not Checkout.objects.exists()


def test_the_usual_order_is_placed_without_drawing_the_cart_first(client, cart_of_two,
                                                                   django_capture_on_commit_callbacks):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(CHECKOUT)  # the page she saw, its total and province in the form
    with CaptureQueriesContext(connection) as queries:
        response = place(client, django_capture_on_commit_callbacks)

    assert response.status_code == 302 and Order.objects.count() == 2
    variant_rows_read = [q["sql"] for q in queries.captured_queries if '"catalogue_productvariant"."sku"' in q["sql"]]
    assert len(variant_rows_read) == 1  # order_place's own read under its locks; the cart is not read before it


def test_a_cart_whose_product_sold_out_meanwhile_says_so_and_places_nothing(client, db):
    variant = ProductFactory(variants=[{"price": 50_000, "stock": 2}]).variants.get()
    add(client, variant, 2)
    shown = client.get(CHECKOUT)
    assert shown.status_code == 200
    ProductVariant.objects.filter(pk=variant.pk).update(stock=0)  # another buyer took the last two

    response = client.post(CHECKOUT, form_data())

    assert response.status_code == 302 and response.url == "/cart/"
    page = client.get("/cart/").content.decode()
    assert "vừa hết hàng hoặc ngừng bán" in page and "Giỏ hàng đang trống" not in page
    assert not Checkout.objects.exists()


def test_province_then_ward_works_in_two_steps_without_javascript(client, cart_of_two,
                                                                   django_capture_on_commit_callbacks):
    hue_ward, hue_ward_name = wards_of(HUE)[0]

    first = client.get(CHECKOUT).content.decode()
    step = client.post(CHECKOUT, form_data(province_code=HUE, ward_code="", choose_province="1"))

    assert hue_ward_name not in first
    page = step.content.decode()
    assert step.status_code == 200 and f'value="{hue_ward}"' in page and "Trần Thị Hoa" in page
    assert "Đã có danh sách phường/xã" in page and "Hãy điền mục này" not in page
    assert not Checkout.objects.exists()

    place(client, django_capture_on_commit_callbacks, province_code=HUE, ward_code=hue_ward)
    assert Checkout.objects.get().ward_code == hue_ward


def test_the_cart_page_links_to_checkout(client, cart_of_two):
    assert 'href="/checkout/"' in client.get("/cart/").content.decode()
