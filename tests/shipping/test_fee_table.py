"""The fee by weight and destination: zones over the three regions, brackets, the step above the heaviest
bracket, a producer's threshold and her own flat fee, and the default weight of an unweighed item."""

import pytest
from vietnam_provinces import Province

from marketplace.core.regions import PROVINCE_REGIONS, Region, region_of
from marketplace.orders.models import ShippingRate
from marketplace.orders.shipping import (
    DEFAULT_ITEM_GRAMS,
    DEFAULT_TABLE,
    STEP_GRAMS,
    Zone,
    parcel_grams,
    rate_table,
    shipping_fee,
    zone_between,
)
from tests.factories import HA_NOI, HUE, ProducerFactory
from tests.shipping.conftest import HAI_PHONG, HO_CHI_MINH

pytestmark = pytest.mark.django_db


def test_every_province_has_exactly_one_region():
    codes = {int(province.code) for province in Province.iter_all()}

    assert len(codes) == 34 and set(PROVINCE_REGIONS) == codes
    assert {region_of(HA_NOI), region_of(HUE), region_of(HO_CHI_MINH)} == set(Region)
    assert region_of(None) is None and region_of(999) is None


def test_zones_inside_the_province_the_region_and_across_regions():
    assert zone_between(HA_NOI, HA_NOI) == Zone.INNER
    assert zone_between(HA_NOI, HAI_PHONG) == Zone.REGION
    assert zone_between(HA_NOI, HO_CHI_MINH) == Zone.FAR
    assert zone_between(HA_NOI, None) == Zone.FAR  # unknown destination: the dearest zone


def test_the_migration_seeded_the_documented_table():
    assert rate_table().zones == {zone: (brackets, step) for zone, (brackets, step) in DEFAULT_TABLE.items()}
    assert ShippingRate.objects.count() == 9


@pytest.mark.parametrize("zone", list(Zone))
def test_each_bracket_and_each_started_step_above_the_heaviest(zone):
    table = rate_table()
    brackets, step = DEFAULT_TABLE[zone]
    lightest, heaviest = brackets[0], brackets[-1]

    assert table.fee(zone, 1) == table.fee(zone, lightest[0]) == lightest[1]
    assert table.fee(zone, lightest[0] + 1) == brackets[1][1]
    assert table.fee(zone, heaviest[0]) == heaviest[1]
    assert table.fee(zone, heaviest[0] + 1) == heaviest[1] + step
    assert table.fee(zone, heaviest[0] + STEP_GRAMS) == heaviest[1] + step
    assert table.fee(zone, heaviest[0] + STEP_GRAMS + 1) == heaviest[1] + 2 * step
    assert table.fee(zone, 30_000) == heaviest[1] + (30_000 - heaviest[0]) // STEP_GRAMS * step


def test_the_far_zone_costs_more_than_the_region_which_costs_more_than_inside():
    table = rate_table()
    for grams in (300, 900, 1_800, 4_200):
        assert table.fee(Zone.INNER, grams) < table.fee(Zone.REGION, grams) < table.fee(Zone.FAR, grams)


def test_an_edited_table_prices_at_once():
    rate_table()  # kept now, as after any page that shows a fee
    rate = ShippingRate.objects.get(zone=Zone.INNER, up_to_grams=500)
    rate.fee = 19_000
    rate.save()  # as the admin form does
    producer = ProducerFactory(province_code=HA_NOI, shipping_flat_fee=None, free_shipping_threshold=None)

    assert shipping_fee(producer=producer, subtotal=10_000, grams=400, destination=HA_NOI) == 19_000


def test_an_empty_table_falls_back_to_the_documented_defaults():
    ShippingRate.objects.all().delete()

    assert rate_table().fee(Zone.FAR, 700) == DEFAULT_TABLE[Zone.FAR][0][1][1]


def test_threshold_makes_it_free_and_her_own_flat_fee_replaces_the_table():
    table_shop = ProducerFactory(province_code=HA_NOI, shipping_flat_fee=None, free_shipping_threshold=300_000)
    flat_shop = ProducerFactory(province_code=HA_NOI, shipping_flat_fee=18_000, free_shipping_threshold=300_000)
    table = rate_table()

    # Hà Nội (Bắc) to Huế (Trung): across regions
    assert shipping_fee(producer=table_shop, subtotal=299_999, grams=2_600, destination=HUE) == table.fee(Zone.FAR, 2_600)
    assert shipping_fee(producer=table_shop, subtotal=300_000, grams=2_600, destination=HUE) == 0
    assert shipping_fee(producer=flat_shop, subtotal=299_999, grams=9_000, destination=HO_CHI_MINH) == 18_000
    assert shipping_fee(producer=flat_shop, subtotal=300_000, grams=9_000, destination=HO_CHI_MINH) == 0


def test_the_weight_is_weight_times_quantity_and_an_unweighed_item_counts_500_g():
    assert DEFAULT_ITEM_GRAMS == 500
    assert parcel_grams([(1_200, 2), (0, 3), (250, 1)]) == 2_400 + 3 * DEFAULT_ITEM_GRAMS + 250
