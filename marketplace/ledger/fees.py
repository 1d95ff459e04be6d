"""The service fee of a producer: the rate of her union unit, else of the nearest unit above it, else 0."""

from marketplace.ledger.models import FeeRate
from producers.models import Producer, UnionUnit


def fee_basis_points(producer: Producer) -> int:
    unit = producer.union_unit
    if unit is None:
        return 0
    step = UnionUnit.steplen
    ancestors = [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]
    rates = dict(FeeRate.objects.filter(unit__path__in=ancestors).values_list("unit__path", "basis_points"))
    for path in reversed(ancestors):
        if path in rates:
            return rates[path]
    return 0


def fee_of(amount: int, basis_points: int) -> int:
    """Whole đồng, rounded half up."""
    return (amount * basis_points + 5_000) // 10_000
