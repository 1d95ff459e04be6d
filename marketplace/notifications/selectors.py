"""Reads: her notifications, her unread count, her channel choice as the form shows it."""

from marketplace.notifications.models import Notification
from marketplace.notifications.preferences import PHONE_CHANNELS, user_channels

PAGE_SIZE = 20


def notifications_of(user):
    return Notification.objects.filter(recipient=user).only(
        "id", "title", "body", "link", "created_at", "read_at", "recipient_id").order_by("-created_at", "-id")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def preference_initial(user) -> dict:
    channels = user_channels(user)
    phone = [channel for channel in channels if channel in PHONE_CHANNELS]
    return {"channels": channels, "phone_first": phone[0] if phone else PHONE_CHANNELS[0].value}
