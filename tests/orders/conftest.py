import pytest

from marketplace.core.geography import wards_of
from marketplace.orders.placement import order_place
from tests.factories import HA_NOI, HUE


def contact(**overrides) -> dict:
    data = {
        "contact_name": "Nguyễn Thị Lan", "phone": "0912 345 678", "email": "lan@example.vn",
        "province_code": HA_NOI, "ward_code": wards_of(HA_NOI)[0][0], "street": "12 Hàng Bạc",
        "delivery_note": "Gọi trước khi giao", "payment_method": "cod",
    }
    data.update(overrides)
    return data


def place(lines, **overrides):
    return order_place(lines=lines, **contact(**overrides))


@pytest.fixture
def hue_ward() -> int:
    return wards_of(HUE)[0][0]
