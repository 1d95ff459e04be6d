"""The "Theo dõi" button's data for any page that shows a producer: {% follow_state producer as follow %}."""

from django import template

from producers.follows import follow_state

register = template.Library()


@register.simple_tag(takes_context=True)
def follow_state_of(context, producer):
    """Follower count and whether the signed-in account follows; remembered on the request per producer."""
    request = context.get("request")
    user = getattr(request, "user", None)
    cache = getattr(request, "_producer_follow_state", None) if request is not None else None
    if cache is None:
        cache = {}
        if request is not None:
            request._producer_follow_state = cache
    if producer.pk not in cache:
        cache[producer.pk] = follow_state(producer=producer, user=user)
    return cache[producer.pk]
