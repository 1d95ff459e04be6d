"""Forms of the union staff admin. Querysets of every choice are narrowed to the officer's scope."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.snippets.widgets import AdminSnippetChooser

from marketplace.catalogue.selectors import products_for_staff
from marketplace.core.uploads import UploadRejected, clean_document
from producers import selectors
from producers.models import OcopCertificate, Producer, UnionStaff, UnionUnit
from producers.registration import normalise_registration_number

REASON_MAX_LENGTH = 2000


def reason_field(*, required: bool, label=None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Lý do"), required=required, max_length=REASON_MAX_LENGTH, strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Hãy ghi lý do."),
            "max_length": _("Lý do dài tối đa %(limit_value)s ký tự (bạn đã nhập %(show_value)s)."),
        },
    )


class VerificationDecisionForm(forms.Form):
    DECISIONS = [
        ("approved", pgettext_lazy("staff action", "Duyệt")),
        ("changes", pgettext_lazy("staff action", "Yêu cầu bổ sung")),
        ("rejected", pgettext_lazy("staff action", "Từ chối")),
    ]
    decision = forms.ChoiceField(choices=DECISIONS, error_messages={"invalid_choice": _("Quyết định không hợp lệ.")})
    reason = reason_field(required=False, label=_("Lý do hoặc lời nhắn cho người bán"))


class CertificateDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("confirm", _("Xác nhận")), ("reject", _("Không hợp lệ"))],
        error_messages={"invalid_choice": _("Quyết định không hợp lệ.")},
    )
    reason = reason_field(required=False)


class ProductHideForm(forms.Form):
    reason = reason_field(required=True, label=_("Lý do ẩn (người bán sẽ thấy)"))


class ProductRestoreForm(forms.Form):
    reason = reason_field(required=False, label=_("Ghi chú"))


class ProducerAdminForm(WagtailAdminModelForm):
    """Staff correct a producer's profile; her union unit can only be one in the officer's scope."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "union_unit" in self.fields:
            field = self.fields["union_unit"]
            field.queryset = selectors.units_for_staff(self.for_user).order_by("path")
            field.label_from_instance = unit_label
            # Without a unit the producer would drop out of every officer's scope.
            field.required = not getattr(self.for_user, "is_superuser", False)

    def clean_registration_number(self):
        return normalise_registration_number(self.cleaned_data.get("registration_number", ""))


def unit_label(unit: UnionUnit) -> str:
    return f"{'— ' * (unit.depth - 1)}{unit.name}"


