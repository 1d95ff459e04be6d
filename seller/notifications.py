"""/seller/notifications/: her notices and channel choice inside the seller centre (the pages of
marketplace/notifications/views.py in the seller's frame)."""

from django.views.decorators.http import require_POST

from marketplace.notifications import views
from seller.access import seller_required


@seller_required
def notification_list(request, producer):
    return views.list_page(request, "seller/notifications.html", {"producer": producer})


@seller_required
def notification_open(request, producer, notification_id: int):
    return views.open_notice(request, notification_id, "seller:notifications")


@seller_required
@require_POST
def notifications_read_all(request, producer):
    return views.read_all(request, "seller:notifications")


@seller_required
def notification_channels(request, producer):
    return views.preferences_page(request, "seller/notification_channels.html", "seller:notification_channels",
                                  {"producer": producer})
