"""Lets the order page (orders app, below payments) say whether transfers are confirmed automatically."""

from django import template

from marketplace.payments.bank_transfers.sepay import sepay_enabled

register = template.Library()


@register.simple_tag
def transfers_confirm_automatically() -> bool:
    return sepay_enabled()
