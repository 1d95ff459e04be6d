"""Log in with a phone number (any usual spelling) or an email; staff accounts may still use their username."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from marketplace.accounts.phone import parse_identifier

# AccessAttempt.username is 255 characters; a longer POST must not break the lockout bookkeeping.
AXES_USERNAME_MAX_LENGTH = 255


def find_user_by_identifier(identifier: str | None):
    """The one user a typed phone, email or username designates, or None."""
    User = get_user_model()
    if not identifier:
        return None
    try:
        kind, value = parse_identifier(identifier)
    except ValueError:
        kind, value = None, None
    if kind == "phone":
        user = User.objects.filter(phone=value).first()
    elif kind == "email":
        # Accounts made outside the sign-up form may differ only by case; never guess between two.
        matches = list(User.objects.filter(email__iexact=value)[:2])
        user = matches[0] if len(matches) == 1 else None
    else:
        user = None
    return user or User.objects.filter(username=identifier.strip()).first()


class PhoneOrEmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = find_user_by_identifier(username)
        if user is None:
            # Hash anyway so that an unknown account answers as slowly as a wrong password.
            get_user_model()().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request, credentials=None) -> str | None:
    """The key django-axes counts failures under: one key per account, however it was named.

    "0912 345 678", "+84912345678", the account's email and its username all map to the username,
    which is also what axes passes after a successful login (so AXES_RESET_ON_SUCCESS finds it).
    An identifier of no account is keyed by its normalised form.
    """
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = credentials.get(field) if credentials else getattr(request, "POST", {}).get(field)
    if not raw:
        return None
    raw = str(raw)[:AXES_USERNAME_MAX_LENGTH]
    known = request.__dict__.setdefault("_axes_username_keys", {}) if request is not None else {}
    if raw not in known:
        user = find_user_by_identifier(raw)
        if user is not None:
            known[raw] = user.get_username()
        else:
            try:
                known[raw] = parse_identifier(raw)[1]
            except ValueError:
                known[raw] = raw.strip().lower()
    return known[raw]
