"""Forms of the seller centre's profile, verification and team pages (products: forms_products.py).

Every field answers in plain Vietnamese (VietnameseMessages): Django's own Vietnamese catalogue
leaves several messages in English and words others like a programmer.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.accounts.phone import PhoneNumberField, format_phone
from marketplace.core.banks import bank_choices
from marketplace.core.forms import (
    VietnameseMessages,
    chosen_province,
    number_input,
    photo_input,
    reloaded_for_province,
)
from marketplace.core.geography import province_choices, ward_choices
from marketplace.core.text import normalise
from marketplace.core.uploads import UploadRejected, clean_photo
from producers.models import Producer, VerificationDocument
from producers.registration import normalise_registration_number
from seller.plain_text import paragraphs_from_text, text_from_paragraphs

MAX_SHIPPING_FEE = 5_000_000


class ProducerForm(VietnameseMessages, forms.ModelForm):
    """The producer profile, created at /seller/start/ and edited at /seller/profile/.

    Province then ward without JavaScript: the ward list is the chosen province's, and a "Chọn tỉnh"
    button reloads the form with it (see `for_province`). A ward of another province is refused.
    """

    province_code = forms.TypedChoiceField(label=_("Tỉnh/thành phố"), coerce=int)
    ward_code = forms.TypedChoiceField(
        label=_("Phường/xã/đặc khu"), coerce=int, empty_value=None,
        help_text=_("Chưa thấy phường/xã của mình? Chọn tỉnh rồi bấm “Chọn tỉnh” để tải danh sách."),
    )
    ward_code.own_messages = {"invalid_choice": _("Phường/xã này không thuộc tỉnh/thành phố đã chọn.")}
    story = forms.CharField(
        label=_("Câu chuyện của cơ sở"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Ai làm, làm ở đâu, làm thế nào. Để trống một dòng giữa hai đoạn."),
    )
    bank_bin = forms.ChoiceField(label=_("Ngân hàng"), required=False)
    province_reloaded = False  # set by for_province: the page says the ward list is ready
    logo = forms.FileField(label=_("Logo (không bắt buộc)"), required=False, widget=photo_input())
    contact_phone = PhoneNumberField(label=_("Số điện thoại để người mua gọi"), required=False)
    zalo_phone = PhoneNumberField(label=_("Số Zalo (để trống nếu trùng số trên)"), required=False)

    class Meta:
        model = Producer
        fields = [
            "kind", "name", "representative_name", "women_share_percent", "woman_leader", "member_count",
            "province_code", "ward_code", "registration_number", "story",
            "bank_bin", "bank_account_number", "bank_account_name",
            "shipping_flat_fee", "free_shipping_threshold", "show_contact",
        ]
        labels = {
            "kind": _("Loại hình"),
            "name": _("Tên cơ sở / hợp tác xã"),
            "representative_name": _("Họ tên người đại diện"),
            "women_share_percent": _("Tỉ lệ nữ trong chủ sở hữu hoặc thành viên (%)"),
            "woman_leader": _("Người đứng đầu là phụ nữ"),
            "member_count": _("Số thành viên"),
            "registration_number": _("Số đăng ký kinh doanh"),
            "bank_account_number": _("Số tài khoản"),
            "bank_account_name": _("Tên chủ tài khoản"),
            "shipping_flat_fee": _("Phí giao hàng riêng mỗi đơn (₫, không bắt buộc)"),
            "free_shipping_threshold": _("Miễn phí giao hàng cho đơn từ (₫)"),
        }
        help_texts = {
            "registration_number": _("Hợp tác xã, doanh nghiệp: mã số 10 chữ số. Hộ kinh doanh: ví dụ 01A8012345. "
                                     "Tổ hợp tác, cá nhân: có thể để trống."),
            "bank_account_name": _("Viết hoa không dấu, đúng như ngân hàng ghi, ví dụ NGUYEN THI LAN."),
            "shipping_flat_fee": _("Để trống để Chợ tính theo cân nặng và tỉnh người mua (bảng phí của Hội). "
                                   "Nhập một mức, ví dụ 30000, nếu bạn muốn một phí cho mọi đơn; 0 nếu luôn miễn phí."),
            "free_shipping_threshold": _("Để trống nếu không miễn phí giao hàng."),
        }
        widgets = {
            "kind": forms.RadioSelect,
            "women_share_percent": number_input(min=0, max=100),
            "member_count": number_input(min=0),
            "shipping_flat_fee": number_input(min=0, max=MAX_SHIPPING_FEE),
            "free_shipping_threshold": number_input(min=0),
            "bank_account_number": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["province_code"].choices = [("", _("— Chọn tỉnh/thành phố —"))] + province_choices()
        self.fields["bank_bin"].choices = [("", _("— Chưa có tài khoản ngân hàng —"))] + bank_choices()
        self.fields["shipping_flat_fee"].required = False
        self.fields["ward_code"].choices = ward_choices(chosen_province(self, self.instance.province_code))
        self.initial.setdefault("contact_phone", format_phone(self.instance.contact_phone))
        self.initial.setdefault("zalo_phone", format_phone(self.instance.zalo_phone))
        self.fields["show_contact"].help_text = _("Số hiện trên trang sản phẩm, trang cơ sở và trang đơn hàng.")
        if not self.is_bound and "story" not in (kwargs.get("initial") or {}):
            self.initial["story"] = text_from_paragraphs(self.instance.story)

    def clean_shipping_flat_fee(self):
        fee = self.cleaned_data.get("shipping_flat_fee")
        if fee is None:  # left empty: the union's table by weight and destination
            return None
        if fee > MAX_SHIPPING_FEE:
            raise forms.ValidationError(_("Phí giao hàng tối đa 5.000.000 ₫."))
        return fee

    def clean_free_shipping_threshold(self):
        threshold = self.cleaned_data.get("free_shipping_threshold")
        if threshold is not None and threshold > 1_000_000_000:
            raise forms.ValidationError(_("Mức miễn phí giao hàng quá lớn."))
        return threshold

    @classmethod
    def for_province(cls, data, *, instance):
        """Step one without JavaScript: the same form, unbound, showing the chosen province's wards."""
        initial = {name: data.get(name, "") for name in cls.base_fields if name != "logo"}
        initial["woman_leader"] = bool(data.get("woman_leader"))
        return reloaded_for_province(cls(initial=initial, instance=instance))

    def clean_registration_number(self):
        return normalise_registration_number(self.cleaned_data["registration_number"])

    def clean_story(self):
        return paragraphs_from_text(self.cleaned_data["story"])

    def clean_bank_account_name(self):
        # Banks print account names in capitals without diacritics; VietQR carries them that way.
        return " ".join(normalise(self.cleaned_data["bank_account_name"]).split()).upper()

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo:
            try:
                clean_photo(logo)
            except UploadRejected as error:
                raise forms.ValidationError(error.message) from None
            logo.seek(0)
        return logo

    def clean(self):
        cleaned = super().clean()
        bank = [cleaned.get("bank_bin"), cleaned.get("bank_account_number"), cleaned.get("bank_account_name")]
        if any(bank) and not all(bank):
            for name, message in (
                ("bank_bin", _("Hãy chọn ngân hàng.")),
                ("bank_account_number", _("Hãy nhập số tài khoản.")),
                ("bank_account_name", _("Hãy nhập tên chủ tài khoản.")),
            ):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, message)
        if cleaned.get("show_contact") and not (cleaned.get("contact_phone") or cleaned.get("zalo_phone")):
            self.add_error("contact_phone", _("Hãy ghi số điện thoại hoặc số Zalo để người mua liên hệ."))
        self.instance.contact_phone = cleaned.get("contact_phone") or ""
        self.instance.zalo_phone = cleaned.get("zalo_phone") or ""
        return cleaned


