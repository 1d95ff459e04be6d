"""Emails rendered from a pair of templates: `<name>_subject.txt` (one line) and `<name>.txt` (the body)."""

from django.template.loader import render_to_string


def email_render(template: str, context: dict) -> tuple[str, str]:
    """The subject (whitespace folded into one line, as mail headers need) and the body of `template`."""
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    return subject, render_to_string(f"{template}.txt", context)
