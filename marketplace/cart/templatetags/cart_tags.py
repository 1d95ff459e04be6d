from django import template

register = template.Library()


@register.simple_tag
def first_in_stock(variants):
    """The variant the add-to-cart form selects first: the first one that can be bought."""
    return next((variant for variant in variants if variant.stock > 0), None)


@register.simple_tag
def sold_out(variants):
    """The variants a buyer can ask "báo tôi khi có hàng" for."""
    return [variant for variant in variants if variant.stock < 1]
