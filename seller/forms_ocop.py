"""The seller's declaration of an OCOP certificate; the rules themselves live in certificate_submit."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.core.forms import VietnameseMessages
from producers.models import OcopCertificate
from seller.selectors import seller_products

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]  # the date picker's, then what a person types without one
DATE_MESSAGES = {"invalid": _("Hãy nhập ngày đúng dạng ngày/tháng/năm, ví dụ 31/12/2027.")}


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CertificateDeclareForm(VietnameseMessages, forms.Form):
    stars = forms.TypedChoiceField(
        label=_("Số sao"), coerce=int, widget=forms.RadioSelect,
        choices=[(3, _("3 sao")), (4, _("4 sao")), (5, _("5 sao"))],
    )
    number = forms.CharField(
        label=_("Số chứng nhận"), max_length=OcopCertificate._meta.get_field("number").max_length,
        help_text=_("Ghi đúng như trên giấy, ví dụ 123/QĐ-UBND."),
    )
    issuing_level = forms.ChoiceField(label=_("Cấp công nhận"), choices=OcopCertificate.Level.choices,
                                      widget=forms.RadioSelect)
    issued_on = forms.DateField(label=_("Ngày cấp"), input_formats=DATE_FORMATS, widget=date_input())
    expires_on = forms.DateField(label=_("Ngày hết hạn"), input_formats=DATE_FORMATS, widget=date_input())
    scan = forms.FileField(
        label=_("Ảnh chụp hoặc tệp PDF của giấy chứng nhận"),
        help_text=_("Chụp rõ cả trang, đủ sáng. Nhận PDF, JPEG, PNG hoặc WebP, tối đa 10 MB."),
        # No `capture`: with it, phones open the camera straight away and a PDF can no longer be chosen;
        # without it, the picker still offers the camera.
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/*"}),
    )
    products = forms.ModelMultipleChoiceField(
        label=_("Sản phẩm được chứng nhận"), required=False, queryset=None, widget=forms.CheckboxSelectMultiple,
        help_text=_("Đánh dấu các sản phẩm ghi trên giấy chứng nhận."),
    )
    products.own_messages = {
        "invalid_choice": _("Có sản phẩm không thuộc cơ sở của chị, hãy tải lại trang rồi chọn lại."),
        "invalid_pk_value": _("Có sản phẩm không thuộc cơ sở của chị, hãy tải lại trang rồi chọn lại."),
    }

    def __init__(self, *args, producer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["products"].queryset = seller_products(producer).order_by("name")
        for name in ("issued_on", "expires_on"):
            self.fields[name].error_messages.update(DATE_MESSAGES)
