"""The demo's admin account: created once with a random password (or DEMO_ADMIN_PASSWORD)."""

import os
import secrets

from django.contrib.auth import get_user_model

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
