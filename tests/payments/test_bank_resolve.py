"""Unmatched transfers wait in two queues, each scoped: the seller's centre (her producer's) and the admin
(producers of the officer's subtree; the central union also sees what nobody could attribute). A person
settles each with a recorded reason; marking an order paid goes through the same payment service."""

import itertools

import pytest
from django.urls import reverse

from marketplace.orders.models import Order, OrderStatusChange
from marketplace.payments.bank_transfers.incoming import IncomingTransfer
from marketplace.payments.bank_transfers.matching import bank_transfer_receive
from marketplace.payments.bank_transfers.models import BankTransfer
from producers.models import Producer
from tests.factories_orders import order_for
from tests.staff.conftest import _private_media_in_tmp, logged_in, world

__all__ = ["_private_media_in_tmp", "world"]
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_root")]
SELLER_URL = "/seller/bank-transfers/"
_ids = itertools.count(1)


def receive(content: str, amount: int, *, incoming: bool = True, account: str = "") -> BankTransfer:
    provider_id = str(next(_ids))
    bank_transfer_receive(
        IncomingTransfer(
            provider="sepay",
            provider_id=provider_id,
            incoming=incoming,
            amount=amount,
            content=content,
            bank_reference=f"FT{provider_id}",
            account_number=account,
        )
    )
    return BankTransfer.objects.get(provider_id=provider_id)


def waiting(producer) -> Order:
    return order_for(producer, status=Order.Status.PENDING_PAYMENT, payment_method="vietqr")


@pytest.fixture
def mine(world):
    """A Hà Nội order paid short, and a Huế order paid too much: one unmatched transfer in each queue."""
    ha_noi_order, hue_order = waiting(world.ha_noi.producer), waiting(world.hue.producer)
    return (
        ha_noi_order,
        receive(ha_noi_order.number, ha_noi_order.total - 10_000),
        hue_order,
        receive(hue_order.number, hue_order.total + 10_000),
    )


def unchanged(*objects) -> list:
    return [
        (type(o).__name__, o.pk, tuple(type(o).objects.filter(pk=o.pk).values().get().items()))
        for o in objects
    ]


def resolve_data(transfer: BankTransfer, action: str, number: str = "", note: str = "") -> dict:
    prefix = f"t{transfer.pk}"
    return {
        "transfer": str(transfer.pk),
        f"{prefix}-action": action,
        f"{prefix}-order_number": number,
        f"{prefix}-note": note,
    }


# --- The seller's centre ------------------------------------------------------------------------------


def test_the_seller_sees_her_producers_transfers_only(world, mine, django_assert_max_num_queries):
    order, transfer, hue_order, hue_transfer = mine
    seller = logged_in(world.ha_noi.owner)

    with django_assert_max_num_queries(15):
        page = seller.get(SELLER_URL)

    text = page.content.decode()
    assert page.status_code == 200 and "Chuyển khoản" in text
    assert order.number in text and "Chuyển thiếu tiền" in text
    assert hue_order.number not in text and "Chuyển thừa tiền" not in text


def test_the_seller_checked_her_bank_app_and_marks_the_order_paid(world, mine):
    order, transfer, _hue_order, _hue_transfer = mine
    seller = logged_in(world.ha_noi.owner)

    response = seller.post(
        SELLER_URL,
        resolve_data(transfer, "mark_paid", order.number.lower(), "Người mua chuyển bù 10.000 đ lần hai"),
    )

    assert response.status_code == 302
    order.refresh_from_db()
    transfer.refresh_from_db()
    assert (order.status, order.payment_status) == (Order.Status.CONFIRMED, Order.PaymentStatus.PAID)
    change = order.status_changes.order_by("-pk").first()
    assert (change.role, change.actor) == (OrderStatusChange.Role.SELLER, world.ha_noi.owner)
    assert transfer.status == BankTransfer.Status.RESOLVED and transfer.resolved_by == world.ha_noi.owner
    assert order.number in transfer.resolution and "chuyển bù" in transfer.resolution
    again = seller.post(SELLER_URL, resolve_data(transfer, "refunded"))
    assert again.status_code == 400 and "đã được xử lý" in again.content.decode()


def test_money_sent_back_is_recorded_and_changes_no_order(world, mine):
    order, transfer, *_ = mine
    before = unchanged(order)

    logged_in(world.ha_noi.owner).post(
        SELLER_URL, resolve_data(transfer, "refunded", note="Đã trả lại qua MB")
    )

    transfer.refresh_from_db()
    assert transfer.status == BankTransfer.Status.RESOLVED
    assert transfer.resolution.startswith("Đã hoàn tiền cho người chuyển")
    assert unchanged(order) == before


@pytest.mark.parametrize(
    ("action", "number", "note", "message"),
    [
        ("mark_paid", "", "", "Hãy ghi mã đơn"),
        ("other", "", "  ", "Hãy ghi rõ"),
        ("steal", "", "", "Hãy chọn"),
        ("mark_paid", "CPN-2026-999999", "", "Không tìm thấy đơn CPN-2026-999999"),
        ("mark_paid", "x" * 500, "", "tối đa 32"),
    ],
)
def test_bad_resolutions_say_why_and_change_nothing(world, mine, action, number, note, message):
    order, transfer, *_ = mine
    before = unchanged(order, transfer)

    response = logged_in(world.ha_noi.owner).post(SELLER_URL, resolve_data(transfer, action, number, note))

    assert response.status_code == 400 and message in response.content.decode()
    assert unchanged(order, transfer) == before


