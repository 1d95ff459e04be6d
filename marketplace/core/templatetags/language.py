"""Keeping an English visitor in English: local links typed by staff get the /en/ prefix, and fields with an
English twin (`<name>_en`) show it."""

from django import template
from django.utils.translation import get_language

register = template.Library()


def _english() -> bool:
    return (get_language() or "vi").startswith("en")


@register.filter
def lang_url(url: str) -> str:
    """"/products/" typed in a menu becomes "/en/products/" for an English visitor; other links stay."""
    url = url or ""
    if _english() and url.startswith("/") and not url.startswith("//") and not url.startswith("/en/"):
        return "/en" + url
    return url


@register.filter
def localized(obj, field: str):
    """`{{ page|localized:"hero_title" }}`: the English twin when the visitor reads English and it is filled."""
    if isinstance(obj, dict):
        value, english = obj.get(field), obj.get(f"{field}_en")
    else:
        value, english = getattr(obj, field, ""), getattr(obj, f"{field}_en", "")
    return english if _english() and english else value
