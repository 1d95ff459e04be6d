"""Provinces and wards of the two-tier administration (since 1 July 2025), from `vietnam-provinces`."""

from functools import cache

from django.utils.translation import gettext as _
from vietnam_provinces import Province, ProvinceCode, Ward, WardCode

from marketplace.core.text import normalise


@cache
def province_choices() -> list[tuple[int, str]]:
    provinces = sorted(Province.iter_all(), key=lambda p: normalise(_short(p.name)))
    return [(int(p.code), _short(p.name)) for p in provinces]


@cache
def province_names() -> dict[int, str]:
    return dict(province_choices())


@cache
def province_by_codename() -> dict[str, int]:
    return {p.codename: int(p.code) for p in Province.iter_all()}


@cache
def wards_of(province_code: int) -> list[tuple[int, str]]:
    try:
        code = ProvinceCode(int(province_code))
    except ValueError:
        return []
    wards = sorted(Ward.iter_by_province(code), key=lambda w: normalise(w.name))
    return [(int(w.code), w.name) for w in wards]


def ward_choices(province) -> list[tuple[int | str, str]]:
    """The ward select of a form whose province comes first: a prompt, then the chosen province's wards
    (a prompt to choose the province when it is missing or not a province)."""
    try:
        wards = wards_of(int(province)) if province else []
    except (TypeError, ValueError):
        wards = []
    if not wards:
        return [("", _("— Chọn tỉnh ở trên trước —"))]
    return [("", _("— Chọn phường/xã —"))] + wards


def province_name(code: int | None) -> str:
    return province_names().get(int(code), "") if code else ""


def ward_name(code: int | None) -> str:
    if not code:
        return ""
    try:
        return Ward.from_code(WardCode(int(code))).name
    except ValueError:
        return ""


def ward_in_province(ward_code: int, province_code: int) -> bool:
    try:
        return int(Ward.from_code(WardCode(int(ward_code))).province_code) == int(province_code)
    except ValueError:
        return False


def _short(name: str) -> str:
    # "Thành phố Hà Nội" reads as "Hà Nội" in a filter list; the package keeps the full title.
    for prefix in ("Thành phố ", "Tỉnh "):
        if name.startswith(prefix):
            return name[len(prefix):]
    return name
