from django import template

from marketplace.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """Her unread count, counted once per page render."""
    request = context.get("request")
    if request is None:
        return 0
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = unread_count(request.user)
    return request._unread_notifications
