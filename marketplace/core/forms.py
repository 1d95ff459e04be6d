"""What every form of the site shares: messages in plain Vietnamese and inputs fit for a phone.

Django's own Vietnamese catalogue leaves several messages in English and words others like a
programmer; VietnameseMessages replaces them on every field of a form that mixes it in.
"""

import functools

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

MESSAGES = {
    "required": _("Hãy điền mục này."),
    "max_length": _("Dài quá: tối đa %(limit_value)d ký tự (đang có %(show_value)d)."),
    "invalid_choice": _("Lựa chọn này không có trong danh sách, hãy chọn lại."),
    "min_value": _("Số nhỏ nhất được nhận là %(limit_value)s."),
    "max_value": _("Số lớn nhất được nhận là %(limit_value)s."),
}
NUMBER_MESSAGES = {"invalid": _("Hãy nhập một số nguyên, không có dấu chấm hay chữ.")}
FILE_MESSAGES = {
    "required": _("Hãy chọn một tệp."),
    "invalid": _("Không đọc được tệp, hãy chọn lại."),
    "empty": _("Tệp trống."),
    "missing": _("Hãy chọn một tệp."),
}


class VietnameseMessages:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            extra = NUMBER_MESSAGES if isinstance(field, forms.IntegerField) else {}
            extra = FILE_MESSAGES if isinstance(field, forms.FileField) else extra
            if isinstance(field, forms.ChoiceField):
                extra = {**extra, "required": _("Hãy chọn một mục.")}
            field.error_messages = {**field.error_messages, **MESSAGES, **extra, **getattr(field, "own_messages", {})}


class QuickSelect(forms.Select):
    """A <select> of flat choices drawn in Python. Django draws each <option> through a template, which
    made the checkout's province and ward lists (up to 160 options) half of that page's time. The same
    lists come back on every checkout, so their drawn options are kept in the process."""

    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, (list, tuple)) for _value, label in self.choices):
            return super().render(name, value, attrs, renderer)  # option groups: Django's own drawing
        chosen = self.format_value(value)
        # Keyed by text and by whether the label is already safe HTML (equal strings, drawn differently).
        choices = tuple((str(option), str(label), isinstance(label, SafeData)) for option, label in self.choices)
        return format_html('<select name="{}"{}>\n{}\n</select>', name, flatatt(self.build_attrs(self.attrs, attrs)),
                           _options(choices, chosen[0] if chosen else None))


@functools.lru_cache(maxsize=512)
def _options(choices: tuple[tuple[str, str, bool], ...], wanted: str | None) -> str:
    rows = []
    for option, label, safe in choices:
        selected = wanted is not None and option == wanted
        wanted = None if selected else wanted  # only the first match, as Django's Select does
        rows.append((option, " selected" if selected else "", mark_safe(label) if safe else label))
    return format_html_join("\n", '<option value="{}"{}>{}</option>', rows)


def number_input(**attrs) -> forms.NumberInput:
    return forms.NumberInput(attrs={"inputmode": "numeric", **attrs})


def photo_input(**attrs) -> forms.ClearableFileInput:
    return forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp", **attrs})


# Province, then ward, without JavaScript: a "Chọn tỉnh" button reloads the form unbound with what was typed
# (`for_province` of each form) and the chosen province's wards; these two steps are the same everywhere.
def chosen_province(form, default=None):
    """The province the ward list is for: the posted one, else the initial one, else `default`."""
    if form.is_bound:
        return form.data.get(form.add_prefix("province_code"))
    return form.initial.get("province_code") or default


def reloaded_for_province(form):
    """Mark the form as reloaded for its province, forgetting a ward that lies in another province."""
    form.province_reloaded = True
    ward_codes = {str(code) for code, _name in form.fields["ward_code"].choices}
    if str(form.initial.get("ward_code")) not in ward_codes:
        form.initial["ward_code"] = None
    return form
