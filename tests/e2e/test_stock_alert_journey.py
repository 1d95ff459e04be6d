"""Back-in-stock alerts of issue #12, in Chromium at 360 px: a buyer leaves her email on a sold-out variant;
when the seller puts stock back, the email goes out once."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from marketplace.catalogue.models import ProductVariant
from marketplace.catalogue.selectors import products_visible
from marketplace.catalogue.services import stock_adjust

pytestmark = pytest.mark.e2e


def test_a_sold_out_variants_alert_is_sent_when_stock_returns(new_phone_context, storefront, shot,
                                                               django_capture_on_commit_callbacks):
    base = storefront.url
    variant = (ProductVariant.objects.filter(product__in=products_visible()).select_related("product")
               .order_by("-pk").first())
    ProductVariant.objects.filter(pk=variant.pk).update(stock=0)
    variant.refresh_from_db()
    mail.outbox.clear()

    page = new_phone_context().new_page()
    page.goto(base + variant.product.get_absolute_url())
    alert = page.locator("#stock-alert")
    if not alert.evaluate("details => details.open"):
        alert.locator("summary").click()
    if alert.locator("select").count():
        alert.locator("select").select_option(value=str(variant.pk))
    alert.get_by_label("Email của bạn").fill("thu.e2e@example.vn")
    shot(page, "stock-alert-01-form")
    alert.get_by_role("button", name="Báo tôi").click()
    expect(page.get_by_text(re.compile("chúng tôi sẽ gửi thư tới thu.e2e@example.vn"))).to_be_visible()

    with django_capture_on_commit_callbacks(execute=True):
        stock_adjust(variant=variant, delta=10, reason="Nhập hàng", by=None)
    assert [message.to for message in mail.outbox] == [["thu.e2e@example.vn"]]
    assert variant.product.name in mail.outbox[0].subject
