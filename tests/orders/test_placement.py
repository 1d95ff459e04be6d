import re

import pytest
from django.utils import timezone

from marketplace.catalogue.models import Product, ProductVariant
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Checkout, Order, OrderLine, OrderStatusChange
from marketplace.orders.shipping import DEFAULT_ITEM_GRAMS, rate_table, zone_between
from tests.factories import HA_NOI, ProducerFactory, ProductFactory
from tests.orders.conftest import place

pytestmark = pytest.mark.django_db


def only_variant(product: Product) -> ProductVariant:
    return product.variants.get()


def test_totals_come_from_the_database_at_the_time_of_placing():
    # given a variant whose price changed after the buyer put it in her cart
    product = ProductFactory(variants=[{"price": 50_000, "stock": 10}], producer__free_shipping_threshold=None)
    variant = only_variant(product)
    ProductVariant.objects.filter(pk=variant.pk).update(price=65_000)

    # when she places the order (only ids and quantities are accepted)
    checkout = place([(variant.pk, 3)])

    # then the order charges today's price, read from the database
    order = checkout.orders.get()
    line = order.lines.get()
    assert (line.unit_price, line.quantity, line.line_total) == (65_000, 3, 195_000)
    fee = rate_table().fee("inner", 3 * DEFAULT_ITEM_GRAMS)  # the table, within Hà Nội, three unweighed bottles
    assert (order.subtotal, order.shipping_fee, order.total) == (195_000, fee, 195_000 + fee)
    assert (line.product_name, line.variant_name, line.sku, line.unit) == (product.name, variant.name, variant.sku, "chai")
    with pytest.raises(TypeError):
        place([(variant.pk, 1)], unit_price=1)


def test_shipping_is_the_flat_fee_below_the_threshold_and_free_from_it():
    producer = ProducerFactory(shipping_flat_fee=25_000, free_shipping_threshold=200_000)
    variant = only_variant(ProductFactory(producer=producer, variants=[{"price": 50_000, "stock": 20}]))

    below = place([(variant.pk, 3)]).orders.get()
    at_threshold = place([(variant.pk, 4)]).orders.get()

    assert (below.subtotal, below.shipping_fee, below.total) == (150_000, 25_000, 175_000)
    assert (at_threshold.subtotal, at_threshold.shipping_fee, at_threshold.total) == (200_000, 0, 200_000)


def test_no_threshold_means_never_free():
    producer = ProducerFactory(shipping_flat_fee=40_000, free_shipping_threshold=None)
    variant = only_variant(ProductFactory(producer=producer, variants=[{"price": 900_000, "stock": 20}]))

    order = place([(variant.pk, 10)]).orders.get()

    assert order.shipping_fee == 40_000


def test_one_checkout_makes_one_order_per_producer(hue_ward):
    lan, mai = ProducerFactory(), ProducerFactory(shipping_flat_fee=20_000)
    fish_sauce = ProductFactory(producer=lan, variants=[{"price": 120_000, "stock": 5}, {"price": 60_000, "stock": 5}])
    tea = ProductFactory(producer=mai, variants=[{"price": 80_000, "stock": 5}])
    big, small = fish_sauce.variants.order_by("sort_order")

    checkout = place(
        [(big.pk, 1), (tea.variants.get().pk, 2), (small.pk, 1), (small.pk, 1)],
        payment_method="cod", phone="+84 0912-345-678", province_code=46, ward_code=hue_ward,
    )

    assert re.fullmatch(r"CK-[A-Z2-9]{10}", checkout.reference)
    assert (checkout.phone, checkout.province_code, checkout.ward_code) == ("+84912345678", 46, hue_ward)
    orders = {order.producer_id: order for order in checkout.orders.all()}
    assert set(orders) == {lan.pk, mai.pk}
    assert [(line.variant_id, line.quantity) for line in orders[lan.pk].lines.all()] == [(big.pk, 1), (small.pk, 2)]
    # Lan follows the union's table (three unweighed items from Hà Nội to Huế); Mai set her own flat fee.
    far_fee = rate_table().fee(zone_between(lan.province_code, 46), 3 * DEFAULT_ITEM_GRAMS)
    assert orders[lan.pk].total == 120_000 + 120_000 + far_fee
    assert orders[mai.pk].total == 160_000 + 20_000


