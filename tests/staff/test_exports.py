"""CSV and XLSX export of the producers in the officer's scope, read back cell by cell."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from producers.models import Producer

pytestmark = pytest.mark.django_db

HEADINGS = ["Tên", "Loại hình", "Tỉnh/thành phố", "Phường/xã", "Đơn vị Hội", "Trạng thái xác minh",
            "Số đăng ký kinh doanh", "Tỉ lệ nữ (%)", "Số thành viên", "Ngày tạo"]


def export(client, fmt, query=""):
    response = client.get(reverse("wagtailsnippets_producers_producer:list") + f"?export={fmt}{query}")
    assert response.status_code == 200
    return response


def csv_rows(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")  # Excel reads Vietnamese letters right with the byte-order mark
    return list(csv.reader(io.StringIO(body.removeprefix("\ufeff"))))


def xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


def test_csv_holds_the_producers_of_the_unit_with_every_column(world, ha_noi_client):
    response = export(ha_noi_client, "csv")

    assert response["Content-Disposition"] == 'attachment; filename="nha-san-xuat.csv"'
    header, *rows = csv_rows(response)
    assert header == HEADINGS
    assert len(rows) == 1
    name, kind, province, ward, unit, status, number, share, members, created = rows[0]
    assert (name, kind, province, unit, status, number, share, members) == (
        "HTX Rau sạch Ba Đình", "Hợp tác xã", "Hà Nội", "Hội LHPN Phường Ba Đình", "Đang chờ xác minh",
        "0101234567", "80", "12")
    assert ward == "Phường Ba Đình" and created.count("/") == 2


def test_xlsx_holds_the_same_rows(world, ha_noi_client):
    header, *rows = xlsx_rows(export(ha_noi_client, "xlsx"))

    assert header == HEADINGS
    assert [row[0] for row in rows] == ["HTX Rau sạch Ba Đình"]
    assert rows[0][7] == 80 and rows[0][8] == 12


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_never_contain_another_province(world, ha_noi_client, fmt):
    rows = csv_rows(export(ha_noi_client, fmt)) if fmt == "csv" else xlsx_rows(export(ha_noi_client, fmt))

    assert not any("Thiên Hương" in str(cell) or "Huế" in str(cell) for row in rows for cell in row)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_central_export_holds_both_provinces(world, central_client, fmt):
    rows = csv_rows(export(central_client, fmt)) if fmt == "csv" else xlsx_rows(export(central_client, fmt))

    assert sorted(row[0] for row in rows[1:]) == ["HTX Mè xửng Thiên Hương", "HTX Rau sạch Ba Đình"]


def test_export_follows_filters_and_search(world, central_client):
    rows = csv_rows(export(central_client, "csv", "&province_code=46"))
    searched = csv_rows(export(central_client, "csv", "&q=rau+sach"))

    assert [row[0] for row in rows[1:]] == ["HTX Mè xửng Thiên Hương"]
    assert [row[0] for row in searched[1:]] == ["HTX Rau sạch Ba Đình"]


def test_a_name_that_looks_like_a_formula_is_exported_as_text(world, ha_noi_client):
    Producer.objects.filter(pk=world.ha_noi.producer.pk).update(name='=HYPERLINK("http://x")')

    _header, row = csv_rows(export(ha_noi_client, "csv"))

    assert row[0] == "'=HYPERLINK(\"http://x\")"