class OcopCertificateForm(WagtailAdminModelForm):
    """Create or correct a certificate of a producer in scope; products only of that producer."""

    class Meta:
        model = OcopCertificate
        fields = ["producer", "stars", "number", "issuing_level", "issued_on", "expires_on", "scan", "products"]
        widgets = {
            "stars": forms.Select(choices=[(3, "3 ★"), (4, "4 ★"), (5, "5 ★")]),
            "products": forms.CheckboxSelectMultiple,
            # Not the clearable widget: it links to the file's storage URL, and scans are private.
            "scan": forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["producer"].queryset = selectors.producers_for_staff(self.for_user)
        self.fields["producer"].widget = AdminSnippetChooser(Producer)
        if self.instance.scan:
            self.fields["scan"].help_text = _("Đã có bản chụp (xem ở trang chứng nhận). Tải tệp mới lên để thay.")
        products = products_for_staff(self.for_user).filter(deleted_at__isnull=True)
        if self.instance.producer_id:
            products = products.filter(producer_id=self.instance.producer_id)
            self.fields["products"].help_text = _("Chỉ các sản phẩm của nhà sản xuất này.")
        else:
            # A new certificate: its products are chosen once the producer is saved with it.
            del self.fields["products"]
        if "products" in self.fields:
            self.fields["products"].queryset = products.order_by("name")
            self.fields["products"].required = False

    def clean_number(self):
        return (self.cleaned_data.get("number") or "").strip()

    def clean_scan(self):
        scan = self.cleaned_data.get("scan")
        if scan and hasattr(scan, "content_type"):  # a new upload, not the stored file
            try:
                scan, _content_type, extension = clean_document(scan, name_stem="chung-nhan")
            except UploadRejected as error:
                raise forms.ValidationError(error.message) from None
            scan.name = f"chung-nhan.{extension}"  # named by its bytes, never by the upload
        return scan

    def clean(self):
        cleaned = super().clean()
        issued, expires = cleaned.get("issued_on"), cleaned.get("expires_on")
        if issued and expires and expires <= issued:
            self.add_error("expires_on", _("Ngày hết hạn phải sau ngày cấp."))
        level, number = cleaned.get("issuing_level"), cleaned.get("number")
        if level and number and OcopCertificate.objects.filter(issuing_level=level, number=number).exclude(
            pk=self.instance.pk
        ).exists():
            self.add_error("number", _("Số chứng nhận này đã có ở cấp công nhận đã chọn."))
        producer = cleaned.get("producer")
        chosen = cleaned.get("products") or []
        if producer and any(product.producer_id != producer.pk for product in chosen):
            self.add_error("products", _("Chỉ chọn sản phẩm của chính nhà sản xuất này."))
        return cleaned


class BranchForm(WagtailAdminModelForm):
    """A branch (chi hội) under a ward/commune unit of the officer's scope."""

    parent = forms.ModelChoiceField(
        label=_("Thuộc Hội phường/xã"), queryset=UnionUnit.objects.none(),
        error_messages={"invalid_choice": _("Hãy chọn một Hội phường/xã trong đơn vị của bạn.")},
    )

    class Meta:
        model = UnionUnit
        fields = ["name"]
        labels = {"name": _("Tên chi hội")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = selectors.units_for_staff(self.for_user).filter(
            level=UnionUnit.Level.COMMUNE
        ).order_by("path")
        self.fields["parent"].label_from_instance = unit_label
        self.order_fields(["parent", "name"])

    def clean_name(self):
        name = " ".join((self.cleaned_data.get("name") or "").split())
        if not name:
            raise forms.ValidationError(_("Hãy nhập tên chi hội."))
        return name

    def clean(self):
        cleaned = super().clean()
        parent, name = cleaned.get("parent"), cleaned.get("name")
        if parent and name and parent.get_children().filter(name__iexact=name).exists():
            self.add_error("name", _("Hội phường/xã này đã có chi hội cùng tên."))
        return cleaned


class BranchRenameForm(WagtailAdminModelForm):
    class Meta:
        model = UnionUnit
        fields = ["name"]
        labels = {"name": _("Tên chi hội")}

    def clean_name(self):
        name = " ".join((self.cleaned_data.get("name") or "").split())
        if not name:
            raise forms.ValidationError(_("Hãy nhập tên chi hội."))
        return name


class UnionStaffForm(WagtailAdminModelForm):
    """Attach an existing account (found by phone or email) to a unit of the officer's scope."""

    identifier = forms.CharField(label=_("Số điện thoại hoặc email của tài khoản"), max_length=254)

    class Meta:
        model = UnionStaff
        fields = ["unit", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.units_for_staff(self.for_user).order_by("path")
        self.fields["unit"].label_from_instance = unit_label
        if self.instance.pk:
            del self.fields["identifier"]  # the account of an officer never changes; remove and add again
        else:
            self.order_fields(["identifier", "unit", "title"])

    def clean_identifier(self):
        from marketplace.accounts.backends import find_user_by_identifier

        user = find_user_by_identifier(self.cleaned_data["identifier"])
        if user is None:
            raise forms.ValidationError(
                _("Chưa có tài khoản nào với số điện thoại hoặc email này. Người đó cần đăng ký trước, "
                  "hoặc dùng lệnh create_union_staff.")
            )
        return user
