"""The storefront's product filters: one FilterSet shared by the HTML listing and the JSON API.

Invalid values never raise: django-filter leaves a field that fails validation out of
`cleaned_data`, so the listing still answers and the form's errors tell the buyer why.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.catalogue.models import Category, Product
from marketplace.catalogue.search import search_products, search_terms
from marketplace.core.geography import province_by_codename, province_choices
from producers.models import Producer

MAX_QUERY_CHARS = 200
MAX_PRICE_FILTER = 10_000_000_000

SORT_CHOICES = [
    ("relevance", _("Liên quan nhất")),
    ("newest", _("Mới nhất")),
    ("price_asc", _("Giá tăng dần")),
    ("price_desc", _("Giá giảm dần")),
]
SORT_ORDER = {
    "newest": ("-created_at", "-id"),
    "price_asc": ("price", "id"),
    "price_desc": ("-price", "-id"),
}


def province_slug_choices() -> list[tuple[str, str]]:
    codes = {code: slug for slug, code in province_by_codename().items()}
    return [(codes[code], name) for code, name in province_choices()]


class TruncatingCharField(forms.CharField):
    """A search box never rejects: a 5,000-character paste is cut, not refused."""

    def to_python(self, value):
        return super().to_python(value)[:MAX_QUERY_CHARS]


class SearchFilter(django_filters.CharFilter):
    field_class = TruncatingCharField  # a filter's field class is a class attribute, not a keyword


class ProductFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("min_price"), cleaned.get("max_price")
        if low is not None and high is not None and low > high:
            self.add_error("max_price", _("Giá cao nhất phải lớn hơn hoặc bằng giá thấp nhất."))
            cleaned.pop("max_price", None)
            cleaned.pop("min_price", None)
        return cleaned


class PriceFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_PRICE_FILTER)
        kwargs.setdefault("error_messages", {
            "invalid": _("Giá phải là một số nguyên (đồng)."),
            "min_value": _("Giá không được âm."),
            "max_value": _("Giá quá lớn."),
        })
        super().__init__(*args, **kwargs)


class ProductFilter(django_filters.FilterSet):
    q = SearchFilter(method="filter_q", label=_("Tìm kiếm"))
    category = django_filters.ModelChoiceFilter(
        queryset=Category.objects.all(), to_field_name="slug", method="filter_category", label=_("Danh mục"),
        error_messages={"invalid_choice": _("Không có danh mục này.")},
    )
    province = django_filters.ChoiceFilter(
        choices=province_slug_choices, method="filter_province", label=_("Tỉnh/thành phố"),
        error_messages={"invalid_choice": _("Không có tỉnh/thành phố này.")},
    )
    ocop = django_filters.ChoiceFilter(
        choices=[("3", _("Từ 3 sao")), ("4", _("Từ 4 sao")), ("5", _("5 sao"))],
        method="filter_ocop", label=_("OCOP"),
        error_messages={"invalid_choice": _("Số sao OCOP phải là 3, 4 hoặc 5.")},
    )
    min_price = PriceFilter(field_name="price", lookup_expr="gte", label=_("Giá từ"))
    max_price = PriceFilter(field_name="price", lookup_expr="lte", label=_("Giá đến"))
    kind = django_filters.ChoiceFilter(
        choices=Producer.Kind.choices, field_name="producer__kind", label=_("Loại hình"),
        error_messages={"invalid_choice": _("Không có loại hình này.")},
    )
    in_stock = django_filters.BooleanFilter(
        method="filter_in_stock", label=_("Còn hàng"), widget=forms.CheckboxInput
    )
    sort = django_filters.ChoiceFilter(
        choices=SORT_CHOICES, method="filter_noop", label=_("Sắp xếp"), empty_label=None,
        error_messages={"invalid_choice": _("Cách sắp xếp không hợp lệ.")},
    )

    class Meta:
        model = Product
        form = ProductFilterForm
        fields: list[str] = []

    def filter_q(self, queryset, name, value):
        return search_products(queryset, value)

    def filter_category(self, queryset, name, value):
        return queryset.filter(category__path__startswith=value.path)

    def filter_province(self, queryset, name, value):
        return queryset.filter(origin_province_code=province_by_codename()[value])

    def filter_ocop(self, queryset, name, value):
        return queryset.filter(ocop_stars__gte=int(value))

    def filter_in_stock(self, queryset, name, value):
        return queryset.filter(stock_total__gt=0) if value else queryset

    def filter_noop(self, queryset, name, value):
        return queryset  # ordering is applied once, after every filter (see selectors.product_list)

    @property
    def search_query(self) -> str:
        self.form.is_valid()
        return (self.form.cleaned_data.get("q") or "").strip()

    def chosen_sort(self) -> str:
        self.form.is_valid()
        # A query of punctuation only ("!!!") has no search terms, hence no relevance to sort by.
        searching = bool(search_terms(self.form.cleaned_data.get("q") or ""))
        sort = self.form.cleaned_data.get("sort") or ""
        if sort == "relevance" and not searching:
            return "newest"
        return sort or ("relevance" if searching else "newest")
