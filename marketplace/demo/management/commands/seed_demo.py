"""`python manage.py seed_demo [--products N]`: a believable demo site, safe to run again.

The first run draws the pictures, creates producers, products, pages and the admin account, then
the union's side: officers of four units, a seller account for every producer, verification
papers and requests (approved, waiting, sent back), OCOP certificates about to expire or waiting,
and a product hidden by staff. A second run finds them all by slug, title or username and changes
nothing, but for the livestreams: they are written afresh around the current time (live now, this
week, the past three weeks), the same number each run. `--products N` then tops the catalogue up to
N products with bulk inserts, for benchmarks.
"""

import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from marketplace.catalogue.models import Product
from marketplace.core.links import absolute_url
from marketplace.demo.accounts import SharedPassword, ensure_admin
from marketplace.demo.bulk import fill_catalogue
from marketplace.demo.catalogue import ensure_producers, ensure_products
from marketplace.demo.contest import ensure_contest
from marketplace.demo.livestreams import ensure_livestreams
from marketplace.demo.logins import login_lines
from marketplace.demo.moderation import ensure_staff_hidden_product
from marketplace.demo.news import ensure_news
from marketplace.demo.ocop import ensure_certificates, ensure_pending_certificate
from marketplace.demo.pages import ensure_pages
from marketplace.demo.pictures import ensure_pictures
from marketplace.demo.plan import DEFAULT_SEED, DemoPlan, build_plan
from marketplace.demo.programmes import ensure_programmes
from marketplace.demo.reports import ensure_reports
from marketplace.demo.sellers import ensure_sellers, seller_usernames
from marketplace.demo.staff import STAFF_USERNAMES, ensure_staff
from marketplace.demo.verification import ensure_verification
from producers.models import Producer


class Command(BaseCommand):
    help = ("Tạo dữ liệu mẫu (nhà sản xuất, sản phẩm, trang, tài khoản admin, cán bộ Hội, người bán); "
            "chạy lại không tạo trùng.")

    def add_arguments(self, parser):
        parser.add_argument(
            "--products", type=int, default=0, metavar="N",
            help="Thêm sản phẩm sinh tự động tới khi có tổng cộng N sản phẩm (để đo hiệu năng).",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Hạt giống ngẫu nhiên của dữ liệu mẫu.")

    def handle(self, *args, products: int, seed: int, **options):
        if products < 0:
            raise CommandError("--products phải là số không âm / --products must not be negative.")
        started = time.monotonic()
        now = timezone.now()
        plan = build_plan(seed)
        with transaction.atomic():
            pictures, drawn = ensure_pictures(plan)
            producers, new_producers = ensure_producers(plan, pictures=pictures, now=now)
            new_products = ensure_products(plan, producers=producers, pictures=pictures, now=now)
            new_certificates = ensure_certificates(plan, producers=producers, today=timezone.localdate(), now=now)
            ensure_pages(pictures=pictures, producers=producers)
            admin_lines = ensure_admin()
            union_lines = self._union_side(plan, producers=producers, now=now)
            # Sellers are verified and own their accounts by now; sessions are redrawn around now on every run.
            union_lines.append(ensure_livestreams(plan, producers=producers, now=now))
            union_lines.append(ensure_contest(staff=self.staff, now=now))
        self.stdout.write(
            f"Ảnh mới: {drawn}, nhà sản xuất mới: {new_producers}, sản phẩm mới: {new_products}, "
            f"chứng nhận OCOP mới: {new_certificates} (new pictures, producers, products, OCOP certificates)"
        )
        if products:
            added = fill_catalogue(
                total=products, plan=plan, pictures=pictures, rng=random.Random(seed + products), now=now,
                report=lambda done, wanted: self.stdout.write(f"  … {done}/{wanted}"),
            )
            self.stdout.write(f"Đã thêm {added} sản phẩm sinh tự động (generated products added).")
        for line in admin_lines + union_lines:
            self.stdout.write(line)
        self._summary(time.monotonic() - started)

    def _union_side(self, plan: DemoPlan, *, producers: dict, now) -> list[str]:
        """Officers, sellers, verification and OCOP work in progress; the lines to print."""
        password = SharedPassword()
        reset = password.apply_wanted(STAFF_USERNAMES + seller_usernames(plan))
        staff = self.staff = ensure_staff(producers=producers, password=password)
        owners = ensure_sellers(plan=plan, producers=producers, password=password)
        requests = ensure_verification(plan=plan, producers=producers, owners=owners, staff=staff, now=now)
        pending = ensure_pending_certificate(plan, producers=producers, today=timezone.localdate())
        hidden = ensure_staff_hidden_product(plan, staff=staff)
        programmes = ensure_programmes(producers=producers, owners=owners, staff=staff, now=now)
        news = ensure_news(staff=staff)
        reports = ensure_reports(staff=staff)
        return [
            programmes,
            news,
            reports,
            f"Hồ sơ xác minh mới: {requests}, chứng nhận OCOP chờ duyệt mới: {pending}, sản phẩm bị Hội ẩn mới: "
            f"{hidden} (new verification requests, pending OCOP certificates, products hidden by staff)",
            *login_lines(password, staff=staff, owners=owners, reset=reset),
        ]

    def _summary(self, seconds: float) -> None:
        provinces = Producer.objects.values("province_code").distinct().count()
        self.stdout.write(self.style.SUCCESS(
            f"Xong sau {seconds:.1f} giây: {Producer.objects.count()} nhà sản xuất ở {provinces} tỉnh/thành, "
            f"{Product.objects.count()} sản phẩm "
            f"({Product.objects.filter(status=Product.Status.PUBLISHED).count()} đang bán)."
        ))
        self.stdout.write(
            f"Done in {seconds:.1f} s. Trang quản trị / admin: {absolute_url('/admin/')}"
        )
