from django import template

from marketplace.reviews.selectors import visible_reviews

register = template.Library()


@register.inclusion_tag("reviews/_product_reviews.html")
def product_reviews(product):
    return {"product": product, "reviews": list(visible_reviews(product)) if product.rating_count else []}
