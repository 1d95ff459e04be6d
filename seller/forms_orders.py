"""Forms of the seller's orders: the list's filters and the actions that need more than a button."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.money import format_vnd
from marketplace.orders.models import Order
from marketplace.orders.refunds import order_refund_left
from seller.forms import VietnameseMessages

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class OrderFilterForm(forms.Form):
    """GET filters of /seller/orders/; a bad value is reported and that filter left out, never a 500."""

    status = forms.ChoiceField(label=_("Trạng thái"), required=False,
                               choices=[("", _("Tất cả"))] + list(Order.Status.choices))
    date_from = forms.DateField(label=_("Từ ngày"), required=False, input_formats=DATE_FORMATS,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("Đến ngày"), required=False, input_formats=DATE_FORMATS,
                              widget=forms.DateInput(attrs={"type": "date"}))

    def filters(self) -> tuple[dict, list[str]]:
        """The valid filters as keyword arguments of seller_orders, and a message per ignored one."""
        self.is_valid()
        data, problems = self.cleaned_data, []
        if "status" in self.errors:
            problems.append(_("Trạng thái lọc không hợp lệ nên đã bỏ qua."))
        for name in ("date_from", "date_to"):
            if name in self.errors:
                problems.append(_("Ngày “%(value)s” không hợp lệ nên đã bỏ qua; hãy nhập theo dạng 31/12/2025.")
                                % {"value": self.data.get(name, "")[:20]})
        placed_from: date | None = data.get("date_from")
        placed_to: date | None = data.get("date_to")
        if placed_from and placed_to and placed_from > placed_to:
            problems.append(_("“Từ ngày” đứng sau “Đến ngày” nên bộ lọc ngày đã bỏ qua."))
            placed_from = placed_to = None
        return {"status": data.get("status") or "", "placed_from": placed_from, "placed_to": placed_to}, problems


class ShipForm(VietnameseMessages, forms.Form):
    carrier = forms.CharField(label=_("Đơn vị vận chuyển"), max_length=80,
                              help_text=_("Ví dụ: Viettel Post, GHN, Bưu điện."))
    carrier.own_messages = {"required": _("Hãy ghi đơn vị vận chuyển.")}
    tracking_number = forms.CharField(label=_("Mã vận đơn"), max_length=40,
                                      help_text=_("Chữ, số và dấu gạch, ví dụ VTP123456789."))
    tracking_number.own_messages = {"required": _("Hãy ghi mã vận đơn để người mua tra cứu.")}

    def clean_tracking_number(self):
        value = self.cleaned_data["tracking_number"].strip().upper()
        if not re.fullmatch(r"[A-Z0-9][A-Z0-9.\-_/]*", value):
            raise forms.ValidationError(_("Mã vận đơn chỉ gồm chữ không dấu, số và dấu gạch, ví dụ VTP123456789."))
        return value


class CancelForm(VietnameseMessages, forms.Form):
    reason = forms.CharField(label=_("Lý do huỷ"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("Người mua sẽ đọc lý do này."))
    reason.own_messages = {"required": _("Hãy cho người mua biết lý do huỷ đơn.")}


class RefundForm(VietnameseMessages, forms.Form):
    amount = forms.CharField(label=_("Số tiền hoàn (₫)"), max_length=20, widget=forms.TextInput(
        attrs={"inputmode": "numeric"}))
    amount.own_messages = {"required": _("Hãy ghi số tiền hoàn.")}
    reason = forms.CharField(label=_("Lý do hoàn tiền"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    reason.own_messages = {"required": _("Hãy ghi lý do hoàn tiền.")}
    restock = forms.BooleanField(label=_("Hàng đã về lại kho: cộng lại tồn kho"), required=False)

    def __init__(self, *args, order: Order, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.left = order_refund_left(order)  # less than the total once part went back to the card
        if not self.is_bound:
            self.initial["amount"] = self.left

    def clean_amount(self) -> int:
        # "150.000", "150 000" and "150000 ₫" all mean 150000 đồng.
        text = re.sub(r"[\s.,₫đ]", "", self.cleaned_data["amount"], flags=re.IGNORECASE)
        if not text.isascii() or not text.isdigit():
            raise forms.ValidationError(_("Hãy nhập số tiền bằng chữ số, ví dụ 150000."))
        amount = int(text)
        if amount < 1:
            raise forms.ValidationError(_("Số tiền hoàn phải lớn hơn 0 ₫."))
        if amount > self.left and self.left < self.order.total:
            raise forms.ValidationError(_("Đơn này chỉ còn có thể hoàn tối đa %(left)s.")
                                        % {"left": format_vnd(self.left)})
        if amount > self.order.total:
            raise forms.ValidationError(_("Số tiền hoàn không thể lớn hơn tổng đơn (%(total)s).")
                                        % {"total": format_vnd(self.order.total)})
        return amount
