"""Filters of /live/: the host's province and the category of a pinned product.

Invalid values never raise: django-filter leaves a field that fails validation out of `cleaned_data`,
so the page still answers and the form's errors tell the buyer what was ignored.
"""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from marketplace.catalogue.filters import province_slug_choices
from marketplace.catalogue.models import Category
from marketplace.core.geography import province_by_codename
from marketplace.livestreams.models import LiveSession, PinnedProduct

MAX_SLUG_CHARS = 140


class CategoryField(forms.ModelChoiceField):
    """A category by slug, indented by depth; an absurd value (huge, NUL) is refused as unknown before any query."""

    def clean(self, value):
        if value and (len(str(value)) > MAX_SLUG_CHARS or "\x00" in str(value)):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().clean(value)

    def label_from_instance(self, obj) -> str:
        return "— " * (obj.depth - 1) + obj.display_name


class CategoryFilter(django_filters.ModelChoiceFilter):
    field_class = CategoryField


class LiveSessionFilter(django_filters.FilterSet):
    province = django_filters.ChoiceFilter(
        choices=province_slug_choices, method="filter_province", label=_("Tỉnh/thành phố"),
        empty_label=_("Mọi tỉnh/thành phố"),
        error_messages={"invalid_choice": _("Không có tỉnh/thành phố này.")},
    )
    category = CategoryFilter(
        queryset=Category.objects.order_by("path"), to_field_name="slug", method="filter_category",
        label=_("Danh mục sản phẩm"), empty_label=_("Mọi danh mục"),
        error_messages={"invalid_choice": _("Không có danh mục này.")},
    )

    class Meta:
        model = LiveSession
        fields: list[str] = []

    def filter_province(self, queryset, name, value):
        return queryset.filter(host__province_code=province_by_codename()[value])

    def filter_category(self, queryset, name, value):
        pinned = PinnedProduct.objects.filter(
            session=OuterRef("pk"), variant__product__category__path__startswith=value.path
        )
        return queryset.filter(Exists(pinned))
