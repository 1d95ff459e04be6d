"""The VietQR that pays an order to its producer (the format itself is marketplace/core/vietqr.py)."""

import logging

from marketplace.core.vietqr import VietQRError, vietqr_payload
from marketplace.orders.models import Order

logger = logging.getLogger(__name__)


def order_vietqr_payload(order: Order) -> str | None:
    """The VietQR for paying the order to its producer, or None when she has no usable bank account."""
    producer = order.producer
    if not producer.bank_bin or not producer.bank_account_number:
        return None
    try:
        return vietqr_payload(
            bank_bin=producer.bank_bin, account_number=producer.bank_account_number, amount=order.total,
            reference=order.number or "",
        )
    except VietQRError as error:
        # A bank entry that no longer validates must not break the order page; the buyer sees the
        # bank details without a code and the seller gets to fix her profile.
        logger.warning("No VietQR for order %s: %s", order.pk, error.message)
        return None
