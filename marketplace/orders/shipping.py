"""Shipping of one producer's order, by weight and destination.

The fee comes from the union's table (ShippingRate) by the zone — same province "nội tỉnh", same
region "nội miền", else "liên miền" (marketplace/core/regions.py) — and the parcel's weight; or from the
producer's own flat fee when she set one. Either way it is free once the subtotal reaches her threshold.

The weight of a parcel is the sum of variant weight × quantity; a variant whose weight the seller left
at 0 counts as DEFAULT_ITEM_GRAMS, so an unweighed item is never shipped for free by mistake.
"""

from dataclasses import dataclass

from django.core.cache import cache

from marketplace.core import cache_version
from marketplace.core.regions import region_of
from marketplace.orders.models import ShippingRate
from producers.models import Producer

RATE_TABLE_SECONDS = 3600
DEFAULT_ITEM_GRAMS = 500
STEP_GRAMS = 500
Zone = ShippingRate.Zone

# Used while the table is empty (a test database flushed, or every row deleted by mistake); the data
# migration 0007 seeded the same numbers.
DEFAULT_TABLE: dict[str, tuple[list[tuple[int, int]], int]] = {
    Zone.INNER: ([(500, 22_000), (1_000, 25_000), (2_000, 30_000)], 5_000),
    Zone.REGION: ([(500, 30_000), (1_000, 33_000), (2_000, 40_000)], 5_000),
    Zone.FAR: ([(500, 35_000), (1_000, 40_000), (2_000, 50_000)], 8_000),
}


@dataclass(frozen=True)
class RateTable:
    """The whole table in memory: zone → brackets (up to grams, fee) lightest first, and the step fee."""

    zones: dict[str, tuple[list[tuple[int, int]], int]]

    def fee(self, zone: str, grams: int) -> int:
        brackets, step_fee = self.zones.get(zone) or DEFAULT_TABLE[zone]
        for up_to, fee in brackets:
            if grams <= up_to:
                return fee
        heaviest, fee = brackets[-1]
        steps = -(-(grams - heaviest) // STEP_GRAMS)  # every started 500 g
        return fee + steps * step_fee

    def cheapest(self) -> int:
        return min(self.fee(zone, 1) for zone in Zone.values)


def rate_table() -> RateTable:
    """The whole table (a dozen rows), kept under the catalogue version, which every edit of it bumps
    (orders/apps.py); pass it along when pricing several parcels."""
    key = f"shipping:rates:v{cache_version.current()}"
    table = cache.get(key)
    if table is None:
        table = _read_rate_table()
        cache.set(key, table, RATE_TABLE_SECONDS)
    return table


def _read_rate_table() -> RateTable:
    zones: dict[str, tuple[list[tuple[int, int]], int]] = {}
    for rate in ShippingRate.objects.order_by("zone", "up_to_grams"):
        brackets, _step = zones.get(rate.zone, ([], 0))
        brackets.append((rate.up_to_grams, rate.fee))
        zones[rate.zone] = (brackets, rate.extra_fee_per_step)  # the heaviest row's step wins
    return RateTable(zones or dict(DEFAULT_TABLE))


def zone_between(origin: int | None, destination: int | None) -> str:
    if origin and destination and int(origin) == int(destination):
        return Zone.INNER
    region = region_of(origin)
    if region is not None and region == region_of(destination):
        return Zone.REGION
    return Zone.FAR  # a province unknown at either end: the dearest zone


def item_grams(weight_grams: int) -> int:
    return weight_grams or DEFAULT_ITEM_GRAMS


def parcel_grams(items) -> int:
    """`items`: (variant weight in grams, quantity) pairs."""
    return sum(item_grams(weight) * quantity for weight, quantity in items)


def free_over_threshold(producer: Producer, subtotal: int) -> bool:
    threshold = producer.free_shipping_threshold
    return threshold is not None and subtotal >= threshold


def shipping_fee(*, producer: Producer, subtotal: int, grams: int, destination: int | None,
                 table: RateTable | None = None) -> int:
    if free_over_threshold(producer, subtotal):
        return 0
    if producer.shipping_flat_fee is not None:
        return producer.shipping_flat_fee
    table = table or rate_table()
    return table.fee(zone_between(producer.province_code, destination), grams)