def test_order_numbers_are_unique_readable_and_tokens_private():
    variant = only_variant(ProductFactory(variants=[{"price": 10_000, "stock": 50}]))

    orders = [place([(variant.pk, 1)]).orders.get() for _ in range(5)]

    year = timezone.localtime().year
    numbers = [order.number for order in orders]
    assert all(re.fullmatch(rf"CPN-{year}-\d{{6,}}", number) for number in numbers)
    assert len(set(numbers)) == 5
    assert len({order.token for order in orders}) == 5
    assert all(len(order.token) >= 32 for order in orders)
    assert orders[0].get_absolute_url().endswith(f"/{orders[0].token}/")


def test_stock_is_reserved_and_the_product_summary_follows():
    product = ProductFactory(variants=[{"price": 10_000, "stock": 7}, {"price": 12_000, "stock": 3}])
    first, second = product.variants.order_by("sort_order")

    place([(first.pk, 5), (second.pk, 3)])

    first.refresh_from_db()
    second.refresh_from_db()
    product.refresh_from_db()
    assert (first.stock, second.stock, product.stock_total) == (2, 0, 2)


def test_cash_on_delivery_is_confirmed_at_once_with_history():
    variant = only_variant(ProductFactory())

    order = place([(variant.pk, 1)], payment_method="cod").orders.get()

    assert order.status == Order.Status.CONFIRMED
    assert order.payment_status == Order.PaymentStatus.UNPAID
    assert order.expires_at is None and order.confirmed_at is not None
    change = order.status_changes.get()
    assert (change.from_status, change.to_status, change.role) == ("", "confirmed", "buyer")


