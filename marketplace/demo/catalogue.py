"""Write the planned producers and products; what already exists (by slug) is left alone."""

from datetime import datetime, timedelta

from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from marketplace.catalogue.models import Category, Product, ProductImage, ProductVariant
from marketplace.demo.plan import DemoPlan, ProductPlan
from marketplace.demo.timestamps import explicit_created_at
from producers.models import Producer, UnionUnit
from producers.union_tree import union_tree_load


def ensure_producers(plan: DemoPlan, *, pictures: dict, now: datetime) -> tuple[dict[str, Producer], int]:
    slugs = [producer.spec.slug for producer in plan.every_producer]
    stored = {producer.slug: producer for producer in Producer.objects.filter(slug__in=slugs)}
    missing = [planned for planned in plan.every_producer if planned.spec.slug not in stored]
    if not missing:
        return stored, 0
    if not UnionUnit.objects.exists():
        union_tree_load()  # each producer belongs to the union unit of her ward
    units = {
        unit.ward_code: unit
        for unit in UnionUnit.objects.filter(
            level=UnionUnit.Level.COMMUNE, ward_code__in=[planned.ward_code for planned in missing]
        )
    }
    with explicit_created_at(Producer):
        for planned in missing:
            spec = planned.spec
            producer = Producer(
                name=spec.name, slug=spec.slug, kind=spec.kind, story=planned.story,
                province_code=spec.province_code, ward_code=planned.ward_code, logo=pictures[planned.logo_key],
                verification_status=Producer.Verification.VERIFIED if spec.verified else Producer.Verification.SUBMITTED,
                union_unit=units.get(planned.ward_code), created_at=now - timedelta(days=planned.joined_days_ago),
                **planned.details,
            )
            producer.save()
            stored[spec.slug] = producer
    return stored, len(missing)


def ensure_products(plan: DemoPlan, *, producers: dict, pictures: dict, now: datetime) -> int:
    categories = {category.slug: category for category in Category.objects.all()}
    slugs = [product.slug for product in plan.products]
    existing = set(Product.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    created = []
    # Each variant and image save would refresh the product's references again; once per product is enough.
    with explicit_created_at(Product), disable_reference_index_auto_update():
        for planned in plan.products:
            if planned.slug not in existing:
                producer = producers[planned.producer.spec.slug]
                created.append(_create_product(planned, producer, categories[planned.leaf_slug], pictures, now))
    for product in created:
        ReferenceIndex.create_or_update_for_object(product)
    return len(created)


def _create_product(planned: ProductPlan, producer: Producer, category: Category, pictures: dict, now: datetime):
    product = Product(
        producer=producer, name=planned.name, slug=planned.slug, description=planned.description,
        category=category, origin_province_code=producer.province_code, origin_ward_code=producer.ward_code,
        unit=planned.unit, status=planned.status, created_at=now - timedelta(days=planned.age_days),
    )
    product.variants = [
        ProductVariant(
            sku=variant.sku, name=variant.name, price=variant.price, compare_at_price=variant.compare_at_price,
            stock=variant.stock, weight_grams=variant.weight_grams, sort_order=order,
        )
        for order, variant in enumerate(planned.variants)
    ]
    product.images = [
        ProductImage(image=pictures[key], alt_text=alt, sort_order=order)
        for order, (key, alt) in enumerate(planned.pictures)
    ]
    product.save()  # OCOP stars come from the certificates of ocop.py
    return product
