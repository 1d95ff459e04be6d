"""The carrier's COD reconciliation file: matched lines posted once, every difference kept in the report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from marketplace.ledger.cod_import import cod_file_import
from marketplace.ledger.errors import LedgerError
from marketplace.ledger.models import CodRemittanceImport, LedgerTransaction
from marketplace.ledger.selectors import cod_pending
from marketplace.orders.models import Order
from tests.factories_orders import order_for
from tests.ledger.conftest import cod_delivered

pytestmark = pytest.mark.django_db


@pytest.fixture
def parcels(land):
    delivered = cod_delivered(land.lan, tracking="GHNAAA1")
    other = cod_delivered(land.hoa, tracking="GHNBBB2")
    card = order_for(land.lan, payment_method="card", tracking_number="GHNCARD", status=Order.Status.DELIVERED)
    return delivered, other, card


def outcomes(report):
    return {line["waybill"]: line["outcome"] for line in report.lines}


def test_a_ghn_file_is_matched_and_differences_flagged(land, parcels):
    delivered, other, _card = parcels
    text = ("Mã đơn GHN;Tiền thu hộ (COD);Ngày\n"
            f"GHNAAA1;{delivered.total:,}".replace(",", ".") + ";01/12/2026\n"
            f"GHNBBB2;{other.total - 1000};01/12/2026\n"
            "GHNNOPE;100000;01/12/2026\nGHNCARD;50000;01/12/2026\n;;\n")
    report = cod_file_import(data=("\ufeff" + text).encode(), file_name="ghn.csv", by=land.central_staff)

    assert outcomes(report) == {"GHNAAA1": "matched", "GHNBBB2": "wrong_amount", "GHNNOPE": "unknown_waybill",
                                "GHNCARD": "not_cod"}
    assert (report.matched_count, report.problem_count, report.matched_total) == (1, 3, delivered.total)
    assert cod_pending(land.lan) == 0 and cod_pending(land.hoa) == other.total

    again = cod_file_import(data=("\ufeff" + text).encode(), file_name="ghn.csv", by=land.central_staff)
    assert outcomes(again)["GHNAAA1"] == "already_remitted"
    assert LedgerTransaction.objects.filter(kind="cod_remitted").count() == 1


def test_a_plain_two_column_file_without_bom_and_a_waybill_twice(land, parcels):
    delivered, _other, _card = parcels
    pending = order_for(land.lan, tracking_number="GHNLATE", status=Order.Status.SHIPPED)
    data = f"GHNAAA1,{delivered.total}\nGHNAAA1,{delivered.total}\nGHNLATE,{pending.total}\nGHNX,12abc\n".encode()
    report = cod_file_import(data=data, file_name="plain.csv", by=None)
    assert [line["outcome"] for line in report.lines] == ["matched", "already_remitted", "not_collected", "bad_line"]


@pytest.mark.parametrize(("data", "message"), [
    (b"", "trống"), (b"\xff\xfe\x00w\x00a", "UTF-8"), (b"a,b,c\nx,y,z\n", "cột"),
    (b"x" * (2 * 1024 * 1024 + 1), "quá lớn"), (b"GHN1,1000\n" * 5_002, "quá nhiều dòng"),
])
def test_a_bad_file_is_refused_with_a_clear_message_and_nothing_stored(land, data, message):
    with pytest.raises(LedgerError) as refused:
        cod_file_import(data=data, file_name="x.csv", by=None)
    assert message in refused.value.message
    assert not CodRemittanceImport.objects.exists()


def test_upload_page_central_only_and_bad_upload(land, parcels):
    central = Client()
    central.force_login(land.central_staff)
    delivered = parcels[0]
    response = central.post(reverse("ledger:cod"), {"file": SimpleUploadedFile(
        "doi-soat.csv", f"GHNAAA1,{delivered.total}\n".encode(), content_type="text/csv")})
    report = CodRemittanceImport.objects.get()
    assert response.status_code == 302
    assert central.get(reverse("ledger:cod_import", args=[report.pk])).status_code == 200
    assert central.get(reverse("ledger:cod_import", args=["abc"])).status_code == 404

    for data in ({}, {"file": SimpleUploadedFile("x.csv", b"\x00\x01\x02", content_type="text/csv")},
                 {"file": "not a file"}):
        refused = central.post(reverse("ledger:cod"), data)
        assert refused.status_code == 400
        assert "tệp" in refused.content.decode().lower()
    assert CodRemittanceImport.objects.count() == 1

    hue = Client()
    hue.force_login(land.hue_staff)
    for name, args in (("ledger:cod", []), ("ledger:cod_import", [report.pk])):
        assert hue.get(reverse(name, args=args)).status_code == 302  # refused: back to the admin home
