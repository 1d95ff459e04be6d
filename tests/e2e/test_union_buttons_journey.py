"""The remaining buttons of issues #10–#12, pressed in Chromium at 360 px (a browser may refuse what the test
client accepts: CSRF origin, referrer policy, JavaScript). Seller: register, cancel, register again, check in
at the door, tick a goal, enter the contest, raise a complaint. Officer: register a woman who called, check
in and undo, end a pair early, return a report, hide a review, resolve a complaint."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from marketplace.conversations.models import Complaint
from marketplace.orders.models import Order
from marketplace.reviews.models import Review
from producers.models import UnionUnit
from programmes.check_in_codes import door_code
from programmes.models import (
    ContestEntry,
    MentoringPair,
    PairGoal,
    Training,
    TrainingRegistration,
    UnitReport,
)
from tests.e2e.test_livestream_journey import seller_logs_in
from tests.e2e.test_producer_onboarding import admin_login
from tests.e2e.test_union_work_journey import owner_of, three_ha_noi_producers
from tests.factories_orders import order_for

pytestmark = pytest.mark.e2e


def ha_noi_training(title: str) -> Training:
    unit = UnionUnit.objects.get(level=1, province_code=1)
    starts = timezone.now() + timedelta(minutes=10)
    return Training.objects.create(title=title, topic="payments", unit=unit, starts_at=starts,
                                   ends_at=starts + timedelta(hours=2), place="Nhà văn hoá", capacity=10,
                                   trainer="Chị Hà")


def test_the_seller_side_buttons(new_phone_context, storefront, staff_password, shot):
    base = storefront.url
    learner, mentor_producer, mentee, _pick = three_ha_noi_producers()
    training = ha_noi_training("Thanh toán bằng mã QR an toàn")
    seller = new_phone_context().new_page()
    seller_logs_in(seller, base, learner, staff_password, f"/seller/trainings/{training.pk}/")
    seller.get_by_role("button", name="Đăng ký tham gia").click()
    seller.get_by_role("button", name="Huỷ đăng ký").click()
    expect(seller.get_by_text("Đã huỷ đăng ký")).to_be_visible()
    seller.get_by_role("button", name="Đăng ký tham gia").click()
    seller.goto(f"{base}/seller/trainings/{training.pk}/check-in/{door_code(training)}/")
    seller.get_by_role("button", name="Tôi có mặt").click()
    expect(seller.get_by_text("Chị đã điểm danh. Chúc chị học tốt!")).to_be_visible()
    registration = TrainingRegistration.objects.get(training=training, user=owner_of(learner), status="registered")
    assert registration.check_in_method == "door"

    # Her contest entry, from "Cùng Hội"
    ContestEntry.objects.filter(producer=learner).delete()
    seller.goto(f"{base}/seller/union/")
    seller.get_by_role("button", name="Đăng ký dự thi").first.click()
    expect(seller.get_by_text(re.compile("Đã đăng ký dự thi"))).to_be_visible()
    assert ContestEntry.objects.filter(producer=learner).exists()

    # A mentor ticks a free-text goal
    unit = UnionUnit.objects.get(level=1, province_code=1)
    today = timezone.localdate()
    pair = MentoringPair.objects.create(unit=unit, mentor=owner_of(mentor_producer), mentee=mentee, focus="photos",
                                        started_on=today, planned_end_on=today + timedelta(days=60))
    goal = PairGoal.objects.create(pair=pair, kind="custom", text="Chụp 10 ảnh nền trắng")
    mentor = new_phone_context().new_page()
    seller_logs_in(mentor, base, mentor_producer, staff_password, f"/seller/mentoring/{pair.pk}/")
    mentor.get_by_role("button", name="Đánh dấu đã đạt").click()
    expect(mentor.locator(".goal-met")).to_contain_text("Chụp 10 ảnh nền trắng")
    goal.refresh_from_db()
    assert goal.met_at is not None

    # A buyer complains about her order from the order's messages page
    order = order_for(mentee, status=Order.Status.SHIPPED)
    buyer = new_phone_context().new_page()
    buyer.goto(f"{base}/orders/{order.token}/messages/")
    buyer.locator("summary", has_text="Gửi khiếu nại tới Hội Phụ nữ").click()
    buyer.get_by_label("Điều gì chưa ổn?").fill("Đã một tuần chưa nhận được hàng, nhắn không ai trả lời.")
    buyer.get_by_role("button", name="Gửi khiếu nại").click()
    expect(buyer.get_by_text(re.compile("Đã gửi khiếu nại"))).to_be_visible()
    assert Complaint.objects.filter(order=order, status="open").exists()
    shot(buyer, "buttons-01-complaint")


def test_the_officer_side_buttons(new_phone_context, storefront, staff_password, shot):
    base = storefront.url
    learner, mentor_producer, mentee, _pick = three_ha_noi_producers()
    training = ha_noi_training("Bán hàng trên Zalo")
    officer = new_phone_context().new_page()
    admin_login(officer, base, "canbo.hanoi", staff_password)

    # A woman who called is registered, checked in, and the mistake undone
    officer.goto(f"{base}/admin/trainings/{training.pk}/")
    officer.get_by_label("Số điện thoại hoặc email của chị em").fill("0" + owner_of(learner).phone.removeprefix("+84"))
    officer.get_by_role("button", name="Đăng ký", exact=True).click()
    registration = TrainingRegistration.objects.get(training=training, user=owner_of(learner))
    row = officer.locator(f"#registration-{registration.pk}")
    row.get_by_role("button", name=re.compile("có mặt$")).click()
    expect(officer.locator(f"#registration-{registration.pk}")).to_contain_text("Có mặt")
    officer.locator(f"#registration-{registration.pk}").get_by_role("button", name="Bỏ điểm danh").click()
    expect(officer.get_by_text(re.compile("Đã bỏ điểm danh"))).to_be_visible()
    registration.refresh_from_db()
    assert registration.checked_in_at is None and registration.registered_by is not None

    # A pair ended early, with a reason
    unit = UnionUnit.objects.get(level=1, province_code=1)
    today = timezone.localdate()
    pair = MentoringPair.objects.create(unit=unit, mentor=owner_of(mentor_producer), mentee=learner, focus="live",
                                        started_on=today, planned_end_on=today + timedelta(days=60))
    officer.goto(f"{base}/admin/mentoring-pairs/{pair.pk}/")
    officer.locator("summary", has_text="Kết thúc cặp này").click()
    officer.get_by_label("Dừng sớm").check()
    officer.get_by_label("Lý do / ghi chú").fill("Chị chuyển sang làm công nhân")
    officer.get_by_role("button", name="Kết thúc", exact=True).click()
    expect(officer.get_by_text("Đã kết thúc cặp kèm cặp.")).to_be_visible()
    pair.refresh_from_db()
    assert pair.status == "ended"

    # A ward's submitted report returned with a reason
    report = UnitReport.objects.filter(status="submitted", unit__level=2, unit__province_code=1).first()
    officer.goto(f"{base}/admin/unit-reports/{report.period_id}/units/{report.unit_id}/")
    officer.locator("summary", has_text="Trả lại báo cáo này").click()
    officer.get_by_label("Lý do trả lại").fill("Bổ sung số hội viên mới")
    officer.get_by_role("button", name="Trả lại", exact=True).click()
    expect(officer.get_by_text(re.compile("Đã trả lại báo cáo"))).to_be_visible()
    report.refresh_from_db()
    assert report.status == "returned"

    # A review hidden, a complaint resolved
    order = order_for(mentee, status=Order.Status.DELIVERED)
    product = order.lines.get().variant.product
    review = Review.objects.create(product=product, order=order, author_name="Lan", stars=1, text="Gọi 0912 000 000")
    officer.goto(f"{base}/admin/reviews/{review.pk}/")
    officer.get_by_label("Lý do ẩn").fill("Có số điện thoại cá nhân")
    officer.get_by_role("button", name="Ẩn đánh giá").click()
    expect(officer.get_by_text("Đã ẩn đánh giá.")).to_be_visible()
    complaint = Complaint.objects.create(order=order, text="Hàng giao thiếu một gói, người bán không trả lời.")
    officer.goto(f"{base}/admin/complaints/{complaint.pk}/")
    officer.get_by_label("Cách giải quyết").fill("Người bán gửi bù một gói.")
    officer.get_by_role("button", name="Ghi cách giải quyết").click()
    expect(officer.get_by_text("Đã ghi cách giải quyết khiếu nại.")).to_be_visible()
    review.refresh_from_db()
    complaint.refresh_from_db()
    assert review.hidden_at is not None and complaint.status == "resolved"
    shot(officer, "buttons-02-officer")
