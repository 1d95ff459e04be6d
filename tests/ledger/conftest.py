"""Producers in two provinces of the tiny union tree, with bank accounts, and helpers to post money for them."""

from dataclasses import dataclass

import pytest

from marketplace.ledger.postings import post_cod_collected
from marketplace.orders.models import Order
from producers.staff_group import union_staff_group_ensure
from tests.factories_orders import order_for
from tests.factories_producers import DraftProducerFactory, member_of, staff_user, tiny_union_tree


@dataclass
class Ledgerland:
    tree: object
    lan: object  # Hà Nội, with a bank account
    hoa: object  # Huế, with a bank account
    mai: object  # Hà Nội, no bank account
    ha_noi_staff: object
    hue_staff: object
    central_staff: object


def producer(unit, name: str, *, bank: bool = True):
    fields = {"bank_bin": "970436", "bank_account_number": "0011001234567", "bank_account_name": name.upper()} \
        if bank else {}
    return DraftProducerFactory(name=name, union_unit=unit, province_code=unit.province_code, **fields)


@pytest.fixture
def land(db) -> Ledgerland:
    group = union_staff_group_ensure()
    tree = tiny_union_tree()

    def officer(unit, username):
        user = staff_user(unit, username=username, email=f"{username}@hoiphunu.vn")
        user.groups.add(group)
        return user

    return Ledgerland(
        tree=tree, lan=producer(tree.ha_noi_ward, "Nguyễn Thị Lan"), hoa=producer(tree.hue_ward, "Lê Thị Hoa"),
        mai=producer(tree.ha_noi_ward, "Trần Thị Mai", bank=False),
        ha_noi_staff=officer(tree.ha_noi, "can-bo-ha-noi"), hue_staff=officer(tree.hue, "can-bo-hue"),
        central_staff=officer(tree.central, "can-bo-trung-uong"),
    )


def cod_delivered(producer, *, tracking: str = "", quantity: int = 1) -> Order:
    """A COD order the marketplace's carrier delivered (and collected), posted as H3's webhook does."""
    order = order_for(producer, quantity=quantity, status=Order.Status.DELIVERED, tracking_number=tracking,
                      carrier="GHN")
    post_cod_collected(order)
    return order


def owner_of(producer):
    member = producer.members.select_related("user").first()
    return member.user if member else member_of(producer, email=f"chu{producer.pk}@example.vn")
