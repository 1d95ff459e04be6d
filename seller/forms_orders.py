"""Forms of the seller's orders: the list's filters and the actions that need more than a button."""

import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.forms import VietnameseMessages
from marketplace.orders.models import Order

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
