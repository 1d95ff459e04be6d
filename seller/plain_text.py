"""Sellers write plain text; the site stores simple paragraphs. Any HTML she types stays text."""

import html
import re

from django.utils.html import strip_tags

_BLANK_LINES = re.compile(r"\n\s*\n")
_BLOCK_END = re.compile(r"</(p|h[1-6]|li)>|<br\s*/?>", re.IGNORECASE)


def paragraphs_from_text(text: str) -> str:
    """"Dòng 1\nDòng 2\n\nĐoạn 2" → "<p>Dòng 1<br>Dòng 2</p><p>Đoạn 2</p>", every character escaped."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = [block.strip() for block in _BLANK_LINES.split(text) if block.strip()]
    return "".join("<p>" + "<br>".join(html.escape(line) for line in block.split("\n")) + "</p>" for block in blocks)


def text_from_paragraphs(markup: str) -> str:
    """The stored paragraphs back as the text she typed (for the edit form)."""
    text = _BLOCK_END.sub(lambda m: "\n" if m.group(0).lower().startswith("<br") else "\n\n", markup or "")
    text = html.unescape(strip_tags(text))
    return _BLANK_LINES.sub("\n\n", text).strip()
