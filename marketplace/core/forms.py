"""What every form of the site shares: messages in plain Vietnamese and inputs fit for a phone.

Django's own Vietnamese catalogue leaves several messages in English and words others like a
programmer; VietnameseMessages replaces them on every field of a form that mixes it in.
"""

from django import forms
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
