"""Responsive WebP images from (prefetched) Wagtail renditions, and small listing helpers."""


from django import template
from django.core.cache import cache
from django.db.models import QuerySet
from django.template.loader import get_template
from django.utils.html import format_html, json_script
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from marketplace.catalogue.models import Product
from marketplace.catalogue.selectors import THUMBNAIL, CardList, cards_by_id
from marketplace.core import cache_version
from marketplace.core.text import text_from_html

CARD_SECONDS = 600

register = template.Library()



@register.simple_tag
def responsive_image(image, specs: str, sizes: str, alt: str = "", eager: bool = False, css_class: str = ""):
    """<img> with srcset from comma-separated filter specs, smallest first; lazy unless `eager`."""
    if image is None:
        return ""
    spec_list = [spec.strip() for spec in specs.split(",") if spec.strip()]
    renditions = image.get_renditions(*spec_list)
    ordered = [renditions[spec] for spec in spec_list]
    smallest = ordered[0]
    srcset = ", ".join(f"{r.url} {r.width}w" for r in ordered)
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" loading="{}" decoding="async"{}>',
        smallest.url, srcset, sizes, smallest.width, smallest.height, alt,
        "eager" if eager else "lazy",
        format_html(' class="{}"', css_class) if css_class else "",
    )


@register.simple_tag
def product_cards(products, eager_first: int = 0):
    """The grid's cards (includes/product_card.html), each kept under the catalogue version, which every change
    a card shows bumps: one cache round trip for the page, and the products fetched only for cards not kept.
    `products`: a queryset (its ids are read first), a CardList, or products already fetched."""
    if isinstance(products, QuerySet):  # the ids come from the page's own (visible) query
        ids, loaded, among = list(products.values_list("pk", flat=True)), None, Product.objects.all()
    elif isinstance(products, CardList):  # ids kept a while: checked again for visibility
        ids, loaded, among = products.visible_ids(), None, Product.objects.all()
    else:
        loaded = list(products)
        ids = [product.pk for product in loaded]
    prefix = f"card:v{cache_version.current()}:{get_language()}"
    keys = [f"{prefix}:{pk}:{int(position < eager_first)}" for position, pk in enumerate(ids)]
    kept = cache.get_many(keys)
    missing = [(key, pk) for key, pk in zip(keys, ids, strict=True) if key not in kept]
    if missing:
        if loaded is None:
            loaded = cards_by_id([pk for _key, pk in missing], among=among)
        by_id = {product.pk: product for product in loaded}
        card = get_template("includes/product_card.html")
        fresh = {key: card.render({"product": by_id[pk], "eager": key.endswith(":1")})
                 for key, pk in missing if pk in by_id}
        cache.set_many(fresh, CARD_SECONDS)
        kept.update(fresh)
    return mark_safe("".join(kept.get(key, "") for key in keys))


@register.simple_tag
def first_image(product):
    images = list(product.images.all())
    return images[0] if images else None


@register.simple_tag
def line_thumbnail(product):
    """A cart or checkout line's 64 px photo, kept under the catalogue version (saving a product's photos
    bumps it): one cache read rather than the photo and rendition queries for every page drawn."""
    key = f"line-thumb:v{cache_version.current()}:{product.pk}"
    html = cache.get(key)
    if html is None:
        image = first_image(product)
        html = str(responsive_image(image.image, THUMBNAIL, "64px", "", css_class="line-thumb")) if image else ""
        cache.set(key, html, CARD_SECONDS)
    return mark_safe(html)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes); page resets."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter(is_safe=True)
def plain_text(markup) -> str:
    """Rich text as one line of text, like `striptags`, but "<p>a.</p><p>b</p>" reads "a. b", not "a.b"."""
    return text_from_html(markup)


@register.filter
def param(query_dict, name):
    return query_dict.get(name, "")


@register.filter
def og_image_url(image):
    return image.get_rendition("fill-1200x630|format-jpeg").url


@register.filter
def product_json_ld(product, request):
    """schema.org Product with one Offer per variant, as search engines and Zalo/Facebook read it."""
    base = f"{request.scheme}://{request.get_host()}"
    images = [base + img.image.get_rendition("max-960x960|format-webp").url for img in product.images.all()]
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "description": plain_text(product.description)[:500],
        "sku": product.slug,
        "image": images,
        "category": product.category.name,
        "brand": {"@type": "Organization", "name": product.producer.name},
        "offers": [
            {
                "@type": "Offer",
                "sku": variant.sku,
                "name": variant.name,
                "price": variant.price,
                "priceCurrency": "VND",
                "availability": "https://schema.org/InStock" if variant.stock > 0 else "https://schema.org/OutOfStock",
                "url": base + product.get_absolute_url(),
            }
            for variant in product.variants.all()
        ],
    }
    if product.rating_count:
        data["aggregateRating"] = {"@type": "AggregateRating", "ratingValue": product.rating_average,
                                   "reviewCount": product.rating_count, "bestRating": 5, "worstRating": 1}
    tag = json_script(data)  # escapes <, > and & so a product name cannot close the script element
    return mark_safe(tag.replace('type="application/json"', 'type="application/ld+json"', 1))


@register.simple_tag(takes_context=True)
def query_without(context, *names):
    """The current query string without the named parameters (and page); "a,b" names two."""
    params = context["request"].GET.copy()
    for name in ("page", *",".join(names).split(",")):
        params.pop(name, None)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.filter
def on_first_row(position: int) -> bool:
    """Cards 1 and 2 of a two-column grid are on a phone's first screen: their pictures load at once (LCP)."""
    return position <= 2
