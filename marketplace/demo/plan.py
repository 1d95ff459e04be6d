"""The demo site as plain data, planned from the tables with a seeded random generator (no database).

The same seed always gives the same producers, products, prices, SKUs and pictures, which is what
lets `seed_demo` find on a second run that everything is already there.
"""

import random
from dataclasses import dataclass, field, replace
from functools import cached_property

from marketplace.catalogue.ocop_groups import OCOP_GROUPS
from marketplace.core.geography import province_name, ward_name, wards_of
from marketplace.core.text import unique_slug
from marketplace.demo import text
from marketplace.demo.data_applicants import APPLICANTS
from marketplace.demo.data_crafts_travel import CRAFTS_AND_TRAVEL
from marketplace.demo.data_drinks_herbs import DRINKS_AND_HERBS
from marketplace.demo.data_food import FOOD
from marketplace.demo.data_producers import PRODUCERS
from marketplace.demo.people import people_and_papers
from marketplace.demo.types import ProducerSpec, ProductTemplate

DEFAULT_SEED = 2025
TEMPLATES: dict[str, list[ProductTemplate]] = {**FOOD, **DRINKS_AND_HERBS, **CRAFTS_AND_TRAVEL}
# A producer lists trades, not categories: "gia-vi" holds both fish sauce and pepper, and a pepper
# co-operative in the highlands must never be given "Nước mắm Chư Sê".
TEMPLATES_BY_TRADE: dict[str, list[tuple[str, ProductTemplate]]] = {}
for _leaf, _templates in TEMPLATES.items():
    for _template in _templates:
        TEMPLATES_BY_TRADE.setdefault(_template.kind, []).append((_leaf, _template))
GROUP_OF_LEAF = {leaf[0]: group[0] for group in OCOP_GROUPS for leaf in group[3]}
SERVICE_UNITS = {"đêm", "vé", "buổi"}
OCOP_KINDS = {"htx", "tht", "hkd", "dn"}


@dataclass(frozen=True)
class ProducerPlan:
    spec: ProducerSpec
    ward_code: int | None
    story: str
    logo_key: str
    joined_days_ago: float
    details: dict  # representative, members, registration and bank fields (people.py)

    @cached_property
    def province_name(self) -> str:
        return province_name(self.spec.province_code)

    @cached_property
    def ward_name(self) -> str:
        return ward_name(self.ward_code)


@dataclass(frozen=True)
class VariantPlan:
    sku: str
    name: str
    price: int
    compare_at_price: int | None
    stock: int
    weight_grams: int


@dataclass(frozen=True)
class ProductPlan:
    slug: str
    name: str
    producer: ProducerPlan
    template: ProductTemplate
    leaf_slug: str
    description: str
    unit: str
    ocop_stars: int | None
    status: str
    variants: tuple[VariantPlan, ...]
    pictures: tuple[tuple[str, str], ...]  # (picture key, alt text); the key is the product's own (picture_specs.py)
    age_days: float


@dataclass(frozen=True)
class DemoPlan:
    producers: list[ProducerPlan]
    products: list[ProductPlan]
    applicants: list[ProducerPlan] = field(default_factory=list)  # no products yet; not in --products

    @property
    def every_producer(self) -> list[ProducerPlan]:
        return self.producers + self.applicants


def find_ward(province_code: int, hint: str, rng: random.Random) -> int | None:
    """The ward called `hint` ("Bát Tràng" finds "Xã Bát Tràng"), else one of the province at random."""
    wards = wards_of(province_code)
    if not wards:
        return None
    plain = [(code, " ".join(name.split()).split(" ", 1)[-1]) for code, name in wards]
    for code, name in plain:
        if hint and name == hint:
            return code
    for code, name in plain:
        if hint and hint in name:
            return code
    return rng.choice(wards)[0]


def plan_producer(spec: ProducerSpec, rng: random.Random) -> ProducerPlan:
    ward_code = find_ward(spec.province_code, spec.ward_hint, rng)
    story = text.producer_story(spec, province=province_name(spec.province_code), ward=ward_name(ward_code))
    return ProducerPlan(
        spec, ward_code, story, f"logo-{spec.kind}", rng.uniform(400, 1000), people_and_papers(spec, rng)
    )


