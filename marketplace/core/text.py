"""Text normalisation for accent-free search: "Nước mắm Đà Nẵng" -> "nuoc mam da nang"."""

import re
import unicodedata
from collections.abc import Callable

from django.utils.html import strip_tags
from django.utils.text import slugify

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)


def normalise(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ -> d too), keep letters/digits, fold spaces."""
    text = (text or "").lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", stripped)).strip()


_BLOCK_BOUNDARY = re.compile(r"</(p|h[1-6]|li|blockquote|div)>|<br\s*/?>", re.IGNORECASE)
# A cell a spreadsheet would run as a formula (CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_from_html(markup) -> str:
    """Rich text as one line of text: "<p>a.</p><p>b</p>" reads "a. b", not "a.b" as strip_tags alone gives."""
    return " ".join(strip_tags(_BLOCK_BOUNDARY.sub(" ", str(markup or ""))).split())


def unique_slug(name: str, *, fallback: str, taken: Callable[[str], bool]) -> str:
    """An accent-free slug of `name` ("Nước mắm" -> "nuoc-mam"), numbered -2, -3 … while `taken(slug)`."""
    base = slugify(normalise(name))[:200] or fallback
    slug, number = base, 2
    while taken(slug):
        slug, number = f"{base}-{number}", number + 1
    return slug


def spreadsheet_safe(value: str) -> str:
    """A typed name starting with "=" must not run as a formula when staff open an export in Excel."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value
