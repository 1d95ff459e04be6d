import re

from marketplace.cart.session_store import item_count

KEPT_COUNT = re.compile(rb"(data-cart-count>)0(<)")


def cart(request) -> dict:
    """The header's item count, read from the session alone (no query of its own) and only when shown."""
    session = getattr(request, "session", None)
    if session is None:
        return {}
    return {"cart_item_count": lambda: item_count(session)}


def fill_kept_count(body: bytes, session) -> bytes:
    """A page kept for visitors (whose carts are empty) with this guest's count in the header."""
    count = item_count(session)
    return KEPT_COUNT.sub(rb"\g<1>%d\g<2>" % count, body) if count else body
