"""The livestream journey of issue #5, in Chromium at 360 px: a seller schedules a session with two pinned
products and a live price; a buyer subscribes and is reminded; the seller goes live; the buyer sees the
banner and buys at the live price; the seller records a comment order by its code; after the end the
live price no longer applies; the session's figures count both orders."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.db.models import Q
from django.utils import timezone
from playwright.sync_api import expect

from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.core.money import format_vnd
from marketplace.livestreams.models import LiveSession, PinnedProduct
from marketplace.livestreams.reminders import live_tick
from marketplace.orders.models import Order
from producers.models import Producer, ProducerMember
from tests.e2e.test_checkout_journey import BUYER, CHECKOUT_DONE

pytestmark = pytest.mark.e2e

TITLE = "Live thử: chốt đơn cuối tuần"
BUYER_EMAIL = "mai.e2e@example.vn"
LOCAL = "%Y-%m-%dT%H:%M"


def quiet_producer_and_two_variants():
    """A verified producer with no session of her own and two products in stock that no session pins."""
    busy = LiveSession.objects.filter(state__in=["scheduled", "live"])
    busy_ids = set(busy.values_list("host_id", flat=True)) | set(busy.values_list("co_hosts", flat=True))
    pinned = set(PinnedProduct.objects.values_list("variant__product_id", flat=True))
    for producer in Producer.objects.filter(verification_status=Producer.Verification.VERIFIED).order_by("pk"):
        if producer.pk in busy_ids:
            continue
        variants, products = [], set()
        candidates = (
            ProductVariant.objects.filter(product__in=products_visible(), product__producer=producer, stock__gte=10,
                                          price__gte=20_000)
            .exclude(Q(product_id__in=pinned)).select_related("product").order_by("product_id", "sort_order")
        )
        for variant in candidates:
            if variant.product_id not in products:
                products.add(variant.product_id)
                variants.append(variant)
        if len(variants) >= 2:
            return producer, variants[:2]
    pytest.fail("the demo data has no producer free to schedule a live session")


def seller_logs_in(page, base: str, producer: Producer, password: str, next_path: str) -> None:
    owner = ProducerMember.objects.get(producer=producer, role=ProducerMember.Role.OWNER).user
    page.goto(base + next_path)
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Số điện thoại hoặc email").fill("0" + owner.phone.removeprefix("+84"))
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(base + next_path)


def live_price_of(variant: ProductVariant) -> int:
    return (variant.price * 8 // 10) // 1000 * 1000  # 20 % off, in whole thousands


def test_schedule_remind_go_live_sell_at_live_price_take_a_comment_order_and_count_them(
    new_phone_context, storefront, staff_password, shot, django_capture_on_commit_callbacks
):
    base = storefront.url
    producer, (first, second) = quiet_producer_and_two_variants()
    live_price = live_price_of(first)
    seller = new_phone_context().new_page()
    buyer = new_phone_context().new_page()
    mail.outbox.clear()

    # Given a verified seller who schedules a session on YouTube in 20 minutes
    seller_logs_in(seller, base, producer, staff_password, "/seller/live/new/")
    start = timezone.localtime() + timedelta(minutes=20)
    seller.get_by_label("Tiêu đề").fill(TITLE)
    seller.get_by_label("Nền tảng").select_option(label="YouTube")
    seller.get_by_label("Đường dẫn buổi live").fill("https://www.youtube.com/watch?v=e2eLive0001")
    seller.get_by_label("Bắt đầu lúc").fill(start.strftime(LOCAL))
    seller.get_by_label("Kết thúc lúc (dự kiến)").fill((start + timedelta(hours=1)).strftime(LOCAL))
    shot(seller, "live-01-schedule")
    seller.get_by_role("button", name="Hẹn lịch").click()
    session = LiveSession.objects.get(title=TITLE)
    expect(seller).to_have_url(re.compile(rf"/seller/live/{session.pk}/"))

    # And pins two products, the first at a live price
    seller.goto(f"{base}/seller/live/{session.pk}/products/")
    for variant, price in ((first, live_price), (second, None)):
        seller.get_by_label("Sản phẩm", exact=True).select_option(value=str(variant.pk))
        if price:
            seller.get_by_label("Giá live (₫, không bắt buộc)").first.fill(str(price))
        seller.get_by_role("button", name="Ghim sản phẩm").click()
    expect(seller.get_by_text("A2", exact=True).first).to_be_visible()
    shot(seller, "live-02-pins")
    assert list(session.pins.values_list("code", "variant_id", "live_price")) == [
        ("A1", first.pk, live_price), ("A2", second.pk, None)]

    # When a guest asks to be reminded and confirms her address from the email
    buyer.goto(f"{base}/live/{session.pk}/")
    expect(buyer.get_by_role("heading", level=1)).to_have_text(TITLE)
    buyer.get_by_label("Email nhận nhắc").fill(BUYER_EMAIL)
    # (the server shares the test's transaction, which never commits: emails queued "on commit" are
    # sent when each block below ends, as a real commit would send them)
    with django_capture_on_commit_callbacks(execute=True):
        buyer.get_by_role("button", name="Nhắc tôi").click()
        expect(buyer.get_by_text(re.compile("Gần xong! Hãy mở thư"))).to_be_visible()
    confirm = next(message for message in mail.outbox if BUYER_EMAIL in message.to)
    link = re.search(r"https?://\S+/live/remind/confirm/\S+/", confirm.body).group(0)
    buyer.goto(base + link[link.index("/live/"):])
    buyer.get_by_role("button", name="Xác nhận nhận nhắc").click()
    expect(buyer.get_by_text(re.compile("Đã bật nhắc|Đã xác nhận"))).to_be_visible()
    shot(buyer, "live-03-subscribed")

    # Then beat sends her the "starting soon" reminder, once
    live_tick()
    live_tick()
    soon = [message for message in mail.outbox if BUYER_EMAIL in message.to and message.subject.startswith("Sắp live")]
    assert len(soon) == 1 and TITLE in soon[0].subject
    assert "/live/remind/unsubscribe/" in soon[0].body

    # When the seller goes live
    seller.goto(f"{base}/seller/live/{session.pk}/")
    with django_capture_on_commit_callbacks(execute=True):
        seller.get_by_role("button", name="Bắt đầu live").click()
        expect(seller.get_by_role("link", name="Chốt đơn").first).to_be_visible()
    assert [m.subject for m in mail.outbox if BUYER_EMAIL in m.to and m.subject.startswith("Đang live")]

    # Then the buyer sees the live banner on the home page and on the pinned product's page
    buyer.goto(base + "/")
    expect(buyer.locator(".live-banner").first).to_be_visible()
    buyer.goto(base + first.product.get_absolute_url())
    offer_banner = buyer.locator(".live-offer-banner")
    expect(offer_banner).to_contain_text(format_vnd(live_price))
    expect(offer_banner).to_contain_text(TITLE)
    shot(buyer, "live-04-product-banner")

    # And buys A1 at the live price from the session page, cash on delivery
    buyer.goto(f"{base}/live/{session.pk}/")
    expect(buyer.locator("[data-lazy-embed]")).to_have_count(1)  # YouTube's player, loaded only on tap
    buyer.get_by_role("button", name=re.compile(r"^Thêm vào giỏ A1")).click()
    expect(buyer.locator("[data-cart-count]")).to_have_text("1")
    buyer.goto(f"{base}/cart/")
    expect(buyer.locator(".cart-line").first).to_contain_text(format_vnd(live_price))
    buyer.get_by_role("link", name="Đặt hàng").click()
    buyer.get_by_label("Họ tên người nhận").fill(BUYER["name"])
    buyer.get_by_label("Số điện thoại").fill(BUYER["phone"])
    buyer.get_by_label("Tỉnh/thành phố").select_option(label=BUYER["province"])
    buyer.get_by_role("button", name="Chọn tỉnh").click()
    buyer.get_by_label("Phường/xã/đặc khu").select_option(label=BUYER["ward"])
    buyer.get_by_label("Số nhà, đường, thôn/xóm").fill(BUYER["street"])
    buyer.get_by_role("radio", name="Thanh toán khi nhận hàng").check()
    buyer.get_by_role("button", name="Đặt hàng").click()
    expect(buyer).to_have_url(CHECKOUT_DONE)
    web_order = Order.objects.get(checkout__reference=CHECKOUT_DONE.search(buyer.url).group(1))
    assert web_order.lines.get().unit_price == live_price
    assert web_order.live_session_id == session.pk

    # When the seller records a comment order by its code, keyboard only
    seller.goto(f"{base}/seller/live/{session.pk}/quick/")
    expect(seller.get_by_label("Tên người mua")).to_be_focused()
    seller.keyboard.type("Lê Thị Hoa")
    seller.keyboard.press("Tab")
    seller.keyboard.type("0987 654 321")
    seller.keyboard.press("Tab")
    seller.keyboard.type("a1")
    seller.keyboard.press("Tab")
    seller.keyboard.press("Control+A")
    seller.keyboard.type("2")
    seller.get_by_label("Địa chỉ giao hàng").fill("Số 5 ngõ 10 Nguyễn Trãi, Thanh Xuân, Hà Nội")
    seller.get_by_label("Địa chỉ giao hàng").press("Enter")
    expect(seller.get_by_text(re.compile(r"Đã chốt đơn CPN-"))).to_be_visible()
    expect(seller.get_by_label("Tên người mua")).to_be_focused()
    shot(seller, "live-05-quick-order")
    quick = Order.objects.get(live_session=session, source=Order.Source.LIVE)
    assert (quick.lines.get().unit_price, quick.lines.get().quantity) == (live_price, 2)
    assert quick.checkout.payment_method == "cod"

    # And ends the session; once the grace is over the live price no longer applies
    seller.goto(f"{base}/seller/live/{session.pk}/")
    seller.get_by_role("button", name="Kết thúc").click()
    session.refresh_from_db()
    assert session.state == LiveSession.State.ENDED
    LiveSession.objects.filter(pk=session.pk).update(ended_at=timezone.now() - timedelta(minutes=16))
    buyer.goto(base + first.product.get_absolute_url())
    expect(buyer.locator(".live-offer-banner")).to_have_count(0)
    buyer.goto(f"{base}/live/{session.pk}/")
    buyer.get_by_role("button", name=re.compile(r"^Thêm vào giỏ A1")).click()
    expect(buyer.locator("[data-cart-count]")).to_have_text("1")
    buyer.goto(f"{base}/cart/")
    expect(buyer.locator(".cart-line").first).to_contain_text(format_vnd(first.price))
    shot(buyer, "live-06-cart-after-end")

    # Then the figures show both orders
    seller.goto(f"{base}/seller/live/{session.pk}/figures/")
    figures = seller.locator(".sl-figures")
    expect(figures).to_contain_text("2 đơn")
    expect(figures).to_contain_text("3 sản phẩm")
    expect(figures).to_contain_text(format_vnd(3 * live_price))
    shot(seller, "live-07-figures")
