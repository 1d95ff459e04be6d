"""Create (or update) a union officer: an account, her unit, and the "Cán bộ Hội" admin group.

    python manage.py create_union_staff --unit-province ha_noi --email lan@hoiphunu.vn --phone 0912345678 \
        --password '...' --name "Nguyễn Thị Lan"
    python manage.py create_union_staff --unit-province 1 --unit-ward 4 --phone 0912345678 --password '...'
    python manage.py create_union_staff --central --email tw@hoiphunu.vn --password '...'
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from marketplace.accounts.phone import normalise_phone
from marketplace.core.geography import province_by_codename, province_name
from producers.models import UnionUnit
from producers.services.union import union_staff_attach
from producers.staff_group import UNION_STAFF_GROUP


class Command(BaseCommand):
    help = "Tạo tài khoản cán bộ Hội gắn với một đơn vị (tỉnh, phường/xã hoặc trung ương) và quyền vào /admin/."

    def add_arguments(self, parser):
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--unit-province", help="Mã tỉnh (ví dụ 1) hoặc tên mã (ví dụ ha_noi).")
        where.add_argument("--central", action="store_true", help="Cán bộ Trung ương Hội (thấy toàn quốc).")
        parser.add_argument("--unit-ward", type=int, help="Mã phường/xã trong tỉnh đó (nếu là cán bộ phường/xã).")
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--password", default="", help="Bỏ trống để giữ mật khẩu cũ của tài khoản đã có.")
        parser.add_argument("--name", default="", help="Họ tên.")
        parser.add_argument("--title", default="Cán bộ Hội", help="Chức danh.")

    def handle(self, *args, **options):
        unit = self._unit(options)
        email = (options["email"] or "").strip().lower()
        try:
            phone = normalise_phone(options["phone"]) if options["phone"] else ""
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not email and not phone:
            raise CommandError("Cần --email hoặc --phone để cán bộ đăng nhập.")
        with transaction.atomic():
            user, created = self._user(email=email, phone=phone, name=options["name"], password=options["password"])
            union_staff_attach(user=user, unit=unit, title=options["title"])
        login = phone or email
        self.stdout.write(self.style.SUCCESS(
            f"{'Đã tạo' if created else 'Đã cập nhật'} tài khoản {login} (tên đăng nhập: {user.username}).\n"
            f"Gắn với đơn vị: {unit.name}.\n"
            f"Đã thêm vào nhóm “{UNION_STAFF_GROUP}”: đăng nhập tại /admin/ bằng số điện thoại hoặc email."
        ))

    def _unit(self, options) -> UnionUnit:
        if options["central"]:
            unit = UnionUnit.objects.filter(level=UnionUnit.Level.CENTRAL).first()
            if unit is None:
                raise CommandError("Chưa có cây đơn vị Hội: hãy chạy `python manage.py load_union_units` trước.")
            return unit
        raw = str(options["unit_province"]).strip()
        code = int(raw) if raw.isdigit() else province_by_codename().get(raw)
        if code is None or not province_name(code):
            raise CommandError(f"Không có tỉnh/thành phố “{raw}”. Dùng mã số (ví dụ 1) hoặc tên mã (ví dụ ha_noi).")
        units = UnionUnit.objects.filter(province_code=code)
        if options["unit_ward"]:
            unit = units.filter(level=UnionUnit.Level.COMMUNE, ward_code=options["unit_ward"]).first()
            if unit is None:
                raise CommandError(f"Không có Hội phường/xã mã {options['unit_ward']} trong {province_name(code)}.")
            return unit
        unit = units.filter(level=UnionUnit.Level.PROVINCE).first()
        if unit is None:
            raise CommandError("Chưa có cây đơn vị Hội: hãy chạy `python manage.py load_union_units` trước.")
        return unit

    def _user(self, *, email: str, phone: str, name: str, password: str):
        User = get_user_model()
        by_email = User.objects.filter(email__iexact=email).first() if email else None
        by_phone = User.objects.filter(phone=phone).first() if phone else None
        if by_email and by_phone and by_email.pk != by_phone.pk:
            raise CommandError("Email và số điện thoại thuộc hai tài khoản khác nhau.")
        user = by_email or by_phone
        created = user is None
        if created:
            if not password:
                raise CommandError("Tài khoản mới cần --password.")
            user = User(username=self._username(email, phone))
        user.email = email or user.email
        user.phone = phone or user.phone
        user.first_name = (name or user.first_name)[:150]
        if password:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from None
            user.set_password(password)
        user.is_active = True
        user.save()
        return user, created

    @staticmethod
    def _username(email: str, phone: str) -> str:
        User = get_user_model()
        base = ("sdt" + phone.removeprefix("+")) if phone else email.split("@", 1)[0][:30] or "can-bo"
        username, n = base, 2
        while User.objects.filter(username=username).exists():
            username, n = f"{base}-{n}", n + 1
        return username
