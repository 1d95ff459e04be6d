from django import template

from marketplace.core.money import format_vnd

register = template.Library()


@register.filter
def vnd(amount):
    return format_vnd(amount)
