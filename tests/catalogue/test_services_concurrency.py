"""Stock under concurrency (PostgreSQL row locks). A transactional test, in a file of its own (see
tests/livestreams/test_reminders_concurrency.py for why)."""

import threading

import pytest
from django.db import connection, connections

from marketplace.catalogue.models import Product, ProductVariant, StockAdjustment
from marketplace.catalogue.services import CatalogueError, stock_adjust
from tests.factories import ProducerFactory, ProductFactory
from tests.factories_producers import member_of


@pytest.mark.skipif(connection.vendor != "postgresql", reason="real row locking needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("reference_data")
def test_ten_concurrent_removals_from_a_stock_of_five_leave_zero_never_less():
    producer = ProducerFactory()
    product = ProductFactory(producer=producer, variants=[{"price": 50_000, "stock": 5}])
    variant_id = product.variants.get().pk
    seller = member_of(producer)
    outcomes, start = [], threading.Barrier(10)

    def remove_one():
        try:
            start.wait()
            stock_adjust(variant=ProductVariant.objects.get(pk=variant_id), delta=-1, reason="Bán", by=seller)
            outcomes.append("ok")
        except CatalogueError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=remove_one) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["ok"] * 5 + ["refused"] * 5
    assert ProductVariant.objects.get(pk=variant_id).stock == 0
    assert Product.objects.get(pk=product.pk).stock_total == 0
    assert sorted(StockAdjustment.objects.values_list("stock_after", flat=True)) == [0, 1, 2, 3, 4]
