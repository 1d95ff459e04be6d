"""Periodic reports going upward, and the roll-up dashboard: prefilled figures, frozen on submission, the
parent's view of submitted / late / missing, returning with a reason, bad input, scope."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from marketplace.orders.models import Order
from programmes.errors import ProgrammeError
from programmes.models import ReportingPeriod, SupportRecord, UnitReport
from programmes.services.reports import report_open, report_return, report_submit
from tests.factories_orders import order_for
from tests.programmes.conftest import logged_in, make_pair

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(world):
    today = timezone.localdate()
    first = today.replace(day=1)
    return ReportingPeriod.objects.create(title="Tháng này", starts_on=first, ends_on=today,
                                          due_on=today + timedelta(days=5))


@pytest.fixture
def ward_staff(people):
    return people.ward_staff


EXTRA = {"comments": "Chi hội họp đều", "new_members": 12, "offline_trainees": 30, "households_helped": 2}


def test_a_report_is_prefilled_frozen_on_submission_and_cannot_be_sent_twice(world, people, period, ward_staff):
    order_for(world.ha_noi.producer)
    make_pair(world, people, unit=world.tree.ha_noi_ward)
    report = report_open(period=period, unit=world.tree.ha_noi_ward)
    report = report_submit(report=report, by=ward_staff, **EXTRA)
    assert report.status == "submitted" and report.figures["sales"]["orders"] == 1
    assert report.figures["mentoring"]["active"] == 1 and report.new_members == 12
    order_for(world.ha_noi.producer)  # later data does not change a submitted report
    report.refresh_from_db()
    assert report.figures["sales"]["orders"] == 1
    with pytest.raises(ProgrammeError, match="đã được nộp"):
        report_submit(report=report, by=ward_staff, **EXTRA)
    with pytest.raises(ProgrammeError):
        report_open(period=period, unit=world.tree.central)


def test_returning_needs_a_reason_and_the_unit_may_submit_again(world, period, ward_staff):
    report = report_submit(report=report_open(period=period, unit=world.tree.ha_noi_ward), by=ward_staff, **EXTRA)
    with pytest.raises(ProgrammeError, match="lý do"):
        report_return(report=report, by=world.ha_noi_staff, reason="  ")
    report = report_return(report=report, by=world.ha_noi_staff, reason="Thiếu số hội viên mới")
    assert report.status == "returned"
    with pytest.raises(ProgrammeError):
        report_return(report=report, by=world.ha_noi_staff, reason="lần nữa")
    assert report_submit(report=report, by=ward_staff, **EXTRA).status == "submitted"


def test_the_ward_submits_through_the_admin_and_the_province_sees_it(world, period, ward_staff):
    ward = logged_in(ward_staff)
    url = reverse("unit_reports:report", args=[period.pk, world.tree.ha_noi_ward.pk])
    page = ward.get(url).content.decode()
    assert "Số liệu tính từ dữ liệu hiện tại" in page and "Nộp báo cáo" in page
    bad = ward.post(url, {**EXTRA, "new_members": "-1"})
    assert bad.status_code == 400 and not UnitReport.objects.filter(status="submitted").exists()
    bad = ward.post(url, {**EXTRA, "new_members": "9999999999"})
    assert bad.status_code == 400
    assert ward.post(url, EXTRA).status_code == 302
    province = logged_in(world.ha_noi_staff)
    listing = province.get(reverse("unit_reports:period", args=[period.pk])).content.decode()
    assert "Đã nộp đúng hạn" in listing and world.tree.ha_noi_ward.name in listing
    assert province.post(url, {"reason": ""}).status_code == 400
    assert province.post(url, {"reason": "Bổ sung nhận xét"}).status_code == 302
    assert UnitReport.objects.get().status == "returned"
    refused = province.post(url, EXTRA)  # not her unit's report to submit: Wagtail's "no permission" redirect
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    assert UnitReport.objects.get().status == "returned"


def test_missing_and_late_are_told_apart(world, ward_staff):
    past = ReportingPeriod.objects.create(title="Tháng trước", starts_on=date(2026, 10, 1), ends_on=date(2026, 10, 31),
                                          due_on=date(2026, 11, 5))
    listing = logged_in(world.ha_noi_staff).get(reverse("unit_reports:period", args=[past.pk])).content.decode()
    assert "Quá hạn, chưa nộp" in listing
    report = report_open(period=past, unit=world.tree.ha_noi_ward)
    report_submit(report=report, by=ward_staff, **EXTRA)
    csv = logged_in(world.ha_noi_staff).get(reverse("unit_reports:period", args=[past.pk]) + "?export=csv")
    assert "Nộp muộn" in csv.content.decode("utf-8-sig")


def test_scope_of_reports(world, period, ward_staff):
    hue = logged_in(world.hue_staff)
    url = reverse("unit_reports:report", args=[period.pk, world.tree.ha_noi_ward.pk])
    assert hue.get(url).status_code == 404
    assert hue.post(url, EXTRA).status_code == 404
    assert hue.post(url, {"reason": "x"}).status_code == 404
    assert not UnitReport.objects.exists()
    assert logged_in(world.ha_noi.owner).get(reverse("unit_reports:index")).status_code in (302, 403)
    assert logged_in(ward_staff).get(reverse("unit_reports:period_add"))["Location"] == "/admin/"


@pytest.mark.parametrize("data, message", [
    ({"ends_on": "2026-10-01"}, "từ ngày bắt đầu trở đi"),
    ({"due_on": "2026-11-01"}, "Hạn nộp phải sau"),
    ({"ends_on": "2029-01-01", "due_on": "2029-01-05"}, "tối đa một năm"),
    ({"starts_on": "không phải ngày"}, ""),
    ({"title": ""}, ""),
])
def test_only_the_central_union_opens_periods_and_bad_dates_are_refused(world, data, message):
    post = {"title": "Tháng 11", "starts_on": "2026-11-01", "ends_on": "2026-11-30", "due_on": "2026-12-05", **data}
    response = logged_in(world.central_staff).post(reverse("unit_reports:period_add"), post)
    assert response.status_code == 400 and message in response.content.decode()
    assert not ReportingPeriod.objects.exists()
    assert logged_in(world.ha_noi_staff).post(reverse("unit_reports:period_add"), post)["Location"] == "/admin/"
    assert not ReportingPeriod.objects.exists()


def test_the_dashboard_rolls_up_and_drills_down(world, people):
    order_for(world.ha_noi.producer)
    order_for(world.hue.producer, quantity=3)
    SupportRecord.objects.create(producer=world.ha_noi.producer, kind="grant", amount=2_000_000,
                                 given_on=timezone.localdate())
    central = logged_in(world.central_staff)
    page = central.get(reverse("unit_reports:dashboard")).content.decode()
    assert "Hội LHPN Hà Nội" in page and "Hội LHPN Huế" in page and "2.000.000" in page
    drill = central.get(reverse("unit_reports:dashboard") + f"?unit={world.tree.ha_noi.pk}").content.decode()
    assert world.tree.ha_noi_ward.name in drill and "Hội LHPN Huế</a>" not in drill
    xlsx = central.get(reverse("unit_reports:dashboard") + "?section=sales&export=xlsx")
    import io

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    names = [row[0].value for row in sheet.iter_rows(min_row=2)]
    assert "Hội LHPN Hà Nội" in names and "Tổng" in names
    ha_noi = logged_in(world.ha_noi_staff)
    assert ha_noi.get(reverse("unit_reports:dashboard") + f"?unit={world.tree.hue.pk}").status_code == 404
    assert ha_noi.get(reverse("unit_reports:dashboard") + "?unit=abc").status_code == 404
    odd = ha_noi.get(reverse("unit_reports:dashboard") + "?period=2026-13")
    assert odd.status_code == 200 and "không hợp lệ" in odd.content.decode()
    for period in ("2026-Q4", "2026", "2025-01"):
        assert ha_noi.get(reverse("unit_reports:dashboard") + f"?period={period}").status_code == 200


def test_each_figure_links_to_the_rows_behind_it_in_scope(world, people):
    order_for(world.ha_noi.producer)
    order_for(world.hue.producer)
    make_pair(world, people)
    central = logged_in(world.central_staff)
    page = central.get(reverse("unit_reports:dashboard")).content.decode()
    orders_link = f'{reverse("union_orders:index")}?unit={world.tree.ha_noi.pk}&amp;placed_at_after='
    assert orders_link in page
    listing = central.get(reverse("union_orders:index"), {"unit": world.tree.ha_noi.pk}).content.decode()
    ha_noi_order, hue_order = Order.objects.order_by("pk").values_list("number", flat=True)
    assert ha_noi_order in listing and hue_order not in listing
    pairs = central.get(reverse("mentoring_pairs:index"), {"unit": world.tree.hue.pk}).content.decode()
    assert world.ha_noi.producer.name not in pairs
    # Another unit's id in the filter lists nothing, rather than widening the scope.
    hue_view = logged_in(world.hue_staff).get(reverse("union_orders:index"), {"unit": world.tree.ha_noi.pk})
    assert ha_noi_order not in hue_view.content.decode()
    producers = central.get(reverse("wagtailsnippets_producers_producer:list"), {"unit": world.tree.hue.pk})
    assert world.hue.producer.name in producers.content.decode()
    assert world.ha_noi.producer.name not in producers.content.decode()
    assert central.get(reverse("union_orders:index"), {"unit": "abc"}).status_code == 200
