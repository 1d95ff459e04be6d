"""Vietnamese mobile numbers, stored as "+84XXXXXXXXX", and the "phone or email" identifier of an account.

A mobile number is 0 + 9 digits whose first digit is 3, 5, 7, 8 or 9 (the 2018 numbering plan);
landlines (02x) and the retired 11-digit mobile numbers (01x) are refused.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SEPARATORS = re.compile(r"[\s.\-()]+")
NATIONAL_MOBILE = re.compile(r"[35789][0-9]{8}", re.ASCII)
INTERNATIONAL_PREFIX = "84"


def normalise_phone(raw: str | None) -> str:
    """Return "+84XXXXXXXXX" for a Vietnamese mobile number written any usual way, else raise ValueError."""
    compact = SEPARATORS.sub("", raw or "")
    if not compact:
        raise ValueError(_("Hãy nhập số điện thoại."))
    digits = compact.removeprefix("+")
    if not digits.isascii() or not digits.isdigit() or "+" in digits:
        raise ValueError(_("Số điện thoại chỉ gồm chữ số, ví dụ 0912 345 678."))
    if compact.startswith("+") and not digits.startswith(INTERNATIONAL_PREFIX):
        raise ValueError(_("Chỉ nhận số điện thoại Việt Nam (+84)."))
    if digits.startswith(INTERNATIONAL_PREFIX) and len(digits) > 10:
        # "+84 0912 345 678" is a frequent way of writing it: the 0 after 84 is dropped.
        national = digits[len(INTERNATIONAL_PREFIX) :].removeprefix("0")
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        national = None
    if national is None or not NATIONAL_MOBILE.fullmatch(national):
        raise ValueError(
            _("Số điện thoại di động có 10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09 (ví dụ 0912 345 678).")
        )
    return f"+{INTERNATIONAL_PREFIX}{national}"


def format_phone(phone: str | None) -> str:
    """ "+84912345678" → "0912 345 678", the way people read their number."""
    if not phone or not phone.startswith("+84"):
        return phone or ""
    national = "0" + phone[3:]
    return f"{national[:4]} {national[4:7]} {national[7:]}"


def parse_identifier(raw: str | None) -> tuple[str, str]:
    """("email", lowercased email) or ("phone", "+84…") for what a person typed; ValueError otherwise."""
    value = (raw or "").strip()
    if not value:
        raise ValueError(_("Hãy nhập số điện thoại hoặc email."))
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError:
            raise ValueError(_("Email này chưa đúng, ví dụ: ten@gmail.com.")) from None
        return "email", value.lower()
    if not any(char.isdigit() for char in value):
        raise ValueError(_("Hãy nhập số điện thoại (ví dụ 0912 345 678) hoặc email."))
    return "phone", normalise_phone(value)


class TelInput(forms.TextInput):
    """`<input type="tel">`: the phone's number pad (setting "type" in attrs would print the attribute twice)."""

    input_type = "tel"


class PhoneNumberField(forms.CharField):
    """A text box for a Vietnamese mobile number; cleans to "+84XXXXXXXXX" (or "" when optional and empty)."""

    widget = TelInput

    default_error_messages = {"invalid_phone": gettext_lazy("Số điện thoại chưa đúng.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 32)
        kwargs.setdefault("label", gettext_lazy("Số điện thoại"))
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update({"inputmode": "tel", "autocomplete": "tel"})
        return attrs

    def prepare_value(self, value):
        # A stored "+84912345678" is shown back as "0912 345 678"; raw input is shown as typed.
        if isinstance(value, str) and value.startswith("+84") and NATIONAL_MOBILE.fullmatch(value[3:]):
            return format_phone(value)
        return value

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return ""
        try:
            return normalise_phone(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid_phone") from None
