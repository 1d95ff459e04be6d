from django import template
from django.utils.translation import gettext_lazy as _

from marketplace.delivery.ghn import tracking_url

register = template.Library()

# GHN's order statuses (its callback's "Status"), as the seller reads them.
GHN_STATUS_LABELS = {
    "ready_to_pick": _("Chờ GHN lấy hàng"), "picking": _("GHN đang lấy hàng"), "picked": _("GHN đã lấy hàng"),
    "money_collect_picking": _("GHN đang lấy hàng"), "storing": _("Đã nhập kho GHN"),
    "transporting": _("Đang trung chuyển"), "sorting": _("Đang phân loại"), "delivering": _("Đang giao"),
    "money_collect_delivering": _("Đang giao"), "delivered": _("Đã giao"), "delivery_fail": _("Giao không thành công"),
    "waiting_to_return": _("Chờ trả hàng"), "return": _("Trả hàng về cơ sở"), "return_transporting": _("Đang trả hàng"),
    "return_sorting": _("Đang trả hàng"), "returning": _("Đang trả hàng"), "return_fail": _("Trả hàng không thành công"),
    "returned": _("Đã trả hàng về cơ sở"), "cancel": _("GHN đã huỷ vận đơn"), "exception": _("Có sự cố"),
    "damage": _("Hàng bị hư hỏng"), "lost": _("Hàng thất lạc"),
}


@register.filter
def carrier_tracking_url(order) -> str:
    """GHN's public tracking page for a waybill made through GHN; "" for a hand-typed carrier."""
    if order.carrier == "GHN" and order.tracking_number:
        return tracking_url(order.tracking_number)
    return ""


@register.filter
def ghn_status(status: str) -> str:
    return GHN_STATUS_LABELS.get(status, status)
