"""English is the second language: every string is translated and the compiled catalogue is current."""

import ast
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def po_entries() -> list[tuple[str, str]]:
    """(msgid, msgstr) of the singular entries without a context, read straight from the .po file."""
    entries, current, field = [], {}, None
    for line in PO_FILE.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgctxt ", "msgid ", "msgstr ", "msgid_plural ", "msgstr[")):
            field, _, literal = line.partition(" ")
            current[field] = ast.literal_eval(literal)
        elif line.startswith('"') and field:
            current[field] += ast.literal_eval(line)
        elif not line.strip():
            if current.get("msgid") and "msgid_plural" not in current and "msgctxt" not in current:
                entries.append((current["msgid"], current.get("msgstr", "")))
            current, field = {}, None
    return entries


def test_every_string_has_an_english_translation():
    untranslated = [msgid for msgid, msgstr in po_entries() if not msgstr]

    assert untranslated == []


def test_the_compiled_catalogue_matches_the_po_file():
    with translation.override("en"):
        stale = [msgid for msgid, msgstr in po_entries() if translation.gettext(msgid) != msgstr]

    assert stale == [], "run: msgfmt -o locale/en/LC_MESSAGES/django.mo locale/en/LC_MESSAGES/django.po"


@pytest.mark.django_db
def test_english_pages_live_under_en_and_vietnamese_is_the_default(client):
    vietnamese = client.get("/products/")
    english = client.get("/en/products/")

    assert '<html lang="vi">' in vietnamese.content.decode() and "Tất cả sản phẩm" in vietnamese.content.decode()
    assert '<html lang="en">' in english.content.decode() and "All products" in english.content.decode()


def test_strings_with_a_context_are_translated_too():
    with translation.override("en"):
        assert translation.pgettext("staff action", "Yêu cầu bổ sung") == "Request changes"
        assert translation.pgettext("staff action", "Từ chối") == "Reject"
