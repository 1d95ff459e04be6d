"""The writes of the orders app, in one place to import from (each lives in a module named by what it does)."""

from marketplace.orders.errors import OrderError
from marketplace.orders.placement import order_place
from marketplace.orders.transitions import order_transition, orders_expire_unpaid, transition_allowed

__all__ = ["OrderError", "order_place", "order_transition", "orders_expire_unpaid", "transition_allowed"]
