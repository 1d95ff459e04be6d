"""Reads of the seller centre; each takes the seller's producer and returns only its data."""

from django.db.models import Count, Prefetch, Q, QuerySet

from marketplace.catalogue.models import Category, Product, ProductImage, ProductVariant, StockAdjustment
from marketplace.catalogue.selectors import thumbnails_prefetch
from producers.models import Producer, ProducerInvitation, ProducerMember, VerificationRequest
from seller.access import own

LOW_STOCK = 5


def seller_products(producer: Producer) -> QuerySet[Product]:
    """Her products that are not deleted, newest first."""
    return Product.objects.filter(producer=producer, deleted_at__isnull=True).select_related("category")


def seller_products_listed(producer: Producer) -> QuerySet[Product]:
    """Her products with their photos and thumbnails: the same few queries for 5 products or 500."""
    return seller_products(producer).prefetch_related(thumbnails_prefetch("images")).annotate(
        variant_count=Count("variants")
    )


def own_product(producer: Producer, product_id: int) -> Product:
    return own(seller_products(producer), "producer", producer, pk=product_id)


def product_for_preview(producer: Producer, product_id: int) -> Product:
    variants = Prefetch("variants", queryset=ProductVariant.objects.order_by("sort_order", "id"))
    images = Prefetch("images", queryset=ProductImage.objects.select_related("image").order_by("sort_order"))
    queryset = seller_products(producer).select_related("producer", "producer__logo")
    return own(queryset.prefetch_related(variants, images), "producer", producer, pk=product_id)


def low_stock_products(producer: Producer) -> QuerySet[Product]:
    return seller_products(producer).filter(stock_total__lte=LOW_STOCK).order_by("stock_total", "name")


def staff_hidden_products(producer: Producer) -> QuerySet[Product]:
    return seller_products(producer).filter(staff_hidden=True)


def product_counts(producer: Producer) -> dict[str, int]:
    return seller_products(producer).aggregate(
        total=Count("pk"),
        published=Count("pk", filter=Q(status=Product.Status.PUBLISHED)),
        draft=Count("pk", filter=Q(status=Product.Status.DRAFT)),
        hidden=Count("pk", filter=Q(status=Product.Status.HIDDEN) | Q(staff_hidden=True)),
    )


def verification_history(producer: Producer) -> QuerySet[VerificationRequest]:
    return producer.verification_requests.select_related("submitted_by", "decided_by").order_by("-submitted_at")


def staff_request(producer: Producer) -> VerificationRequest | None:
    """The latest decision asking for changes or refusing, while the producer is in that state."""
    if producer.verification_status not in (Producer.Verification.CHANGES_REQUESTED, Producer.Verification.REJECTED):
        return None
    return verification_history(producer).filter(
        status__in=(VerificationRequest.Status.CHANGES_REQUESTED, VerificationRequest.Status.REJECTED)
    ).first()


def stock_history(product: Product, limit: int = 50) -> list[StockAdjustment]:
    return list(
        StockAdjustment.objects.filter(variant__product=product).select_related("variant", "actor")[:limit]
    )


def team_members(producer: Producer) -> QuerySet[ProducerMember]:
    return producer.members.select_related("user").order_by("-role", "created_at")


def open_invitations(producer: Producer) -> QuerySet[ProducerInvitation]:
    return producer.invitations.filter(accepted_at=None, revoked_at=None).order_by("-created_at")


def leaf_category_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """Leaf categories grouped under their top category, for one <select> with <optgroup>s."""
    groups: list[tuple[str, list[tuple[int, str]]]] = []
    for node in Category.get_tree():
        if node.depth == 1:
            groups.append((node.display_name, [(node.pk, node.display_name)] if node.numchild == 0 else []))
        elif node.numchild == 0 and groups:
            groups[-1][1].append((node.pk, node.display_name))
    return [group for group in groups if group[1]]
