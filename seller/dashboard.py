"""/seller/: where she stands with the union, what to do next, what staff asked for, what runs low."""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from producers.models import Producer
from producers.services.verification import check_can_submit
from seller import selectors, selectors_orders
from seller.access import seller_required
from seller.live.selectors import next_session


@dataclass
class NextStep:
    text: str
    url: str
    action: str


def next_step(producer: Producer, product_count: int) -> NextStep:
    """One plain sentence and one button: the single most useful thing to do now."""
    status = producer.verification_status
    if status == Producer.Verification.SUBMITTED:
        return NextStep(_("Hội đang xem hồ sơ của chị. Chị sẽ nhận tin khi có kết quả; trong lúc chờ, "
                          "hãy đăng sẵn sản phẩm."), reverse("seller:product_create"), _("Đăng sản phẩm"))
    if status == Producer.Verification.VERIFIED:
        if product_count == 0:
            return NextStep(_("Hồ sơ đã được xác minh. Hãy đăng sản phẩm đầu tiên."),
                            reverse("seller:product_create"), _("Đăng sản phẩm"))
        return NextStep(_("Gian hàng đang mở. Thêm sản phẩm hoặc cập nhật tồn kho khi có hàng mới."),
                        reverse("seller:products"), _("Xem sản phẩm"))
    missing = check_can_submit(producer)
    if not missing:
        return NextStep(_("Hồ sơ đã đủ. Hãy gửi để Hội xác minh."), reverse("seller:verification"),
                        _("Gửi xác minh"))
    # check_can_submit lists profile gaps ("Thiếu: …") before documents ("Cần tải lên …").
    first = missing[0]
    gap = _("Thiếu:")
    if first.startswith(gap):
        return NextStep(_("Bổ sung hồ sơ: %(item)s.") % {"item": first.removeprefix(gap).strip(" .")},
                        reverse("seller:profile"), _("Sửa hồ sơ"))
    action = first.removeprefix(_("Cần ")).strip()
    return NextStep(action[:1].upper() + action[1:], reverse("seller:verification"), _("Tải giấy tờ lên"))


@seller_required
def dashboard(request, producer):
    counts = selectors.product_counts(producer)
    return render(request, "seller/dashboard.html", {
        "producer": producer,
        "step": next_step(producer, counts["total"]),
        "staff_request": selectors.staff_request(producer),
        "staff_hidden": selectors.staff_hidden_products(producer),
        "low_stock": selectors.low_stock_products(producer)[:20],
        "low_stock_limit": selectors.LOW_STOCK,
        "counts": counts,
        "order_counts": selectors_orders.order_counts(producer),
        "next_live": next_session(producer),
    })
