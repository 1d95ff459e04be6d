import pytest
from django.core.exceptions import ValidationError

from marketplace.catalogue.models import ProductVariant
from marketplace.core.geography import wards_of
from tests.factories import HA_NOI, HUE, ProductFactory

pytestmark = pytest.mark.django_db


def test_product_keeps_lowest_variant_price_and_total_stock():
    product = ProductFactory(variants=[{"price": 120_000, "stock": 3}, {"price": 85_000, "stock": 0}])

    product.refresh_from_db()

    assert (product.price, product.stock_total, product.in_stock) == (85_000, 3, True)


def test_summary_follows_a_variant_change():
    product = ProductFactory(variants=[{"price": 50_000, "stock": 2}])
    ProductVariant.objects.filter(product=product).update(stock=0)

    product.refresh_summary()
    product.refresh_from_db()

    assert product.stock_total == 0 and not product.in_stock


def test_search_text_is_rebuilt_on_save():
    product = ProductFactory(name="Trà xanh")
    product.name = "Đặc sản chè Thái Nguyên"
    product.save()

    product.refresh_from_db()

    assert "dac san che thai nguyen" in product.search_text


def test_a_ward_outside_the_province_is_refused():
    product = ProductFactory(origin_province_code=HA_NOI)
    product.origin_ward_code = wards_of(HUE)[0][0]

    with pytest.raises(ValidationError) as error:
        product.full_clean()

    assert "origin_ward_code" in error.value.message_dict


def test_a_ward_of_the_province_is_accepted():
    product = ProductFactory(origin_province_code=HA_NOI)
    product.origin_ward_code = wards_of(HA_NOI)[0][0]

    product.full_clean()


def test_a_price_of_zero_or_above_a_billion_is_refused():
    product = ProductFactory()
    variant = product.variants.first()
    for bad in (0, 1_000_000_001):
        variant.price = bad
        with pytest.raises(ValidationError):
            variant.full_clean()
