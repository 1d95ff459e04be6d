"""The checkout form (contact, address: province, then ward without JavaScript, and payment method) and the
refund form that sellers and staff share.

Only what the buyer is asked lives here: what she buys comes from the session cart, prices and totals
from the database (placement.order_place checks everything again).
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.phone import PhoneNumberField
from marketplace.core.forms import QuickSelect, VietnameseMessages, chosen_province, reloaded_for_province
from marketplace.core.geography import province_choices, ward_choices
from marketplace.core.money import format_vnd
from marketplace.orders.models import Order


class CheckoutForm(VietnameseMessages, forms.Form):
    contact_name = forms.CharField(label=_("Họ tên người nhận"), max_length=120,
                                   widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = PhoneNumberField(label=_("Số điện thoại"), help_text=_("Người giao hàng gọi số này, ví dụ 0912 345 678."))
    email = forms.EmailField(label=_("Email (không bắt buộc)"), required=False,
                             help_text=_("Để nhận thư báo tình trạng đơn hàng."))
    email.own_messages = {"invalid": _("Email này chưa đúng, ví dụ: ten@gmail.com.")}
    province_code = forms.TypedChoiceField(label=_("Tỉnh/thành phố"), coerce=int, widget=QuickSelect)
    ward_code = forms.TypedChoiceField(
        label=_("Phường/xã/đặc khu"), coerce=int, empty_value=None, widget=QuickSelect,
        help_text=_("Chưa thấy phường/xã của mình? Chọn tỉnh rồi bấm “Chọn tỉnh” để tải danh sách."),
    )
    ward_code.own_messages = {"invalid_choice": _("Phường/xã này không thuộc tỉnh/thành phố đã chọn.")}
    street = forms.CharField(label=_("Số nhà, đường, thôn/xóm"), max_length=255,
                             widget=forms.TextInput(attrs={"autocomplete": "address-line1"}))
    delivery_note = forms.CharField(label=_("Ghi chú giao hàng (không bắt buộc)"), required=False, max_length=1000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    payment_method = forms.ChoiceField(label=_("Cách thanh toán"), widget=forms.RadioSelect)
    payment_method.own_messages = {
        "required": _("Hãy chọn cách thanh toán."),
        "invalid_choice": _("Cách thanh toán này hiện không dùng được cho giỏ hàng của bạn. Hãy chọn cách khác."),
    }
    province_reloaded = False  # set by for_province: the page says the ward list is ready

    def __init__(self, *args, payment_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", _("— Chọn tỉnh/thành phố —"))] + province_choices()
        self.fields["ward_code"].choices = ward_choices(chosen_province(self))
        self.fields["payment_method"].choices = payment_choices
        if len(payment_choices) == 1 and not self.is_bound:
            self.initial.setdefault("payment_method", payment_choices[0][0])

    @classmethod
    def for_province(cls, data, *, payment_choices):
        """Step one without JavaScript: the same form, unbound, keeping what was typed, with the province's wards."""
        initial = {name: data.get(name, "") for name in cls.base_fields}
        return reloaded_for_province(cls(initial=initial, payment_choices=payment_choices))

    def clean_contact_name(self):
        return " ".join(self.cleaned_data["contact_name"].split())


class CancelForm(VietnameseMessages, forms.Form):
    reason = forms.CharField(label=_("Lý do huỷ (không bắt buộc)"), required=False, max_length=500,
                             widget=forms.Textarea(attrs={"rows": 2}))


class RefundForm(VietnameseMessages, forms.Form):
    amount = forms.CharField(label=_("Số tiền hoàn (₫)"), max_length=20, widget=forms.TextInput(
        attrs={"inputmode": "numeric"}))
    amount.own_messages = {"required": _("Hãy ghi số tiền hoàn.")}
    reason = forms.CharField(label=_("Lý do hoàn tiền"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    reason.own_messages = {"required": _("Hãy ghi lý do hoàn tiền.")}
    restock = forms.BooleanField(label=_("Hàng đã về lại kho: cộng lại tồn kho"), required=False,
                                 help_text=_("Tồn kho được cộng lại khi đơn đã hoàn đủ tiền."))

    def __init__(self, *args, order: Order, **kwargs):
        super().__init__(*args, **kwargs)
        self.order = order
        self.left = order.refund_left  # less than the total once part went back
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
        if amount > self.order.total:
            raise forms.ValidationError(_("Số tiền hoàn không thể lớn hơn tổng đơn (%(total)s).")
                                        % {"total": format_vnd(self.order.total)})
        if amount > self.left:
            raise forms.ValidationError(_("Đơn này chỉ còn có thể hoàn tối đa %(left)s.")
                                        % {"left": format_vnd(self.left)})
        return amount
