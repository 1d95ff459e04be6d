from marketplace.cart.session_store import item_count


def cart(request) -> dict:
    """The header's item count, read from the session alone (no query of its own) and only when shown."""
    session = getattr(request, "session", None)
    if session is None:
        return {}
    return {"cart_item_count": lambda: item_count(session)}
