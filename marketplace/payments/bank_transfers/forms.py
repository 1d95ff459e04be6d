from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.payments.bank_transfers.resolution import ACTIONS, MARK_PAID, OTHER


class ResolveForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("Cách xử lý"), choices=ACTIONS, widget=forms.RadioSelect)
    order_number = forms.CharField(
        label=gettext_lazy("Mã đơn được thanh toán"),
        max_length=32,
        required=False,
        help_text=gettext_lazy("Chỉ khi đánh dấu đã thanh toán, ví dụ CPN-2026-000123."),
    )
    note = forms.CharField(
        label=gettext_lazy("Ghi chú"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("action") == MARK_PAID
            and "order_number" not in self.errors
            and not cleaned.get("order_number", "").strip()
        ):
            self.add_error("order_number", _("Hãy ghi mã đơn được thanh toán bằng giao dịch này."))
        if cleaned.get("action") == OTHER and not cleaned.get("note", "").strip():
            self.add_error("note", _("Hãy ghi rõ đã xử lý giao dịch này thế nào."))
        return cleaned
