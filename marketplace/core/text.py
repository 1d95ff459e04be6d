"""Text normalisation for accent-free search: "Nước mắm Đà Nẵng" -> "nuoc mam da nang"."""

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)


def normalise(text: str) -> str:
    """Lower-case, strip Vietnamese diacritics (đ -> d too), keep letters/digits, fold spaces."""
    text = (text or "").lower().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", stripped)).strip()


def strip_tags(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html or "")
