"""Let demo rows carry a creation time in the past, so "newest first" listings look like a real shop."""

from contextlib import contextmanager


@contextmanager
def explicit_created_at(*models):
    """Within the block, `created_at` keeps the value given instead of `auto_now_add` stamping now.

    Django's pre_save overwrites an explicit value on both save() and bulk_create(), so the flag
    is lifted for the duration; the command is the only writer while it runs.
    """
    fields = [model._meta.get_field("created_at") for model in models]
    previous = [field.auto_now_add for field in fields]
    for field in fields:
        field.auto_now_add = False
    try:
        yield
    finally:
        for field, value in zip(fields, previous, strict=True):
            field.auto_now_add = value
