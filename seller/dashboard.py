"""/seller/: today's tasks on the first screen, then where she stands with the union, what staff asked
for, her products and what runs low; her own purchases as a buyer apart, at the end."""

from dataclasses import dataclass

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.payments.bank_transfers.models import BankTransfer
from marketplace.payments.bank_transfers.selectors import transfers_of_producer
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


@dataclass
class Task:
    text: str
    url: str
    count: int | None = None
    action: str = ""  # a button of its own (live now: "Chốt đơn"); otherwise the whole row is the link
    badge: str = ""


def todays_tasks(*, producer, order_counts, live, staff_request, staff_hidden, low_stock, step,
                 unmatched_transfers=0) -> list[Task]:
    """What waits for her, most urgent first: buyers watching a live, then money, then parcels."""
    orders = reverse("seller:orders")
    tasks = []
    if live is not None and live.state == live.State.LIVE:
        tasks.append(Task(live.title, reverse("seller_live:quick", args=[live.pk]), action=_("Chốt đơn"),
                          badge=_("Đang live")))
    if n := order_counts["awaiting_payment"]:
        tasks.append(Task(ngettext("chuyển khoản cần xác nhận", "chuyển khoản cần xác nhận", n),
                          f"{orders}?status=pending_payment", n))
    if n := unmatched_transfers:
        tasks.append(Task(ngettext("chuyển khoản chưa khớp với đơn nào", "chuyển khoản chưa khớp với đơn nào", n),
                          reverse("seller:bank_transfers"), n))
    if n := order_counts["new"]:
        tasks.append(Task(ngettext("đơn mới cần đóng gói", "đơn mới cần đóng gói", n), f"{orders}?status=confirmed", n))
    if n := order_counts["to_ship"]:
        tasks.append(Task(ngettext("đơn đã đóng gói, cần gửi đi", "đơn đã đóng gói, cần gửi đi", n),
                          f"{orders}?status=packed", n))
    if staff_request is not None:
        tasks.append(Task(_("Hội nhắn chị về hồ sơ"), "#asked-heading"))
    if n := len(staff_hidden):
        tasks.append(Task(ngettext("sản phẩm bị Hội ẩn", "sản phẩm bị Hội ẩn", n), "#asked-heading", n))
    if n := len(low_stock):
        tasks.append(Task(ngettext("sản phẩm sắp hết hàng", "sản phẩm sắp hết hàng", n), "#low-heading", n))
    if producer.verification_status != producer.Verification.VERIFIED or step.url == reverse("seller:product_create"):
        tasks.append(Task(step.text, step.url, action=step.action))
    return tasks


def given_name(user) -> str:
    """Vietnamese names end with the name people are called by: "Đinh Thị Diệp" → "Diệp"."""
    words = (user.first_name or "").split()
    return words[-1] if words else ""


def unmatched_transfer_count(producer) -> int:
    return transfers_of_producer(producer).filter(status=BankTransfer.Status.UNMATCHED).count()


@seller_required
def dashboard(request, producer):
    counts = selectors.product_counts(producer)
    step = next_step(producer, counts["total"])
    order_counts = selectors_orders.order_counts(producer)
    live = next_session(producer)
    staff_request = selectors.staff_request(producer)
    staff_hidden = list(selectors.staff_hidden_products(producer))
    low_stock = list(selectors.low_stock_products(producer)[:20])
    return render(request, "seller/dashboard.html", {
        "producer": producer,
        "given_name": given_name(request.user),
        "step": step,
        "tasks": todays_tasks(producer=producer, order_counts=order_counts, live=live, staff_request=staff_request,
                              staff_hidden=staff_hidden, low_stock=low_stock, step=step,
                              unmatched_transfers=unmatched_transfer_count(producer)),
        "staff_request": staff_request,
        "staff_hidden": staff_hidden,
        "low_stock": low_stock,
        "low_stock_limit": selectors.LOW_STOCK,
        "counts": counts,
        "order_counts": order_counts,
        "next_live": live,
        "purchases": selectors_orders.purchases_in_progress(request.user),
    })
