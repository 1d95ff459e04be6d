"""A listing filter "within this union unit" for the links of the roll-up dashboard (?unit=<id>): hidden in
the filter panel (a central officer's list of units runs to thousands), honoured only for a unit of the
officer's own scope (another id lists nothing)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from producers.selectors import units_for_staff


class UnitSubtreeFilter(django_filters.NumberFilter):
    def __init__(self, path_field: str, **kwargs):
        self.path_field = path_field
        super().__init__(label=_("Đơn vị Hội"), widget=forms.HiddenInput, min_value=1, max_value=2**62, **kwargs)

    def filter(self, queryset, value):
        if value in (None, ""):
            return queryset
        request = getattr(self.parent, "request", None)
        unit = units_for_staff(request.user).filter(pk=value).first() if request is not None else None
        if unit is None:
            return queryset.none()
        return queryset.filter(**{f"{self.path_field}__startswith": unit.path})


def unit_subtree_filter(path_field: str) -> UnitSubtreeFilter:
    return UnitSubtreeFilter(path_field)