class ProducerPhotoForm(VietnameseMessages, forms.Form):
    photo = forms.FileField(label=_("Ảnh cơ sở, vườn, xưởng"), widget=photo_input())
    alt_text = forms.CharField(
        label=_("Mô tả ảnh"), required=False, max_length=200,
        help_text=_("Một câu cho người không xem được ảnh, ví dụ: Chị em phơi chè trên sân."),
    )


class DocumentForm(VietnameseMessages, forms.Form):
    kind = forms.ChoiceField(label=_("Loại giấy tờ"), choices=VerificationDocument.Kind.choices)
    file = forms.FileField(
        label=_("Tệp (ảnh chụp hoặc PDF, tối đa 10 MB)"),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
    )


class SubmitForm(VietnameseMessages, forms.Form):
    note = forms.CharField(
        label=_("Lời nhắn cho cán bộ Hội (không bắt buộc)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InviteForm(VietnameseMessages, forms.Form):
    identifier = forms.CharField(
        label=_("Số điện thoại hoặc email của người giúp"), max_length=254,
        help_text=_("Ví dụ 0912 345 678 hoặc ten@gmail.com."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off"}),
    )

    def clean_identifier(self):
        from marketplace.accounts.phone import parse_identifier

        try:
            kind, value = parse_identifier(self.cleaned_data["identifier"])
        except ValueError as error:
            raise forms.ValidationError(str(error)) from None
        return {"phone": value} if kind == "phone" else {"email": value}
