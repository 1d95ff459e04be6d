"""QuickSelect draws the same <select> as Django's Select, without a template per option."""

import re

import pytest
from django import forms

from marketplace.core.forms import QuickSelect

CHOICES = [("", "— Chọn —"), (1, "Hà Nội"), (2, "A&B <script>"), (2, "trùng mã")]
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


class Both(forms.Form):
    django = forms.TypedChoiceField(choices=CHOICES, coerce=int)
    quick = forms.TypedChoiceField(choices=CHOICES, coerce=int, widget=QuickSelect)


def drawn(bound) -> tuple[list, set]:
    html = str(bound)
    attributes = set(re.search(r"<select([^>]*)>", html).group(1).replace(bound.name, "NAME").split())
    return OPTION.findall(html), attributes


@pytest.mark.parametrize("form", [
    Both(), Both(initial={"django": 1, "quick": 1}), Both({"django": "2", "quick": "2"}),
    Both({"django": "", "quick": ""}), Both({"django": "99999999999", "quick": "99999999999"}),
])
def test_the_same_options_selection_escaping_and_attributes_as_django(form):
    form.is_valid()
    django_options, django_attributes = drawn(form["django"])
    quick_options, quick_attributes = drawn(form["quick"])

    assert quick_options == django_options
    assert quick_attributes == django_attributes
    assert "&lt;script&gt;" in str(form["quick"])


class Grouped(forms.Form):
    province = forms.ChoiceField(choices=[("Miền Bắc", [("1", "Hà Nội")])], widget=QuickSelect)


def test_grouped_choices_fall_back_to_djangos_drawing():
    html = str(Grouped(initial={"province": "1"})["province"])
    assert '<optgroup label="Miền Bắc">' in html
    assert OPTION.findall(html) == [("1", " selected", "Hà Nội")]


def test_kept_options_tell_a_safe_label_from_the_same_text_to_escape():
    from django.utils.safestring import mark_safe

    text = "<b>Hà Nội</b>"
    plain = forms.ChoiceField(choices=[("1", text)], widget=QuickSelect)
    safe = forms.ChoiceField(choices=[("1", mark_safe(text))], widget=QuickSelect)

    for _round in range(2):  # the second round is drawn from what was kept
        assert "&lt;b&gt;Hà Nội&lt;/b&gt;" in plain.widget.render("p", "1")
        assert "<b>Hà Nội</b>" in safe.widget.render("s", "1")


def test_kept_options_follow_the_language_of_a_lazy_label():
    from django.utils import translation
    from django.utils.translation import gettext_lazy

    field = forms.ChoiceField(choices=[("", gettext_lazy("— Chọn tỉnh/thành phố —"))], widget=QuickSelect)
    with translation.override("vi"):
        assert "Chọn tỉnh/thành phố" in field.widget.render("p", "")
    with translation.override("en"):
        assert "Chọn tỉnh/thành phố" not in field.widget.render("p", "")
