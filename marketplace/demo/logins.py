"""What `seed_demo` tells a newcomer about the officer and seller accounts, in Vietnamese and English."""


from marketplace.accounts.phone import format_phone
from marketplace.core.links import absolute_url
from marketplace.demo.accounts import STAFF_PASSWORD_VARIABLE, SharedPassword
from marketplace.demo.sellers import EXAMPLE_PRODUCER
from producers.models import UnionStaff


def login_lines(password: SharedPassword, *, staff: dict, owners: dict, reset: bool) -> list[str]:
    base = absolute_url()
    if password.accounts_created:
        count, shown = password.accounts_created, password.shown
        lines = [f"Đã tạo {count} tài khoản demo (cán bộ Hội, người bán), mật khẩu chung: {shown}",
                 f"Created {count} demo accounts (union staff, sellers), shared password: {shown}"]
    elif reset:
        lines = [f"Đã đặt mật khẩu chung của các tài khoản demo theo {STAFF_PASSWORD_VARIABLE}.",
                 f"Set the shared password of the demo accounts from {STAFF_PASSWORD_VARIABLE}."]
    else:
        lines = [f"Các tài khoản demo (cán bộ Hội, người bán) đã có; đặt mật khẩu chung mới bằng "
                 f"{STAFF_PASSWORD_VARIABLE}=... python manage.py seed_demo",
                 f"The demo accounts (union staff, sellers) already exist; set a new shared password with "
                 f"{STAFF_PASSWORD_VARIABLE}=... python manage.py seed_demo"]
    units = dict(UnionStaff.objects.filter(user__in=staff.values()).values_list("user__username", "unit__name"))
    officers = ", ".join(f"{username} ({units.get(username, '?')})" for username in staff)
    lines.append(f"  Cán bộ Hội / union staff → {base}/admin/: {officers}")
    owner = owners.get(EXAMPLE_PRODUCER)
    if owner is not None and owner.phone:
        lines.append(
            f"  Người bán / seller → {base}/accounts/login/?next=/seller/: {format_phone(owner.phone)} "
            f"({owner.first_name}, {owner.producer_memberships.get().producer.name})"
        )
    return lines
