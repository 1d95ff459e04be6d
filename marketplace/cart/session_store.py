"""The cart as kept in the session: {"<variant id>": {"q": quantity, "p": price when added}}.

Only the server writes it, but it is read defensively: a malformed entry is dropped, not trusted.
"""

from dataclasses import dataclass

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
