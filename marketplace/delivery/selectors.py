"""What the seller's order page and quick-order screen read about delivery."""

from marketplace.delivery.ghn import ghn_enabled, tracking_url
from marketplace.delivery.models import Shipment
from marketplace.delivery.returned_parcels import returned_parcel_count
from marketplace.delivery.services import ghn_can_create
from marketplace.orders.models import Order


def order_delivery_panel(order: Order) -> dict:
    shipment = Shipment.objects.filter(order=order).prefetch_related("events").first()
    return {
        "enabled": ghn_enabled(),
        "shipment": shipment,
        "events": list(shipment.events.all()) if shipment else [],
        "tracking_url": tracking_url(shipment.waybill) if shipment else "",
        "can_create": shipment is None and ghn_can_create(order),
        "returned_count": returned_parcel_count(order.producer_id, order.checkout.phone),
    }


def order_has_shipment(order: Order) -> bool:
    return Shipment.objects.filter(order_id=order.pk).exists()
