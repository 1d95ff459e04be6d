from django import template

from marketplace.accounts.phone import format_phone

register = template.Library()


@register.filter
def phone(value) -> str:
    """"+84912345678" as people read and dial it: "0912 345 678"."""
    return format_phone(value)
