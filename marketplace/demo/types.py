"""The shapes of the demo tables: a product template and a producer."""

from typing import NamedTuple

Variant = tuple[str, int, int]  # (name, price in VND, weight in grams)


class ProductTemplate(NamedTuple):
    name: str  # "{place}" becomes the producer's place, e.g. "Nước mắm {place}" -> "Nước mắm Phú Quốc"
    unit: str
    blurb: str
    variants: tuple[Variant, ...]
    kind: str  # the trade line ("nuoc-mam", "tieu"); a producer makes only the kinds she lists
    look: str  # how its picture is drawn (product_art.py): "bottle", "pouch", "vase", ...


def T(name: str, unit: str, blurb: str, *variants: Variant, kind: str, look: str) -> ProductTemplate:
    return ProductTemplate(name, unit, blurb, variants, kind, look)


class ProducerSpec(NamedTuple):
    slug: str
    name: str
    kind: str  # a Producer.Kind value
    province_code: int
    ward_hint: str  # a ward name of that province without "Phường"/"Xã"; "" picks one at random
    place: str  # how product names call the place
    trades: tuple[str, ...]  # product kinds of the templates (ProductTemplate.kind), the first is the main one
    hook: str  # the first paragraph of the producer's story
    verified: bool = True