def test_another_producers_order_number_is_not_found_and_nothing_is_paid(world, mine):
    order, transfer, hue_order, hue_transfer = mine
    before = unchanged(order, transfer, hue_order, hue_transfer)

    response = logged_in(world.ha_noi.owner).post(
        SELLER_URL, resolve_data(transfer, "mark_paid", hue_order.number)
    )

    assert (
        response.status_code == 400 and f"Không tìm thấy đơn {hue_order.number}" in response.content.decode()
    )
    assert unchanged(order, transfer, hue_order, hue_transfer) == before


@pytest.mark.parametrize("transfer_id", ["hue", "abc", "", "-1", "9" * 30])
def test_another_producers_transfer_or_a_bad_id_is_404(world, mine, transfer_id):
    order, transfer, hue_order, hue_transfer = mine
    before = unchanged(order, transfer, hue_order, hue_transfer)
    data = resolve_data(hue_transfer, "refunded", note="x")
    if transfer_id != "hue":
        data["transfer"] = transfer_id

    assert logged_in(world.ha_noi.owner).post(SELLER_URL, data).status_code == 404
    assert unchanged(order, transfer, hue_order, hue_transfer) == before


def test_an_order_no_longer_waiting_cannot_be_marked_paid_by_hand(world, mine):
    order, transfer, *_ = mine
    Order.objects.filter(pk=order.pk).update(status=Order.Status.CANCELLED)

    response = logged_in(world.ha_noi.owner).post(
        SELLER_URL, resolve_data(transfer, "mark_paid", order.number)
    )

    assert response.status_code == 400 and "hãy hoàn tiền cho người chuyển" in response.content.decode()
    transfer.refresh_from_db()
    assert transfer.status == BankTransfer.Status.UNMATCHED


def test_an_outgoing_transfer_cannot_pay_an_order(world):
    order = waiting(world.ha_noi.producer)
    Producer.objects.filter(pk=order.producer_id).update(bank_account_number="0123456789")
    outgoing = receive(order.number, order.total, incoming=False, account="0123456789")
    assert (
        outgoing.reason == BankTransfer.Reason.OUTGOING and outgoing.producer == order.producer
    )  # her account

    response = logged_in(world.ha_noi.owner).post(
        SELLER_URL, resolve_data(outgoing, "mark_paid", order.number)
    )

    assert response.status_code == 400 and "tiền ra khỏi tài khoản" in response.content.decode()


# --- The admin ---------------------------------------------------------------------------------------------


def test_officers_see_and_settle_the_transfers_of_their_subtree_only(world, mine):
    order, transfer, hue_order, hue_transfer = mine
    nobody_s = receive("chuyen tien", 50_000)  # no order, no account: only the central union sees it
    ha_noi, hue, central = (logged_in(u) for u in (world.ha_noi_staff, world.hue_staff, world.central_staff))

    listing = ha_noi.get(reverse("bank_transfers:index")).content.decode()
    assert world.ha_noi.producer.name in listing and world.hue.producer.name not in listing
    assert reverse("bank_transfers:inspect", args=[nobody_s.pk]) not in listing
    assert (
        reverse("bank_transfers:inspect", args=[nobody_s.pk])
        in central.get(reverse("bank_transfers:index")).content.decode()
    )
    assert hue.get(reverse("bank_transfers:inspect", args=[transfer.pk])).status_code == 404
    before = unchanged(order, transfer)
    assert (
        hue.post(
            reverse("bank_transfers:resolve", args=[transfer.pk]),
            {"action": "mark_paid", "order_number": order.number},
        ).status_code
        == 404
    )
    assert unchanged(order, transfer) == before

    inspect = ha_noi.get(reverse("bank_transfers:inspect", args=[transfer.pk]))
    assert inspect.status_code == 200 and "Chuyển thiếu tiền" in inspect.content.decode()
    wrong = ha_noi.post(
        reverse("bank_transfers:resolve", args=[transfer.pk]),
        {"action": "mark_paid", "order_number": hue_order.number},
    )
    assert wrong.status_code == 400 and unchanged(order, transfer) == before
    done = ha_noi.post(
        reverse("bank_transfers:resolve", args=[transfer.pk]),
        {"action": "mark_paid", "order_number": order.number, "note": "đã đối soát sao kê"},
    )
    assert done.status_code == 302
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PAID
    assert order.status_changes.order_by("-pk").first().role == OrderStatusChange.Role.STAFF


def test_people_without_the_union_role_reach_no_transfer(world, mine):
    _order, transfer, *_ = mine
    for user in (world.buyer, world.ha_noi.owner):
        client = logged_in(user)
        assert client.get(reverse("bank_transfers:index")).status_code in {302, 403}
        assert client.post(
            reverse("bank_transfers:resolve", args=[transfer.pk]), {"action": "refunded"}
        ).status_code in {302, 403, 404}
    transfer.refresh_from_db()
    assert transfer.status == BankTransfer.Status.UNMATCHED
