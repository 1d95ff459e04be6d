"""`seed_demo --products N`: generated products, inserted in batches, until the catalogue holds N.

bulk_create skips Product.save(), so what save() would derive is set here: the search columns
(`build_search_text`, `build_name_search`) and the summary columns (`price` = cheapest variant, `stock_total`).
"""

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Max

from marketplace.catalogue.models import (
    Category,
    Product,
    ProductImage,
    ProductVariant,
    build_name_search,
    build_search_text,
)
from marketplace.demo import text
from marketplace.demo.ocop import certificates_by_producer_and_stars
from marketplace.demo.plan import SERVICE_UNITS, TEMPLATES_BY_TRADE, DemoPlan, ProductPlan, plan_product
from marketplace.demo.timestamps import explicit_created_at
from producers.models import OcopCertificate, Producer

BATCH_SIZE = 2000
GOODS_DESCRIPTORS = ("", "", "", "loại đặc biệt", "hộp quà", "mùa mới", "loại 1", "gói tiết kiệm", "quà Tết",
                     "hàng tuyển", "bản giới hạn", "túi dùng thử", "đóng hộp gỗ", "đặc sản")
SERVICE_DESCRIPTORS = ("", "cuối tuần", "mùa lúa chín", "mùa hoa", "cho gia đình", "cho nhóm bạn")
AGE_DAYS = 730


def fill_catalogue(
    *, total: int, plan: DemoPlan, pictures: dict, rng: random.Random, now: datetime,
    report: Callable[[int, int], None],
) -> int:
    """Add products until there are `total`; how many were added."""
    missing = total - Product.objects.count()
    if missing <= 0:
        return 0
    stored = {p.slug: p for p in Producer.objects.filter(slug__in=[pp.spec.slug for pp in plan.producers])}
    makers = [planned for planned in plan.producers if planned.spec.slug in stored]
    categories = {category.slug: category for category in Category.objects.all()}
    certificates = certificates_by_producer_and_stars()
    looks = _planned_pictures(plan)
    # Numbers above every id so far never meet a slug or SKU of an earlier run, whatever was deleted since.
    next_number = (Product.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    added = 0
    with explicit_created_at(Product):
        while added < missing:
            size = min(BATCH_SIZE, missing - added)
            planned = [_plan_one(next_number + i, makers, looks, rng) for i in range(size)]
            with transaction.atomic():
                _insert(planned, stored, categories, certificates, pictures, now)
            added += size
            next_number += size
            report(added, missing)
    _refresh_planner_statistics()
    return added


def _refresh_planner_statistics() -> None:
    # After a bulk load PostgreSQL still believes the tables are tiny until autovacuum gets round
    # to them, and picks plans that scan 50,000 rows for the 8 newest products.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _planned_pictures(plan: DemoPlan) -> dict:
    """(producer, template name) -> the picture of that planned product, and producer -> her first one.

    Benchmark products borrow these: drawing tens of thousands of pictures would only slow the load.
    """
    looks: dict = {}
    for product in plan.products:
        key = product.pictures[0][0]
        looks.setdefault((product.producer.spec.slug, product.template.name), (key,))
        looks.setdefault(product.producer.spec.slug, (key,))
    return looks


def _plan_one(number: int, makers: list, looks: dict, rng: random.Random) -> ProductPlan:
    producer = rng.choice(makers)
    leaf, template = rng.choice(TEMPLATES_BY_TRADE[rng.choice(producer.spec.trades)])
    producer_slug = producer.spec.slug
    descriptors = SERVICE_DESCRIPTORS if template.unit in SERVICE_UNITS else GOODS_DESCRIPTORS
    name = f"{text.product_name(template, producer.spec.place)} {rng.choice(descriptors)}".strip()
    return plan_product(
        template=template, leaf=leaf, producer=producer, name=name, slug=f"{text.slug_for(name)}-sp{number}",
        rng=rng, signature=False, age_days=rng.uniform(0, AGE_DAYS), sku_stem=f"SP{number:07d}",
        picture_keys=looks.get((producer_slug, template.name), looks[producer_slug]),
    )


def _insert(
    planned: list[ProductPlan], producers: dict, categories: dict, certificates: dict, pictures: dict, now: datetime
) -> None:
    products = [_product_row(p, producers[p.producer.spec.slug], categories[p.leaf_slug], now) for p in planned]
    for product, plan in zip(products, planned, strict=True):
        # Stars only through a valid certificate of the same producer, as the badge rule requires.
        product.ocop_stars = plan.ocop_stars if (product.producer_id, plan.ocop_stars) in certificates else None
    Product.objects.bulk_create(products, batch_size=500)
    if any(product.pk is None for product in products):  # a database that cannot return ids from bulk inserts
        ids = dict(Product.objects.filter(slug__in=[p.slug for p in products]).values_list("slug", "id"))
        for product in products:
            product.pk = ids[product.slug]
    variants, images = [], []
    for product, plan in zip(products, planned, strict=True):
        variants += [
            ProductVariant(
                product_id=product.pk, sku=v.sku, name=v.name, price=v.price, compare_at_price=v.compare_at_price,
                stock=v.stock, weight_grams=v.weight_grams, sort_order=order,
            )
            for order, v in enumerate(plan.variants)
        ]
        images += [
            ProductImage(product_id=product.pk, image_id=pictures[key].pk, alt_text=alt, sort_order=order)
            for order, (key, alt) in enumerate(plan.pictures)
        ]
    ProductVariant.objects.bulk_create(variants, batch_size=1000)
    ProductImage.objects.bulk_create(images, batch_size=1000)
    covered = OcopCertificate.products.through
    covered.objects.bulk_create([
        covered(ocopcertificate_id=certificates[(product.producer_id, product.ocop_stars)], product_id=product.pk)
        for product in products if product.ocop_stars
    ], batch_size=1000)


def _product_row(plan: ProductPlan, producer: Producer, category: Category, now: datetime) -> Product:
    return Product(
        producer_id=producer.pk, name=plan.name, slug=plan.slug, description=plan.description,
        category_id=category.pk, origin_province_code=producer.province_code, origin_ward_code=producer.ward_code,
        unit=plan.unit, status=plan.status,
        created_at=now - timedelta(days=plan.age_days),
        price=min(v.price for v in plan.variants),
        stock_total=sum(v.stock for v in plan.variants),
        search_text=build_search_text(
            name=plan.name, producer_name=producer.name, category_name=category.name,
            category_name_en=category.name_en, description=plan.description,
        ),
        name_search=build_name_search(plan.name),
    )
