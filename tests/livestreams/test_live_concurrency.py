"""The live-price cap under concurrent buyers, on PostgreSQL (SQLite serialises writers, so it proves nothing there)."""

import pytest
from django.db import connection

from marketplace.orders.models import OrderLine
from marketplace.orders.shipping import parcel_grams, shipping_fee
from tests.factories import HA_NOI
from tests.factories_live import live_session, pin
from tests.orders.conftest import place
from tests.orders.test_concurrency import run_together

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent transactions need PostgreSQL"),
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def test_twenty_buyers_of_five_capped_live_units_get_five_at_the_live_price():
    offer = pin(live_session(), price=100_000, stock=100, live_price=60_000, cap=5)

    errors = run_together([lambda: place([(offer.variant_id, 1)]) for _ in range(20)])

    offer.refresh_from_db()
    offer.variant.refresh_from_db()
    prices = sorted(OrderLine.objects.values_list("unit_price", flat=True))
    assert errors == []
    assert prices == [60_000] * 5 + [100_000] * 15
    assert OrderLine.objects.filter(live_pin=offer).count() == 5
    assert (offer.cap_left, offer.variant.stock) == (0, 80)


def test_buyers_who_insist_on_the_live_price_never_take_more_than_the_cap():
    # every buyer saw the live total; those who lose the race are refused instead of charged more
    offer = pin(live_session(), price=100_000, stock=100, live_price=60_000, cap=3)
    variant = offer.variant
    shipping = shipping_fee(producer=variant.product.producer, subtotal=60_000,
                            grams=parcel_grams([(variant.weight_grams, 1)]), destination=HA_NOI)

    errors = run_together([lambda: place([(offer.variant_id, 1)], expected_total=60_000 + shipping)
                           for _ in range(12)])

    offer.refresh_from_db()
    offer.variant.refresh_from_db()
    assert errors == []
    assert list(OrderLine.objects.values_list("unit_price", flat=True)) == [60_000] * 3
    assert (offer.cap_left, offer.variant.stock) == (0, 97)
