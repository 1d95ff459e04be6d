from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.ledger.cod_import import MAX_BYTES
from marketplace.ledger.models import FeeRate

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
EARLIEST = date(2020, 1, 1)


def _date_field(label):
    return forms.DateField(label=label, required=False, input_formats=DATE_FORMATS,
                           widget=forms.DateInput(attrs={"type": "date"}),
                           error_messages={"invalid": gettext_lazy("Hãy nhập ngày theo dạng 31/12/2026.")})


class StatementRangeForm(forms.Form):
    """From the first of this month to today unless she picks other dates."""

    date_from = _date_field(gettext_lazy("Từ ngày"))
    date_to = _date_field(gettext_lazy("Đến ngày"))

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        date_from = data.get("date_from") or today.replace(day=1)
        date_to = data.get("date_to") or today
        if date_from > date_to:
            raise forms.ValidationError(_("“Từ ngày” phải trước hoặc bằng “Đến ngày”."))
        if date_from < EARLIEST or date_to > today + timedelta(days=1):
            raise forms.ValidationError(_("Ngày nằm ngoài khoảng cho phép (từ 2020 đến hôm nay)."))
        if (date_to - date_from).days > 366:
            raise forms.ValidationError(_("Mỗi lần xem tối đa một năm."))
        data["date_from"], data["date_to"] = date_from, date_to
        return data


class PayoutBatchForm(forms.Form):
    up_to = forms.DateField(label=gettext_lazy("Số dư tính đến ngày"), input_formats=DATE_FORMATS,
                            widget=forms.DateInput(attrs={"type": "date"}),
                            error_messages={"invalid": gettext_lazy("Hãy nhập ngày theo dạng 31/12/2026."),
                                            "required": gettext_lazy("Hãy chọn ngày tính số dư.")})


class MarkPaidForm(forms.Form):
    reference = forms.CharField(label=gettext_lazy("Mã giao dịch ngân hàng"), max_length=80,
                                error_messages={"required": gettext_lazy("Hãy nhập mã giao dịch ngân hàng."),
                                                "max_length": gettext_lazy("Mã giao dịch tối đa 80 ký tự.")})


class CodUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Tệp đối soát COD (CSV)"),
                           error_messages={"required": gettext_lazy("Hãy chọn tệp CSV."),
                                           "empty": gettext_lazy("Tệp trống.")})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 2 MB)."))
        return upload


class FeeRateForm(forms.ModelForm):
    """Empty means "as the unit above": the row is removed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["basis_points"].required = False
        if self.instance.pk is None:
            self.initial["basis_points"] = None

    class Meta:
        model = FeeRate
        fields = ["basis_points"]
        error_messages = {"basis_points": {"max_value": gettext_lazy("Phí tối đa 3000 phần vạn (30 phần trăm)."),
                                           "invalid": gettext_lazy("Phí phải là số nguyên."),
                                           "min_value": gettext_lazy("Phí không được âm.")}}
