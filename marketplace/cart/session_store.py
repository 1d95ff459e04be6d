"""The cart as kept in the session: {"<variant id>": {"q": quantity, "p": price when added}}.

Only the server writes it, but it is read defensively: a malformed entry is dropped, not trusted.
"""

from dataclasses import dataclass

from marketplace.core.geography import province_names

SESSION_KEY = "cart"
OWNER_KEY = "cart_owner"
MAX_QUANTITY = 99


@dataclass
class StoredLine:
    quantity: int
    price_at_add: int


def parse_lines(data) -> dict[int, StoredLine]:
    lines: dict[int, StoredLine] = {}
    if not isinstance(data, dict):
        return lines
    for key, entry in data.items():
        try:
            variant_id, quantity, price = int(key), int(entry["q"]), int(entry["p"])
        except (TypeError, ValueError, KeyError):
            continue
        if variant_id > 0 and 1 <= quantity <= MAX_QUANTITY and price >= 0:
            lines[variant_id] = StoredLine(quantity, price)
    return lines


def serialise_lines(lines: dict[int, StoredLine]) -> dict:
    return {str(variant_id): {"q": line.quantity, "p": line.price_at_add} for variant_id, line in lines.items()}


def read_lines(session) -> dict[int, StoredLine]:
    return parse_lines(session.get(SESSION_KEY))


def write_lines(session, lines: dict[int, StoredLine]) -> None:
    session[SESSION_KEY] = serialise_lines(lines)


def item_count(session) -> int:
    return sum(line.quantity for line in read_lines(session).values())


# Where the buyer said the cart goes ("Giao đến" on the cart page, or the province of her checkout form):
# the shipping fee shown before checkout is priced to it. A province code, read back only if it is one.
SHIP_TO_KEY = "cart_ship_to"


def read_ship_to(session) -> int | None:
    try:
        code = int(session.get(SHIP_TO_KEY))
    except (TypeError, ValueError):
        return None
    return code if code in province_names() else None


def write_ship_to(session, province_code: int) -> None:
    session[SHIP_TO_KEY] = int(province_code)
