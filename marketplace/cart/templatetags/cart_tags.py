from django import template

register = template.Library()


@register.simple_tag
def first_in_stock(variants, preferred=""):
    """The variant the add-to-cart form selects: the one she just added (`?variant=`, when it can still be
    bought), else the first one that can be bought."""
    in_stock = [variant for variant in variants if variant.stock > 0]
    return next((v for v in in_stock if str(v.pk) == str(preferred)), None) or next(iter(in_stock), None)


@register.simple_tag
def sold_out(variants):
    """The variants a buyer can ask "báo tôi khi có hàng" for."""
    return [variant for variant in variants if variant.stock < 1]
