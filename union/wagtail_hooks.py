"""Everything union staff use in the Wagtail admin, registered in one order: each module registers its
scoped permission policies before it imports the views that ask for them, and the producer views use the
product policy."""

from union import (
    hooks_producers,  # noqa: F401
    hooks_products,  # noqa: F401
)
from union.live import hooks  # noqa: F401
