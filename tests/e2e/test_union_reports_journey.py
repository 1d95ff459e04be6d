"""Reports and the contest of issue #11, in Chromium at 360 px: a ward officer submits her monthly report
and her province sees it as submitted; the contest's leaderboard changes after a session ends with orders."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from marketplace.livestreams.models import LiveSession
from marketplace.orders.models import Order
from programmes.contest_scores import leaderboard
from programmes.models import Contest, ReportingPeriod, UnitReport
from tests.e2e.test_producer_onboarding import admin_login
from tests.factories_live import ended_session
from tests.factories_orders import order_for

pytestmark = pytest.mark.e2e


def test_a_ward_submits_her_monthly_report_and_the_province_sees_it(new_phone_context, storefront, staff_password,
                                                                   shot):
    base = storefront.url
    period = ReportingPeriod.objects.order_by("-starts_on").first()
    ward = new_phone_context().new_page()
    admin_login(ward, base, "canbo.battrang", staff_password)
    ward.goto(f"{base}/admin/unit-reports/{period.pk}/")
    ward.get_by_role("link", name="Mở báo cáo của đơn vị").click()
    expect(ward.get_by_text("Số liệu tính từ dữ liệu hiện tại")).to_be_visible()
    ward.get_by_label("Hội viên mới kết nạp").fill("8")
    ward.get_by_label("Nhận xét, kiến nghị").fill("Chị em mong có thêm lớp chụp ảnh sản phẩm.")
    shot(ward, "reports-01-ward-fills")
    ward.get_by_role("button", name="Nộp báo cáo").click()
    expect(ward.get_by_text("Số liệu đã chốt khi nộp")).to_be_visible()
    report = UnitReport.objects.get(period=period, unit__name__contains="Bát Tràng")
    assert report.status == "submitted" and report.new_members == 8

    province = new_phone_context().new_page()
    admin_login(province, base, "canbo.hanoi", staff_password)
    province.goto(f"{base}/admin/unit-reports/{period.pk}/")
    row = province.locator(f"#unit-{report.unit_id}")
    expect(row).to_contain_text("Đã nộp")
    shot(province, "reports-02-province-sees")
    province.goto(f"{base}/admin/unit-reports/dashboard/?period={period.starts_on:%Y-%m}")
    expect(province.get_by_role("heading", name="Bán hàng")).to_be_visible()
    shot(province, "reports-03-dashboard")


def test_the_leaderboard_changes_after_a_session_ends_with_orders(new_phone_context, storefront, shot):
    base = storefront.url
    contest = Contest.objects.get(slug="livestream-idol-2026")
    last = [row for row in leaderboard(contest, use_cache=False) if row.rank][-1]
    page = new_phone_context().new_page()
    page.goto(f"{base}/livestream-idol/{contest.slug}/")
    first_name = page.locator(".contest-board li").first
    expect(first_name).not_to_contain_text(last.producer_name)
    shot(page, "contest-01-before")

    # The last-placed entrant's evening session ends, with more orders than anyone has had
    session = ended_session(host_id=last.producer_id, ended_minutes_ago=1, title="Live tối nay")
    for _ in range(30):
        order_for(session.host, quantity=3, live_session=session, source=Order.Source.LIVE)
    LiveSession.objects.filter(pk=session.pk).update(ended_at=timezone.now())

    page.reload()
    expect(page.locator(".contest-board li").first).to_contain_text(last.producer_name)
    shot(page, "contest-02-after")
    assert session.started_at >= contest.starts_at and session.started_at < contest.ends_at + timedelta(0)
    assert re.search("IDOL", page.title())
