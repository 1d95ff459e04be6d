"""The shipping table in the admin: central officers and superusers edit it; officers of a province or ward
unit are refused (403) and change nothing; bad numbers get a Vietnamese message and change nothing."""

import pytest

from marketplace.orders.models import ShippingRate
from marketplace.orders.shipping import Zone, rate_table
from tests.staff.conftest import logged_in
from tests.staff.helpers import is_refused

pytestmark = pytest.mark.django_db

INDEX, ADD = "/admin/shipping-rates/", "/admin/shipping-rates/new/"


def edit_url(rate) -> str:
    return f"/admin/shipping-rates/edit/{rate.pk}/"


def delete_url(rate) -> str:
    return f"/admin/shipping-rates/delete/{rate.pk}/"


@pytest.fixture
def first_rate(db):
    return ShippingRate.objects.get(zone=Zone.INNER, up_to_grams=500)


def form(rate, **changes) -> dict:
    return {"zone": rate.zone, "up_to_grams": rate.up_to_grams, "fee": rate.fee,
            "extra_fee_per_step": rate.extra_fee_per_step} | changes


def test_a_province_officer_can_neither_see_nor_change_the_table(world, ha_noi_client, first_rate):
    before = list(ShippingRate.objects.values_list("zone", "up_to_grams", "fee", "extra_fee_per_step"))

    for url in (INDEX, ADD, edit_url(first_rate), delete_url(first_rate)):
        assert is_refused(ha_noi_client.get(url)), url
    assert is_refused(ha_noi_client.post(edit_url(first_rate), form(first_rate, fee=1)))
    assert is_refused(ha_noi_client.post(ADD, form(first_rate, up_to_grams=700, fee=1)))
    assert is_refused(ha_noi_client.post(delete_url(first_rate)))

    assert list(ShippingRate.objects.values_list("zone", "up_to_grams", "fee", "extra_fee_per_step")) == before
    assert "shipping-rates" not in ha_noi_client.get("/admin/").content.decode()


def test_a_ward_officer_and_a_buyer_are_refused_too(world, first_rate):
    from tests.factories_producers import staff_user

    ward_officer = staff_user(world.tree.ha_noi_ward, username="can-bo-phuong", email="phuong@hoiphunu.vn")
    ward_officer.groups.add(world.ha_noi_staff.groups.get())
    assert is_refused(logged_in(ward_officer).get(edit_url(first_rate)))
    assert logged_in(world.buyer).get(INDEX).status_code in (302, 403)  # not even into the admin


def test_a_central_officer_edits_a_bracket_and_the_fee_follows(world, central_client, first_rate):
    assert central_client.get(INDEX).status_code == 200

    response = central_client.post(edit_url(first_rate), form(first_rate, fee=19_000))

    assert response.status_code == 302
    assert rate_table().fee(Zone.INNER, 400) == 19_000


def test_a_superuser_adds_a_bracket(world, first_rate):
    response = logged_in(world.superuser).post(ADD, form(first_rate, up_to_grams=5_000, fee=45_000,
                                                          extra_fee_per_step=4_000))

    assert response.status_code == 302
    assert rate_table().fee(Zone.INNER, 4_800) == 45_000


@pytest.mark.parametrize(("changes", "message"), [
    ({"fee": "abc"}, "Hãy nhập một số nguyên"),
    ({"fee": "-5"}, "Số nhỏ nhất được nhận là 0"),
    ({"fee": str(10**12)}, "Số lớn nhất được nhận là 5000000"),
    ({"up_to_grams": "0"}, "Số nhỏ nhất được nhận là 1"),
    ({"up_to_grams": ""}, "Hãy điền mục này."),
    ({"zone": "moon"}, "Lựa chọn này không có trong danh sách"),
    ({"up_to_grams": "1000"}, "Vùng giao này đã có một mức đến khối lượng này."),
])
def test_bad_numbers_are_refused_and_nothing_changes(world, central_client, first_rate, changes, message):
    before = list(ShippingRate.objects.values_list("zone", "up_to_grams", "fee", "extra_fee_per_step"))

    response = central_client.post(edit_url(first_rate), form(first_rate, **changes))

    assert response.status_code == 200 and "error" in response.content.decode()
    assert message in response.content.decode()
    assert list(ShippingRate.objects.values_list("zone", "up_to_grams", "fee", "extra_fee_per_step")) == before
