"""Stock under concurrent checkouts, on PostgreSQL (SQLite serialises writers, so it proves nothing there)."""

import threading

import pytest
from django.db import connection

from marketplace.catalogue.models import Product, ProductVariant
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Order
from marketplace.orders.transitions import order_transition
from tests.factories import ProductFactory
from tests.orders.conftest import place

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks and concurrent transactions need PostgreSQL"),
    # Threads see only committed rows, so these tests commit for real; `reference_data` puts back the
    # categories of the data migration that the flush after an earlier such test removed.
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def run_together(workers: list) -> list[Exception]:
    """Start every worker at the same moment; collect what they raise besides a polite OrderError."""
    barrier = threading.Barrier(len(workers))
    errors: list[Exception] = []

    def run(work):
        try:
            barrier.wait()
            work()
        except OrderError:
            pass
        except Exception as error:  # a deadlock or any database error fails the test below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def test_twenty_buyers_of_the_last_five_units_make_exactly_five_orders():
    variant = ProductFactory(variants=[{"price": 90_000, "stock": 5}]).variants.get()

    errors = run_together([lambda: place([(variant.pk, 1)]) for _ in range(20)])

    variant.refresh_from_db()
    assert errors == []
    assert Order.objects.count() == 5
    assert variant.stock == 0
    assert Product.objects.get(pk=variant.product_id).stock_total == 0


def test_opposite_orders_of_two_variants_never_deadlock_and_stock_adds_up():
    # given two products, and buyers who put them in their carts in opposite orders
    first = ProductFactory(variants=[{"price": 10_000, "stock": 100}, {"price": 11_000, "stock": 100}])
    second = ProductFactory(variants=[{"price": 20_000, "stock": 100}])
    a, b = first.variants.order_by("sort_order")
    c = second.variants.get()

    def buy(lines):
        return lambda: [place(lines) for _ in range(3)]

    workers = [buy([(a.pk, 1), (c.pk, 1)]) if n % 2 else buy([(c.pk, 1), (b.pk, 1), (a.pk, 1)]) for n in range(20)]
    errors = run_together(workers)

    # then nobody deadlocked, and every unit taken is in an order
    assert errors == []
    stocks = dict(ProductVariant.objects.filter(pk__in=[a.pk, b.pk, c.pk]).values_list("pk", "stock"))
    assert stocks == {a.pk: 100 - 60, b.pk: 100 - 30, c.pk: 100 - 60}
    assert Product.objects.get(pk=first.pk).stock_total == 40 + 70
    assert Product.objects.get(pk=second.pk).stock_total == 40


def test_cancellations_racing_checkouts_release_each_order_once():
    variant = ProductFactory(variants=[{"price": 10_000, "stock": 10}]).variants.get()
    orders = [place([(variant.pk, 1)]).orders.get() for _ in range(5)]

    def cancel(order):
        return lambda: order_transition(order=order, to_status="cancelled", actor=None, role="buyer")

    workers = [cancel(order) for order in orders for _ in range(2)] + [lambda: place([(variant.pk, 1)])] * 10
    errors = run_together(workers)

    assert errors == []
    placed = Order.objects.exclude(status="cancelled").count()
    variant.refresh_from_db()
    assert Order.objects.filter(status="cancelled").count() == 5
    assert variant.stock == 10 - placed >= 0
    assert Product.objects.get(pk=variant.product_id).stock_total == variant.stock
