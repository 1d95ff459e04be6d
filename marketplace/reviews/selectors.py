from django.db.models import QuerySet

from marketplace.reviews.models import Review
from producers.selectors import scoped_to_staff

SHOWN_ON_PRODUCT = 20


def visible_reviews(product) -> QuerySet[Review]:
    return (Review.objects.filter(product=product, hidden_at__isnull=True)
            .prefetch_related("photos__image").order_by("-created_at")[:SHOWN_ON_PRODUCT])


def reviews_of_producer(producer) -> QuerySet[Review]:
    return Review.objects.filter(product__producer=producer).select_related("product").prefetch_related(
        "photos__image").order_by("replied_at", "-created_at")


def reviews_for_staff(user) -> QuerySet[Review]:
    return scoped_to_staff(Review.objects.select_related("product", "product__producer"), user, "product__producer__")
