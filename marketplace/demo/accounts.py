"""The demo's accounts: the admin (DEMO_ADMIN_PASSWORD), and the officers and sellers who share one
password (DEMO_STAFF_PASSWORD); a random password is printed once, when the accounts are created.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

ADMIN_USERNAME = "admin"
PASSWORD_VARIABLE = "DEMO_ADMIN_PASSWORD"


def ensure_admin() -> list[str]:
    """Create or check the admin account; the lines to tell whoever runs the command."""
    user_model = get_user_model()
    wanted = os.environ.get(PASSWORD_VARIABLE, "")
    user = user_model.objects.filter(username=ADMIN_USERNAME).first()
    if user is None:
        password = wanted or secrets.token_urlsafe(12)
        user_model.objects.create_superuser(ADMIN_USERNAME, "admin@example.com", password)
        shown = f"({PASSWORD_VARIABLE})" if wanted else password
        return [
            f"Đã tạo tài khoản quản trị «{ADMIN_USERNAME}», mật khẩu: {shown}",
            f"Created the admin account '{ADMIN_USERNAME}', password: {shown}",
        ]
    if wanted and not user.check_password(wanted):
        user.set_password(wanted)
        user.save(update_fields=["password"])
        return [
            f"Đã đặt mật khẩu của «{ADMIN_USERNAME}» theo {PASSWORD_VARIABLE}.",
            f"Set the password of '{ADMIN_USERNAME}' from {PASSWORD_VARIABLE}.",
        ]
    return [
        f"Tài khoản «{ADMIN_USERNAME}» đã có; đặt lại mật khẩu bằng: python manage.py changepassword {ADMIN_USERNAME}",
        f"The '{ADMIN_USERNAME}' account already exists; reset its password with: "
        f"python manage.py changepassword {ADMIN_USERNAME}",
    ]


STAFF_PASSWORD_VARIABLE = "DEMO_STAFF_PASSWORD"
DEMO_EMAIL_DOMAIN = "example.com"


class SharedPassword:
    """The one password of every demo officer and seller, chosen (and hashed) once per run.

    One hash for all: sixty PBKDF2 rounds would be most of the command's time.
    """

    def __init__(self):
        self.wanted = os.environ.get(STAFF_PASSWORD_VARIABLE, "")
        self._plain = ""
        self._hashed = ""
        self.accounts_created = 0

    @property
    def hashed(self) -> str:
        if not self._hashed:
            self._plain = self.wanted or secrets.token_urlsafe(9)
            self._hashed = make_password(self._plain)
        return self._hashed

    @property
    def shown(self) -> str:
        return f"({STAFF_PASSWORD_VARIABLE})" if self.wanted else self._plain

    def new_user(self, username: str, *, name: str, phone: str | None = None):
        """An unsaved account with this password; `username@example.com` as its email."""
        self.accounts_created += 1
        return get_user_model()(
            username=username, first_name=name[:150], email=f"{username}@{DEMO_EMAIL_DOMAIN}", phone=phone,
            password=self.hashed,
        )

    def apply_wanted(self, usernames: list[str]) -> bool:
        """Give the existing demo accounts DEMO_STAFF_PASSWORD when it is set and differs; whether it did."""
        accounts = get_user_model().objects.filter(username__in=usernames)
        sample = accounts.first()
        if not self.wanted or sample is None or sample.check_password(self.wanted):
            return False
        accounts.update(password=self.hashed)
        return True
