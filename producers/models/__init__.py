from producers.models.producer import Producer
from producers.models.union import UnionStaff, UnionUnit

__all__ = ["Producer", "UnionStaff", "UnionUnit"]