def plan_variants(template: ProductTemplate, sku_stem: str, rng: random.Random, *, every: bool, exact: bool):
    count = len(template.variants) if every else rng.randint(1, len(template.variants))
    factor = 1.0 if exact else rng.choice((1.0, 1.0, 1.0, 0.9, 0.95, 1.05, 1.1, 1.2))
    service = template.unit in SERVICE_UNITS
    variants = []
    for number, (name, base_price, grams) in enumerate(template.variants[:count], start=1):
        price = text.round_vnd(base_price * factor)
        compare_at = text.round_vnd(price * rng.choice((1.1, 1.15, 1.2, 1.25))) if rng.random() < 0.2 else None
        if service:
            stock = rng.choice((4, 6, 10, 20))
        else:
            roll = rng.random()
            stock = 0 if roll < 0.08 else rng.randint(1, 5) if roll < 0.2 else rng.randint(10, 250)
        variants.append(VariantPlan(f"{sku_stem}-{number}", name, price, compare_at, stock, grams))
    return tuple(variants)


def plan_product(
    *, template, leaf, producer: ProducerPlan, name, slug, rng, signature, age_days, sku_stem: str = "",
    picture_keys: tuple[str, ...] | None = None,
) -> ProductPlan:
    spec = producer.spec
    group = GROUP_OF_LEAF[leaf]
    description = text.product_description(
        template, group_slug=group, producer_name=spec.name, province=producer.province_name,
        ward=producer.ward_name, rng=rng,
    )
    stars = None
    if spec.verified and spec.kind in OCOP_KINDS and (signature or rng.random() < 0.3):
        stars = rng.choice((4, 5)) if signature else rng.choice((3, 3, 3, 4, 4, 5))
    status = "published"
    if not signature:
        roll = rng.random()
        status = "draft" if roll < 0.04 else "hidden" if roll < 0.07 else "published"
    if picture_keys is None:  # a planned product has pictures of its own, drawn for it
        picture_keys = product_picture_keys(slug, second=signature)
    pictures = [(picture_keys[0], f"{name} – ảnh sản phẩm")]
    pictures += [(key, f"{name} – đóng gói") for key in picture_keys[1:]]
    return ProductPlan(
        slug=slug, name=name, producer=producer, template=template, leaf_slug=leaf, description=description, unit=template.unit,
        ocop_stars=stars, status=status,
        variants=plan_variants(template, sku_stem or text.sku_stem(slug), rng, every=signature, exact=signature),
        pictures=tuple(pictures), age_days=age_days,
    )


def _templates_for(spec: ProducerSpec, offsets: dict[str, int], count: int) -> list[tuple[str, ProductTemplate]]:
    """Round robin over the producer's trades, each list turned on so neighbours make different things."""
    queues = []
    for trade in spec.trades:
        templates = TEMPLATES_BY_TRADE[trade]
        start = offsets.get(trade, 0) % len(templates)
        queues.append(templates[start:] + templates[:start])
    chosen = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            if queue and len(chosen) < count:
                chosen.append(queue.pop(0))
    for _leaf, template in chosen:
        offsets[template.kind] = offsets.get(template.kind, 0) + 1
    return chosen


def main_leaf(spec: ProducerSpec) -> str:
    """The category of her main trade (the first she lists)."""
    return TEMPLATES_BY_TRADE[spec.trades[0]][0][0]


def product_picture_keys(slug: str, *, second: bool) -> tuple[str, ...]:
    return (f"sp-{slug}", f"sp-{slug}-2") if second else (f"sp-{slug}",)


def build_plan(seed: int = DEFAULT_SEED) -> DemoPlan:
    rng = random.Random(seed)
    producers = [plan_producer(spec, rng) for spec in PRODUCERS]
    offsets: dict[str, int] = {}
    used_slugs: set[str] = set()
    products = []
    for producer in producers:
        picks = _templates_for(producer.spec, offsets, rng.randint(6, 9))
        for index, (leaf, template) in enumerate(picks):
            name = text.product_name(template, producer.spec.place)
            slug = unique_slug(name, fallback="san-pham", taken=used_slugs.__contains__)
            used_slugs.add(slug)
            products.append(plan_product(
                template=template, leaf=leaf, producer=producer, name=name, slug=slug, rng=rng,
                signature=index == 0, age_days=rng.uniform(0, 365),
            ))
    return DemoPlan(producers, products, plan_applicants(seed))


def plan_applicants(seed: int) -> list[ProducerPlan]:
    """Newcomers who signed up in the last weeks; their own generator leaves the plan above unchanged."""
    rng = random.Random(f"applicants-{seed}")
    return [replace(plan_producer(spec, rng), joined_days_ago=rng.uniform(3, 40)) for spec in APPLICANTS]