@pytest.mark.parametrize("method", ["vietqr", "card"])
def test_vietqr_and_card_orders_wait_for_payment_until_a_deadline(method, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.ORDER_PAYMENT_TIMEOUT_MINUTES = 30
    variant = only_variant(ProductFactory(producer=ProducerFactory(bank_bin="970436", bank_account_number="0011223344")))

    before = timezone.now()
    order = place([(variant.pk, 1)], payment_method=method).orders.get()

    assert order.status == Order.Status.PENDING_PAYMENT
    assert 29 * 60 <= (order.expires_at - before).total_seconds() <= 31 * 60


def test_vietqr_is_refused_when_a_producer_of_the_order_has_no_bank_account():
    with_bank = only_variant(ProductFactory(producer=ProducerFactory(bank_bin="970436", bank_account_number="0011")))
    without = only_variant(ProductFactory(producer=ProducerFactory(name="HTX Chưa Có Tài Khoản")))

    with pytest.raises(OrderError, match="HTX Chưa Có Tài Khoản chưa có tài khoản nhận tiền"):
        place([(with_bank.pk, 1), (without.pk, 1)], payment_method="vietqr")
    with_bank.refresh_from_db()
    assert not Checkout.objects.exists() and with_bank.stock == 10


def test_card_is_refused_when_stripe_is_not_configured(settings):
    settings.STRIPE_SECRET_KEY = ""
    variant = only_variant(ProductFactory())

    with pytest.raises(OrderError):
        place([(variant.pk, 1)], payment_method="card")
    assert not Order.objects.exists()


def test_the_buyer_account_is_kept_and_a_guest_has_none(django_user_model):
    variant = only_variant(ProductFactory())
    user = django_user_model.objects.create_user(username="lan", email="lan@example.vn", password="x-long-password")

    assert place([(variant.pk, 1)], buyer=user).buyer == user
    assert place([(variant.pk, 1)]).buyer is None


def assert_nothing_changed(variant: ProductVariant, stock: int) -> None:
    variant.refresh_from_db()
    assert variant.stock == stock
    assert not Checkout.objects.exists()
    assert not Order.objects.exists() and not OrderLine.objects.exists() and not OrderStatusChange.objects.exists()


def test_quantity_beyond_stock_is_refused_and_nothing_changes():
    # given two lines, the second asking for more than there is
    plenty = only_variant(ProductFactory(variants=[{"price": 10_000, "stock": 9}]))
    scarce = only_variant(ProductFactory(variants=[{"price": 10_000, "stock": 2}], unit="hũ"))

    with pytest.raises(OrderError) as refused:
        place([(plenty.pk, 4), (scarce.pk, 3)])

    # then the first line's reservation was rolled back too
    assert "Chỉ còn 2 hũ" in refused.value.message
    assert refused.value.variant_id == scarce.pk
    assert_nothing_changed(scarce, 2)
    assert_nothing_changed(plenty, 9)
    assert Product.objects.get(pk=plenty.product_id).stock_total == 9


def test_sold_out_variant_is_refused():
    variant = only_variant(ProductFactory(variants=[{"price": 10_000, "stock": 0}]))

    with pytest.raises(OrderError, match="đã hết hàng"):
        place([(variant.pk, 1)])
    assert_nothing_changed(variant, 0)


@pytest.mark.parametrize("quantity", [0, -1, -5, "abc", None, 10_000])
def test_a_quantity_out_of_range_is_refused(quantity):
    variant = only_variant(ProductFactory(variants=[{"price": 10_000, "stock": 5}]))

    with pytest.raises(OrderError):
        place([(variant.pk, quantity)])
    assert_nothing_changed(variant, 5)


def test_an_empty_cart_is_refused():
    with pytest.raises(OrderError, match="trống"):
        place([])


@pytest.mark.parametrize(
    "change",
    [
        {"status": Product.Status.DRAFT},
        {"status": Product.Status.HIDDEN},
        {"staff_hidden": True},
        {"deleted_at": timezone.now()},
    ],
)
def test_a_product_the_buyer_cannot_see_cannot_be_bought(change):
    visible = only_variant(ProductFactory())
    hidden = ProductFactory()
    Product.objects.filter(pk=hidden.pk).update(**change)
    hidden_variant = only_variant(hidden)

    with pytest.raises(OrderError, match="không còn được bán") as refused:
        place([(visible.pk, 1), (hidden_variant.pk, 1)])

    assert refused.value.variant_id == hidden_variant.pk
    assert_nothing_changed(visible, 10)
    assert_nothing_changed(hidden_variant, 10)


def test_a_product_of_an_unverified_producer_or_an_unknown_id_cannot_be_bought():
    unverified = only_variant(ProductFactory(producer__is_verified=False))

    for variant_id in (unverified.pk, 999_999):
        with pytest.raises(OrderError):
            place([(variant_id, 1)])
    assert_nothing_changed(unverified, 10)


@pytest.mark.parametrize(
    "overrides",
    [
        {"contact_name": "  "},
        {"phone": "0241234567"},
        {"phone": ""},
        {"email": "not-an-email"},
        {"province_code": 9999},
        {"province_code": "x"},
        {"ward_code": 1},
        {"street": ""},
        {"payment_method": "bitcoin"},
    ],
)
def test_bad_contact_or_address_is_refused_with_nothing_changed(overrides, hue_ward):
    variant = only_variant(ProductFactory())

    with pytest.raises(OrderError):
        place([(variant.pk, 1)], **overrides)
    with pytest.raises(OrderError, match="không thuộc"):
        place([(variant.pk, 1)], province_code=HA_NOI, ward_code=hue_ward)
    assert_nothing_changed(variant, 10)
