"""Forms of the seller's products: the product, its variants (an inline formset) and stock changes."""

from django import forms
from django.forms.models import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from marketplace.catalogue.models import Category, Product, ProductVariant
from marketplace.core.forms import VietnameseMessages, number_input
from seller.plain_text import paragraphs_from_text, text_from_paragraphs
from seller.price_field import PriceField, PriceInput
from seller.selectors import leaf_category_choices

MAX_VARIANTS = 20
# The name of a product's only variant when she leaves it empty: most products come in one kind.
DEFAULT_VARIANT_NAME = _("Tiêu chuẩn")
SOLD_VARIANT = _("Không thể xoá phân loại đã có người đặt mua (%(names)s). Hãy đặt tồn kho về 0 để ngừng bán.")
FOREIGN_VARIANT = _("Phân loại này không thuộc sản phẩm đang sửa. Hãy tải lại trang rồi nhập lại.")


class ProductForm(VietnameseMessages, forms.ModelForm):
    category = forms.TypedChoiceField(label=_("Danh mục"), coerce=int)
    description = forms.CharField(
        label=_("Mô tả sản phẩm"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Làm từ gì, làm thế nào, dùng ra sao, bảo quản thế nào. Để trống một dòng giữa hai đoạn."),
    )
    status = forms.ChoiceField(label=_("Trạng thái"), widget=forms.RadioSelect)

    class Meta:
        model = Product
        fields = ["name", "category", "description", "unit", "status"]
        labels = {"name": _("Tên sản phẩm"), "unit": _("Đơn vị bán")}
        help_texts = {
            "name": _("Ví dụ: Mật ong hoa nhãn Hưng Yên."),
            "unit": _("Ví dụ: chai, hộp, kg, túi 500 g."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("— Chọn danh mục —"))] + leaf_category_choices()
        statuses = [
            (Product.Status.PUBLISHED, _("Đăng bán ngay")),
            (Product.Status.DRAFT, _("Lưu nháp, chưa bán")),
        ]
        if self.instance.status == Product.Status.HIDDEN:
            statuses.append((Product.Status.HIDDEN, _("Đang ẩn")))
        self.fields["status"].choices = statuses
        if not self.is_bound:
            self.initial["description"] = text_from_paragraphs(self.instance.description)
            if self.instance.pk is None:
                self.initial["status"] = Product.Status.PUBLISHED  # a verified producer's product sells at once

    def clean_category(self):
        category = Category.objects.filter(pk=self.cleaned_data["category"], numchild=0).first()
        if category is None:
            raise forms.ValidationError(_("Hãy chọn một danh mục trong danh sách."))
        return category

    def clean_description(self):
        return paragraphs_from_text(self.cleaned_data["description"])


class VariantForm(VietnameseMessages, forms.ModelForm):
    sku = forms.CharField(
        label=_("Mã SKU"), required=False, max_length=64, help_text=_("Để trống, hệ thống tự đặt mã.")
    )
    sku.own_messages = {"unique": _("Mã SKU này đã được dùng, hãy đổi mã khác hoặc để trống.")}
    price = PriceField(label=_("Giá bán"), widget=PriceInput(attrs={"placeholder": _("Ví dụ 450.000 ₫")}))
    price.own_messages = {**PriceField.own_messages, "required": _("Hãy ghi giá bán, ví dụ 450.000 ₫.")}
    compare_at_price = PriceField(label=_("Giá gốc trước khi giảm (không bắt buộc)"), required=False)
    stock = forms.IntegerField(label=_("Số lượng có sẵn"), required=False, min_value=0, initial=0,
                               widget=number_input(min=0))
    stock.own_messages = {"min_value": _("Số lượng không thể âm.")}
    weight_grams = forms.IntegerField(label=_("Khối lượng (gam)"), required=False, min_value=0, initial=0,
                                      widget=number_input(min=0))

    class Meta:
        model = ProductVariant
        fields = ["name", "sku", "price", "compare_at_price", "stock", "weight_grams"]
        labels = {"name": _("Tên phân loại")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False  # the first one defaults; the formset requires the others'
        if self.instance.pk:
            # Stock of an existing variant changes only with a reason, on the stock page.
            self.fields["stock"].disabled = True
            self.fields["stock"].help_text = _("Đổi ở trang Tồn kho.")

    def clean_name(self):
        return self.cleaned_data["name"].strip() or str(DEFAULT_VARIANT_NAME)

    def clean_sku(self):
        return self.cleaned_data["sku"].strip()

    def clean_stock(self):
        return self.cleaned_data["stock"] or 0

    def clean_weight_grams(self):
        return self.cleaned_data["weight_grams"] or 0


class BaseVariantFormSet(BaseInlineFormSet):
    default_error_messages = {
        "too_few_forms": _("Cần ít nhất một phân loại có tên và giá, ví dụ “Chai 500 ml”."),
        "too_many_forms": _("Mỗi sản phẩm có tối đa 20 phân loại."),
        "missing_management_form": _("Biểu mẫu thiếu dữ liệu. Hãy tải lại trang rồi nhập lại."),
    }

    def clean(self):
        super().clean()
        # A posted id of a variant that is not this product's gives a form without an instance; say so
        # rather than quietly dropping the row.
        if any(form.instance.pk is None for form in self.initial_forms):
            raise forms.ValidationError(FOREIGN_VARIANT)
        # Orders keep a foreign key to what was sold (PROTECT): a sold variant stays.
        sold = [form.instance.name for form in self.deleted_forms
                if form.instance.pk and form.instance.order_lines.exists()]
        if sold:
            raise forms.ValidationError(SOLD_VARIANT % {"names": ", ".join(sold)})

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["id"].error_messages["invalid_choice"] = FOREIGN_VARIANT
        if index:  # only the first variant may stay unnamed: two unnamed ones could not be told apart
            form.fields["name"].required = True
            form.fields["name"].help_text = _("Ví dụ: Chai 1 lít.")
        else:
            form.fields["name"].help_text = _("Để trống nếu chỉ bán một loại. Ví dụ: Chai 500 ml.")

    def get_unique_error_message(self, unique_check):
        return _("Hai phân loại đang trùng mã SKU, hãy đổi một mã.")


def variant_formset(*, extra: int = 1):
    return inlineformset_factory(
        Product, ProductVariant, form=VariantForm, formset=BaseVariantFormSet,
        fields=VariantForm.Meta.fields, extra=extra, min_num=1, validate_min=True,
        max_num=MAX_VARIANTS, validate_max=True, can_delete=True, can_delete_extra=False,
    )


class StockForm(VietnameseMessages, forms.Form):
    """Add or remove stock of one variant: a positive quantity, a direction button, a reason."""

    quantity = forms.IntegerField(label=_("Số lượng"), min_value=1, max_value=1_000_000, widget=number_input(min=1))
    quantity.own_messages = {"min_value": _("Nhập số lượng lớn hơn 0, ví dụ 5.")}
    reason = forms.CharField(
        label=_("Lý do"), max_length=200, help_text=_("Ví dụ: nhập thêm hàng, hàng hỏng, kiểm kê lại."),
    )
    reason.own_messages = {"required": _("Hãy ghi lý do thay đổi tồn kho.")}
    direction = forms.ChoiceField(choices=[("add", _("Thêm")), ("remove", _("Bớt"))], widget=forms.HiddenInput)

    @property
    def delta(self) -> int:
        quantity = self.cleaned_data["quantity"]
        return quantity if self.cleaned_data["direction"] == "add" else -quantity
