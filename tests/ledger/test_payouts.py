"""Payout batches in the admin: scoped to the officer's unit, skipped without a bank account, a CSV for the
bank, marked paid with the bank's reference, never more than the balance."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from marketplace.ledger.errors import LedgerError
from marketplace.ledger.models import LedgerTransaction, Payout, PayoutBatch
from marketplace.ledger.payouts import payout_batch_create, payout_mark_paid
from marketplace.ledger.postings import post_card_refund
from marketplace.ledger.selectors import balance
from producers.models import Producer
from tests.ledger.conftest import cod_delivered, owner_of

pytestmark = pytest.mark.django_db


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def owed(land):
    return {p.pk: cod_delivered(p, tracking=f"GHN{p.pk}") for p in (land.lan, land.hoa, land.mai)}


def test_a_province_officer_batches_her_producers_only_and_skips_one_without_bank(land, owed):
    client = login(land.ha_noi_staff)
    response = client.post(reverse("ledger:index"), {"up_to": timezone.localdate().isoformat()})
    batch = PayoutBatch.objects.get()
    assert response.status_code == 302
    lines = {p.producer_id: p for p in batch.payouts.all()}
    assert set(lines) == {land.lan.pk, land.mai.pk}  # Huế's Hoa is not hers
    assert lines[land.lan.pk].amount == owed[land.lan.pk].total and lines[land.lan.pk].status == "pending"
    assert lines[land.mai.pk].status == "skipped" and "ngân hàng" in lines[land.mai.pk].skipped_reason

    page = client.get(reverse("ledger:batch", args=[batch.pk]))
    assert page.status_code == 200 and "Chưa khai báo tài khoản" in page.content.decode()
    rows = list(csv.reader(io.StringIO(client.get(reverse("ledger:batch_csv", args=[batch.pk]))
                                       .content.decode("utf-8-sig"))))
    assert rows[0] == ["STT", "Số tài khoản", "Tên chủ tài khoản", "Ngân hàng", "Số tiền", "Nội dung"]
    assert rows[1][:5] == ["1", "0011001234567", "NGUYỄN THỊ LAN", "Vietcombank", str(owed[land.lan.pk].total)]
    assert len(rows) == 2

    # A second batch lists nothing again while the first is unpaid.
    again = client.post(reverse("ledger:index"), {"up_to": timezone.localdate().isoformat()})
    assert again.status_code == 400 and PayoutBatch.objects.count() == 1

    client.post(reverse("ledger:batch", args=[batch.pk]), {"payout": lines[land.lan.pk].pk,
                                                            "reference": "FT26338001"})
    assert balance(land.lan) == 0 and Payout.objects.get(pk=lines[land.lan.pk].pk).bank_reference == "FT26338001"
    assert LedgerTransaction.objects.filter(kind="payout").count() == 1


def test_another_units_officer_cannot_see_or_pay_the_batch(land, owed):
    batch = payout_batch_create(producers=Producer.objects.filter(pk=land.lan.pk), up_to=timezone.localdate(),
                                by=land.ha_noi_staff, unit=land.tree.ha_noi)
    payout = batch.payouts.get()
    hue = login(land.hue_staff)
    for name in ("ledger:batch", "ledger:batch_csv"):
        assert hue.get(reverse(name, args=[batch.pk])).status_code == 404
    assert hue.post(reverse("ledger:batch", args=[batch.pk]),
                    {"payout": payout.pk, "reference": "X1"}).status_code == 404
    for name in ("ledger:cod", "ledger:fees"):  # central's only; Wagtail answers a refusal by going home
        refused = hue.get(reverse(name))
        assert (refused.status_code, refused.url) == (302, "/admin/")
    page = hue.get(reverse("ledger:index"))
    assert land.lan.name not in page.content.decode() and land.hoa.name in page.content.decode()
    payout.refresh_from_db()
    assert payout.status == "pending"
    # A seller (no admin access) gets nowhere near it.
    for name in ("ledger:index", "ledger:totals"):
        assert login(owner_of(land.lan)).get(reverse(name)).status_code in (302, 403)


@pytest.mark.parametrize("data", [{}, {"up_to": "abc"}, {"up_to": "2999-01-01"}, {"up_to": "9" * 300}])
def test_bad_batch_input_changes_nothing(land, owed, data):
    response = login(land.ha_noi_staff).post(reverse("ledger:index"), data)
    assert response.status_code == 400 and not PayoutBatch.objects.exists()
    assert "ngày" in response.content.decode().lower()


@pytest.mark.parametrize("data", [{"reference": ""}, {"reference": "x" * 81}, {"payout": "abc", "reference": "A"},
                                  {"payout": "99999999", "reference": "A"}])
def test_bad_mark_paid_input_changes_nothing(land, owed, data):
    batch = payout_batch_create(producers=Producer.objects.filter(pk=land.lan.pk), up_to=timezone.localdate(),
                                by=land.ha_noi_staff, unit=land.tree.ha_noi)
    response = login(land.ha_noi_staff).post(reverse("ledger:batch", args=[batch.pk]), data)
    assert response.status_code in (400, 404)
    assert not LedgerTransaction.objects.filter(kind="payout").exists()


def test_never_pays_more_than_the_balance(land, owed):
    batch = payout_batch_create(producers=Producer.objects.filter(pk=land.lan.pk), up_to=timezone.localdate(),
                                by=land.ha_noi_staff)
    post_card_refund(owed[land.lan.pk], 10_000, "late")  # the balance went down since the batch
    with pytest.raises(LedgerError):
        payout_mark_paid(payout=batch.payouts.get(), reference="FT1")
    assert balance(land.lan) == owed[land.lan.pk].total - 10_000


def test_totals_per_province_are_scoped(land, owed, django_assert_max_num_queries):
    with django_assert_max_num_queries(45):
        central = login(land.central_staff).get(reverse("ledger:totals"))
    assert central.context["total"]["owed"] == sum(o.total for o in owed.values())
    assert {r["name"] for r in central.context["rows"]} == {"Hội LHPN Hà Nội", "Hội LHPN Huế"}
    hue = login(land.hue_staff).get(reverse("ledger:totals"))
    assert hue.context["total"]["owed"] == owed[land.hoa.pk].total
