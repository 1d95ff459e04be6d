"""A price in đồng typed the way she writes it: "450000", "450.000", "450.000 ₫", "450 000 đ".

The input is a text box (a number box cannot show "450.000 ₫"); static/js/seller-price.js groups the
digits as she types, and without JavaScript a plain number still works.
"""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.catalogue.models import MAX_PRICE_VND
from marketplace.core.money import format_vnd

# Digits in groups of three after the first, separated by dots, spaces or commas, as people write
# thousands in Vietnam; a currency word or sign may follow. "4,5" or "45.00" are not prices in đồng.
CURRENCY = re.compile(r"\s*(₫|đ|đồng|dong|vnd|vnđ)\s*$", re.IGNORECASE)
GROUPED = re.compile(r"^[0-9]{1,3}([., \u00a0\u202f][0-9]{3})+$")
PLAIN = re.compile(r"^[0-9]+$")
MAX_DIGITS = 13  # far above MAX_PRICE_VND: a longer number is simply "too high", without int() of it

PRICE_MESSAGES = {
    "invalid": _("Giá viết bằng chữ số, ví dụ 450000 hoặc 450.000 ₫."),
    "min_value": _("Giá phải từ 1 ₫ trở lên."),
    "max_value": _("Giá tối đa là 1.000.000.000 ₫ (một tỉ đồng)."),
}


def parse_vnd(raw: str) -> int | None:
    """The amount in đồng, None for an empty box; ValueError for anything that is not a price."""
    text = CURRENCY.sub("", (raw or "").strip()).strip()
    if not text:
        return None
    sign, number = (-1, text[1:].strip()) if text.startswith("-") else (1, text)  # "-5": "at least 1 ₫"
    if PLAIN.match(number) or GROUPED.match(number):
        digits = re.sub(r"\D", "", number)
        return sign * (int(digits) if len(digits) <= MAX_DIGITS else 10**MAX_DIGITS)
    raise ValueError(text)


class PriceInput(forms.TextInput):
    """Shows a saved price as "450.000 ₫"; what she typed comes back as she typed it."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"inputmode": "numeric", "autocomplete": "off", "data-vnd": "", **(attrs or {})}
        )

    def format_value(self, value):
        if isinstance(value, int):
            return format_vnd(value).replace("\u00a0", " ")
        return super().format_value(value)


class PriceField(forms.IntegerField):
    widget = PriceInput
    own_messages = PRICE_MESSAGES

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_PRICE_VND)
        super().__init__(**kwargs)
        self.error_messages = {**self.error_messages, **PRICE_MESSAGES}

    def widget_attrs(self, widget):
        return {}  # no min/max/step: they belong to number boxes, and this is a text box

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_vnd(str(value))
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
