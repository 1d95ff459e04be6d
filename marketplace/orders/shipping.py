"""Shipping of one producer's order: her flat fee, or free once the subtotal reaches her threshold."""

from producers.models import Producer


def shipping_fee(*, producer: Producer, subtotal: int) -> int:
    threshold = producer.free_shipping_threshold
    if threshold is not None and subtotal >= threshold:
        return 0
    return producer.shipping_flat_fee
