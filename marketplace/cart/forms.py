"""What the cart's forms may post: ids and quantities only, never a price."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.cart.session_store import MAX_QUANTITY
from marketplace.core.geography import province_choices

# Above any primary key the database can hold, so an absurd id is refused here, not by the driver.
MAX_ID = 2**63 - 1


def _same_message(message) -> dict:
    return {key: message for key in ("required", "invalid", "min_value", "max_value", "max_digits")}


VARIANT_MESSAGES = _same_message(_("Vui lòng chọn một phân loại sản phẩm hợp lệ."))
QUANTITY_MESSAGES = _same_message(_("Số lượng phải là số nguyên từ 1 đến 99."))


class CartRemoveForm(forms.Form):
    variant = forms.IntegerField(min_value=1, max_value=MAX_ID, error_messages=VARIANT_MESSAGES)


class CartUpdateForm(CartRemoveForm):
    quantity = forms.IntegerField(min_value=1, max_value=MAX_QUANTITY, error_messages=QUANTITY_MESSAGES)


class CartAddForm(CartRemoveForm):
    quantity = forms.IntegerField(
        min_value=1, max_value=MAX_QUANTITY, required=False, error_messages=QUANTITY_MESSAGES
    )

    def clean_quantity(self) -> int:
        # An empty box is one item; a box that held garbage fails before this and is an error.
        return self.cleaned_data["quantity"] or 1


class ShipToForm(forms.Form):
    """"Giao đến" on the cart page: the province the shipping fees are priced to."""

    province_code = forms.TypedChoiceField(
        coerce=int, choices=lambda: [("", "")] + province_choices(),
        error_messages=_same_message(_("Vui lòng chọn một tỉnh/thành phố trong danh sách.")) | {
            "invalid_choice": _("Vui lòng chọn một tỉnh/thành phố trong danh sách.")},
    )


def first_error(form: forms.Form) -> str:
    for field in ("variant", "quantity", "province_code"):
        if field in form.errors:
            return str(form.errors[field][0])
    return str(next(iter(form.errors.values()))[0])
