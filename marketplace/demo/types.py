"""The shapes of the demo tables: a product template and a producer."""

from typing import NamedTuple

Variant = tuple[str, int, int]  # (name, price in VND, weight in grams)


class ProductTemplate(NamedTuple):
    name: str  # "{place}" becomes the producer's place, e.g. "Nước mắm {place}" -> "Nước mắm Phú Quốc"
    unit: str
    blurb: str
    variants: tuple[Variant, ...]


def T(name: str, unit: str, blurb: str, *variants: Variant) -> ProductTemplate:
    return ProductTemplate(name, unit, blurb, variants)


class ProducerSpec(NamedTuple):
    slug: str
    name: str
    kind: str  # a Producer.Kind value
    province_code: int
    ward_hint: str  # a ward name of that province without "Phường"/"Xã"; "" picks one at random
    place: str  # how product names call the place
    leaves: tuple[str, ...]  # leaf category slugs of ocop_groups.py, the first is the main trade
    hook: str  # the first paragraph of the producer's story
    verified: bool = True
