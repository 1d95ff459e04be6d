"""A newly verified seller, on a 360 × 780 phone, sees her greeting and today's task on the first screen,
lists a product from the phone form (name, a photo from the camera, price typed as 450000 and shown as
450.000 ₫, stock, category) in well under two minutes of typing, and finds it on sale in her list; without
JavaScript a plain number still works."""

import re
import time

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from marketplace.accounts.phone import normalise_phone
from marketplace.catalogue.models import Category, Product
from marketplace.catalogue.selectors import products_visible
from producers.models import Producer, ProducerMember
from tests.e2e.test_producer_onboarding import jpeg_bytes, unused_phone
from tests.factories import ProducerFactory
from tests.factories_producers import PASSWORD, member_of

pytestmark = pytest.mark.e2e

PHONE_SCREEN = {"width": 360, "height": 780}
PRODUCT_NAME = "Bình gốm men lam vẽ tay"
KEYSTROKE_MS = 150  # a woman typing on a cheap phone, not a robot
TWO_MINUTES = 120


@pytest.fixture
def new_seller(storefront):
    producer = ProducerFactory(
        name="Hộ kinh doanh Gốm Thanh Hà", slug="ho-kinh-doanh-gom-thanh-ha-e2e", kind=Producer.Kind.HOUSEHOLD
    )
    assert producer.verification_status == Producer.Verification.VERIFIED
    phone = unused_phone()
    member_of(
        producer,
        role=ProducerMember.Role.OWNER,
        username="gom-thanh-ha-e2e",
        phone=normalise_phone(phone),
        first_name="Lê Thị Hạnh",
    )
    return producer, phone


def logs_in(page, base: str, phone: str) -> None:
    page.goto(f"{base}/seller/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    page.get_by_label("Số điện thoại hoặc email").fill(phone)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page).to_have_url(f"{base}/seller/")


def on_first_screen(locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE_SCREEN["height"]


def serious_axe_violations(page) -> list[str]:
    violations = Axe().run(page).response["violations"]
    return [
        f"{v['id']}: {v['help']} {[node['target'] for node in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]


def leaf_category() -> Category:
    leaves = Category.objects.filter(numchild=0).order_by("path")
    return leaves.filter(name__icontains="gốm").first() or leaves.first()


def test_a_new_seller_lists_a_product_from_her_phone_in_under_two_minutes(
    new_phone_context, storefront, new_seller, tmp_path, shot
):
    producer, phone = new_seller
    base = storefront.url
    page = new_phone_context(viewport=PHONE_SCREEN, has_touch=True, is_mobile=True).new_page()
    logs_in(page, base, phone)

    # The greeting and today's task are on the first screen, without scrolling
    greeting = page.get_by_role("heading", level=1)
    expect(greeting).to_have_text("Chào chị Hạnh!")
    task = page.locator(".dash-tasks .task").first
    expect(task).to_contain_text("Hãy đăng sản phẩm đầu tiên.")
    assert on_first_screen(greeting) and on_first_screen(task.get_by_role("link", name="Đăng sản phẩm"))
    shot(page, "seller-phone-01-dashboard")
    assert not serious_axe_violations(page)
    task.get_by_role("link", name="Đăng sản phẩm").click()
    expect(page).to_have_url(f"{base}/seller/products/new/")

    photo = tmp_path / "binh-gom.jpg"
    photo.write_bytes(jpeg_bytes("#2a4d8f"))
    started = time.monotonic()
    page.get_by_label("Tên sản phẩm").press_sequentially(PRODUCT_NAME, delay=KEYSTROKE_MS)
    page.locator("#photos-camera").set_input_files(photo)  # the camera's picture
    first_step = page.locator(".product-form > fieldset").first  # the folded part has price boxes too
    price = first_step.get_by_label("Giá bán", exact=True)
    price.press_sequentially("450000", delay=KEYSTROKE_MS)
    expect(price).to_have_value("450.000 ₫")  # grouped as she types
    stock = first_step.get_by_label("Số lượng có sẵn")
    stock.select_text()
    stock.press_sequentially("12", delay=KEYSTROKE_MS)
    page.get_by_label("Danh mục").select_option(value=str(leaf_category().pk))
    shot(page, "seller-phone-02-form")
    page.get_by_role("button", name="Lưu", exact=True).click()  # the save button at the top
    expect(page.get_by_text(f"Đã lưu sản phẩm “{PRODUCT_NAME}”")).to_be_visible()
    elapsed = time.monotonic() - started
    assert elapsed < TWO_MINUTES, f"listing a product took {elapsed:.0f} s of typing"

    # On sale at once (her shop is verified), in her list, with its photo, price and stock
    product = Product.objects.get(producer=producer, name=PRODUCT_NAME)
    expect(page).to_have_url(f"{base}/seller/products/#product-{product.pk}")
    item = page.locator(f"#product-{product.pk}")
    expect(item).to_contain_text("Đang bán")
    expect(item).to_contain_text("450.000 ₫")
    expect(item).to_contain_text("còn 12")
    expect(item.locator("img.photo-thumb-small")).to_be_visible()
    assert product.status == Product.Status.PUBLISHED and product.images.count() == 1
    assert products_visible().filter(pk=product.pk).exists()
    shot(page, "seller-phone-03-list")

    # The list: one main action, the rest in a menu where "Xoá" is last, away from "Ẩn"
    item.locator(".more-menu > summary").click()
    menu = item.locator(".more-menu li")
    expect(menu.last).to_have_text("Xoá sản phẩm")
    expect(menu.nth(menu.count() - 2)).not_to_contain_text("Ẩn")
    shot(page, "seller-phone-04-menu")
    assert not serious_axe_violations(page)


def test_without_javascript_a_plain_price_still_lists_the_product(new_phone_context, storefront, new_seller):
    producer, phone = new_seller
    base = storefront.url
    page = new_phone_context(viewport=PHONE_SCREEN, java_script_enabled=False).new_page()
    logs_in(page, base, phone)
    page.goto(f"{base}/seller/products/new/")
    page.get_by_label("Tên sản phẩm").fill("Đĩa gốm men rạn")
    first_step = page.locator(".product-form > fieldset").first
    first_step.get_by_label("Giá bán", exact=True).fill("135000")
    first_step.get_by_label("Số lượng có sẵn").fill("4")
    page.get_by_label("Danh mục").select_option(value=str(leaf_category().pk))
    page.get_by_role("button", name="Lưu sản phẩm").click()  # the one at the bottom
    expect(page.get_by_text("Đã lưu sản phẩm “Đĩa gốm men rạn”")).to_be_visible()
    variant = Product.objects.get(producer=producer, name="Đĩa gốm men rạn").variants.get()
    assert (variant.name, variant.price, variant.stock) == ("Tiêu chuẩn", 135_000, 4)
