"""The union-work journey of issue #10, in Chromium at 360 px: an officer creates a training; a seller
registers in the seller centre; the officer checks her in by scanning her code and she opens her
certificate; the officer pairs a mentor with a mentee on the goal "first order"; the mentor logs a
meeting; the mentee receives an order and the goal shows as met on both sides."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.orders.models import Order
from producers.models import Producer, ProducerMember
from programmes.check_in_codes import ticket_code
from programmes.models import MentoringPair, Training, TrainingRegistration
from tests.e2e.test_checkout_journey import Pick, add_to_cart, fill_checkout, open_cart_and_go_to_checkout
from tests.e2e.test_livestream_journey import seller_logs_in
from tests.e2e.test_producer_onboarding import admin_login

pytestmark = pytest.mark.e2e

TITLE = "Tập huấn: bán hàng an toàn trên mạng"
ADMIN_TIME = "%Y-%m-%d %H:%M"
HA_NOI = 1


def three_ha_noi_producers() -> tuple[Producer, Producer, Producer, Pick]:
    """A learner, a mentor and a mentee, all verified in Hà Nội; the mentee sells a product in stock and has
    taken no order today (so her "first order" goal starts unmet)."""
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    busy = set(Order.objects.filter(placed_at__gte=today).values_list("producer_id", flat=True))
    owned = set(ProducerMember.objects.filter(role="owner").values_list("producer_id", flat=True))
    producers = [p for p in Producer.objects.filter(province_code=HA_NOI, verification_status="verified",
                                                    union_unit__isnull=False).order_by("pk") if p.pk in owned]
    for mentee in producers:
        if mentee.pk in busy:
            continue
        variant = (ProductVariant.objects.filter(product__in=products_visible(), product__producer=mentee,
                                                 stock__gte=3).select_related("product").first())
        if variant is None:
            continue
        others = [p for p in producers if p != mentee]
        if len(others) >= 2:
            product = variant.product
            return others[0], others[1], mentee, Pick(variant.name, product.name, product.get_absolute_url(),
                                                      mentee.pk, mentee.name)
    pytest.fail("the demo data has no three verified Hà Nội producers with a free mentee")


def owner_of(producer):
    return ProducerMember.objects.get(producer=producer, role="owner").user


def test_training_check_in_certificate_and_a_mentoring_goal_met_by_a_real_order(
    new_phone_context, storefront, staff_password, shot
):
    base = storefront.url
    learner, mentor_producer, mentee, pick = three_ha_noi_producers()
    mentor = owner_of(mentor_producer)
    officer = new_phone_context().new_page()

    # An officer of Hà Nội creates a training that starts in a quarter of an hour
    admin_login(officer, base, "canbo.hanoi", staff_password)
    officer.goto(f"{base}/admin/trainings/new/")
    starts = timezone.localtime() + timedelta(minutes=15)
    officer.get_by_label("Tên lớp").fill(TITLE)
    officer.get_by_label("Chủ đề").select_option(label="Phòng chống lừa đảo trực tuyến")
    officer.get_by_label("Đơn vị tổ chức").select_option(label="Hội LHPN Hà Nội")
    officer.get_by_label("Giảng viên").fill("Chị Nguyễn Thu Trang")
    officer.get_by_label("Bắt đầu lúc").fill(starts.strftime(ADMIN_TIME))
    officer.get_by_label("Kết thúc lúc").fill((starts + timedelta(hours=3)).strftime(ADMIN_TIME))
    officer.keyboard.press("Escape")
    officer.get_by_role("textbox", name="Địa điểm", exact=True).fill("Hội trường Hội LHPN Hà Nội")
    officer.get_by_label("Số chỗ").fill("30")
    shot(officer, "union-01-training-form")
    officer.get_by_role("button", name="Lưu", exact=True).click()
    training = Training.objects.get(title=TITLE)
    expect(officer).to_have_url(f"{base}/admin/trainings/{training.pk}/")

    # A seller of Hà Nội registers in the seller centre
    seller = new_phone_context().new_page()
    seller_logs_in(seller, base, learner, staff_password, "/seller/union/")
    seller.get_by_role("link", name=re.compile(TITLE)).click()
    seller.get_by_role("button", name="Đăng ký tham gia").click()
    expect(seller.get_by_text("Chị đã đăng ký lớp")).to_be_visible()
    expect(seller.locator(".ticket svg")).to_be_visible()
    shot(seller, "union-02-registered-ticket")
    registration = TrainingRegistration.objects.get(training=training, user=owner_of(learner))

    # The officer scans her code with the phone (the code is the URL below) and confirms she is present
    officer.goto(f"{base}/admin/trainings/ticket/{ticket_code(registration)}/")
    expect(officer.get_by_text(learner.name)).to_be_visible()
    shot(officer, "union-03-ticket-scanned")
    officer.get_by_role("button", name="Xác nhận có mặt").click()
    expect(officer).to_have_url(re.compile(rf"/admin/trainings/{training.pk}/"))
    expect(officer.locator(f"#registration-{registration.pk}")).to_contain_text("Có mặt")
    shot(officer, "union-04-check-in-list")

    # She opens her certificate of attendance
    seller.reload()
    seller.get_by_role("link", name="Xem chứng nhận tham dự").click()
    expect(seller.get_by_role("heading", level=1)).to_have_text("Chứng nhận tham dự tập huấn")
    registration.refresh_from_db()
    expect(seller.locator(".cert-code")).to_contain_text(registration.certificate_code)
    shot(seller, "union-05-certificate")

    # The officer pairs a mentor and a mentee with the goal "first order"
    officer.goto(f"{base}/admin/mentoring-pairs/new/")
    officer.get_by_label("Đơn vị Hội").select_option(label="Hội LHPN Hà Nội")
    officer.get_by_label(re.compile("Người kèm cặp")).fill("0" + mentor.phone.removeprefix("+84"))
    officer.get_by_role("button", name="Chọn cơ sở", exact=True).click()
    modal = officer.locator(".modal")
    modal.get_by_role("textbox").first.fill(mentee.name)
    modal.get_by_role("link", name=mentee.name).click()
    expect(officer.locator("[data-chooser-title]").first).to_contain_text(mentee.name)
    officer.get_by_label("Nội dung kèm cặp").select_option(label="Ghi chép sổ sách")
    officer.get_by_role("button", name="Thêm Mục tiêu").click()
    officer.get_by_role("combobox", name="Mục tiêu").select_option(label="Có đơn hàng đầu tiên")
    shot(officer, "union-06-pair-form")
    officer.get_by_role("button", name="Lưu", exact=True).click()
    pair = MentoringPair.objects.get(mentee=mentee, focus="books")
    expect(officer).to_have_url(f"{base}/admin/mentoring-pairs/{pair.pk}/")
    expect(officer.locator(".goal")).to_contain_text("Chưa đạt")

    # The mentor logs a meeting from her phone
    mentor_page = new_phone_context().new_page()
    seller_logs_in(mentor_page, base, mentor_producer, staff_password, "/seller/union/")
    mentor_page.get_by_role("link", name=re.compile(f"Chị đang kèm cặp: {re.escape(mentee.name)}")).click()
    mentor_page.get_by_label("Zalo").check()
    mentor_page.get_by_label("Nội dung trao đổi").fill("Cách trả lời khách hỏi giá qua tin nhắn")
    mentor_page.get_by_label("Việc tiếp theo").fill("Ghi sổ các đơn trong tuần")
    mentor_page.get_by_role("button", name="Lưu buổi gặp").click()
    expect(mentor_page.get_by_text("Đã ghi buổi gặp")).to_be_visible()
    expect(mentor_page.locator(".goal")).to_contain_text("Chưa đạt")
    shot(mentor_page, "union-07-mentor-logged")
    assert pair.sessions.get().channel == "zalo"

    # The mentee receives an order from a buyer on the storefront
    buyer = new_phone_context().new_page()
    add_to_cart(buyer, base, pick, 1, 1)
    open_cart_and_go_to_checkout(buyer, base, [pick], shot, "union-08-cart")
    fill_checkout(buyer, "Thanh toán khi nhận hàng", shot, "union-09-checkout")

    # The goal shows as met for the mentee and for the mentor
    mentee_page = new_phone_context().new_page()
    seller_logs_in(mentee_page, base, mentee, staff_password, "/seller/union/")
    expect(mentee_page.get_by_text("1/1 mục tiêu đã đạt")).to_be_visible()
    mentee_page.get_by_role("link", name=re.compile("Người kèm cặp chị")).click()
    expect(mentee_page.locator(".goal")).to_contain_text("Đã đạt ngày")
    shot(mentee_page, "union-10-mentee-goal-met")
    mentor_page.reload()
    expect(mentor_page.locator(".goal")).to_contain_text("Đã đạt ngày")
    officer.reload()
    expect(officer.locator(".goal")).to_contain_text("Đã đạt")
