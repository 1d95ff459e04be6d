"""Writes for accounts: registering a person, and counting sign-up attempts per address."""

import re
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.cache import cache
from django.db import IntegrityError, transaction

from marketplace.accounts.phone import parse_identifier

User = get_user_model()

USERNAME_UNSAFE = re.compile(r"[^\w.@+-]", re.ASCII)


class IdentifierTaken(Exception):
    """Another account already has this phone number or email."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self.kind = kind


def identifier_taken(kind: str, value: str) -> bool:
    if kind == "phone":
        return User.objects.filter(phone=value).exists()
    return User.objects.filter(email__iexact=value).exists()


def _unique_username(kind: str, value: str) -> str:
    if kind == "phone":
        base = "sdt" + value.removeprefix("+")
    else:
        base = USERNAME_UNSAFE.sub("", value.split("@", 1)[0])[:30] or "user"
    username = base
    while User.objects.filter(username=username).exists():
        username = f"{base}-{secrets.token_hex(3)}"
    return username


@transaction.atomic
def user_register(*, identifier: str, full_name: str, password: str) -> User:
    """Create an account for a phone number or an email.

    Raises ValueError for an identifier that is neither, IdentifierTaken when it is in use,
    and django's ValidationError for a password the validators refuse.
    """
    kind, value = parse_identifier(identifier)
    if identifier_taken(kind, value):
        raise IdentifierTaken(kind)
    user = User(username=_unique_username(kind, value), first_name=full_name.strip()[:150], **{kind: value})
    validate_password(password, user)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:  # the same number registered by a concurrent request
        raise IdentifierTaken(kind) from error
    return user


def _signup_key(ip_address: str | None) -> str:
    return f"accounts:signup-attempts:{ip_address or 'unknown'}"


def signup_attempt_allowed(ip_address: str | None) -> bool:
    return cache.get(_signup_key(ip_address), 0) < settings.SIGNUP_ATTEMPTS_PER_HOUR


def signup_attempt_record(ip_address: str | None) -> None:
    """Count one sign-up submission; the window is one hour from the first attempt."""
    key = _signup_key(ip_address)
    cache.add(key, 0, timeout=3600)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
