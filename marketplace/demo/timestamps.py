"""Let demo rows carry a creation time in the past, so "newest first" listings look like a real shop."""

from contextlib import contextmanager


@contextmanager
def explicit_created_at(*models, field: str = "created_at"):
    """Within the block, `field` (an `auto_now_add` date) keeps the value given instead of now.

    Django's pre_save overwrites an explicit value on both save() and bulk_create(), so the flag
    is lifted for the duration; the command is the only writer while it runs.
    """
    fields = [model._meta.get_field(field) for model in models]
    previous = [stamped.auto_now_add for stamped in fields]
    for stamped in fields:
        stamped.auto_now_add = False
    try:
        yield
    finally:
        for stamped, value in zip(fields, previous, strict=True):
            stamped.auto_now_add = value
