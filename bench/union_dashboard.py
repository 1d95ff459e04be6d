"""The union's roll-up dashboard at scale: the union tree (34 provinces, 3,321 wards), 50,000 products,
2,000 producers spread over every ward, 200,000 orders over the last year; gunicorn on PostgreSQL with
production settings. Measures the province dashboard (Hà Nội, its wards as rows) and the central one
(34 provinces), for a month and for a year, signed in as a central officer.

Usage: .venv/bin/python bench/union_dashboard.py [--orders 200000] [--requests 30] [--keep-db]
Never part of the test run; results are copied by hand into bench/RESULTS.md.
"""

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from storefront import HOST, PORT, PY, bench_env, prepare_database, start_server  # noqa: E402

PRODUCERS = 2_000


def seed_union_scale(env: dict, orders: int) -> dict:
    """Producers over every ward and `orders` orders; idempotent (adds only what is missing)."""
    code = f"""
import random, django
django.setup()
from datetime import timedelta
from django.utils import timezone
from marketplace.orders.models import Checkout, Order
from producers.models import Producer, UnionUnit, UnionStaff
from django.contrib.auth import get_user_model
rng = random.Random(7)
wards = list(UnionUnit.objects.filter(level=2).values_list("pk", "province_code", "ward_code"))
have = Producer.objects.filter(slug__startswith="bench-").count()
Producer.objects.bulk_create([
    Producer(name=f"Cơ sở thử {{i}}", slug=f"bench-{{i}}", province_code=w[1], ward_code=w[2], union_unit_id=w[0],
             verification_status="verified" if i % 3 else "submitted", woman_leader=bool(i % 2), kind="hkd")
    for i, w in ((i, wards[i % len(wards)]) for i in range(have, {PRODUCERS}))], batch_size=1000)
producers = list(Producer.objects.filter(slug__startswith="bench-").values_list("pk", "province_code"))
missing = {orders} - Order.objects.count()
now = timezone.now()
made = 0
while made < missing:
    size = min(5000, missing - made)
    checkouts = Checkout.objects.bulk_create([
        Checkout(contact_name="Người mua", phone=f"+8491{{rng.randrange(10**7):07d}}", province_code=1,
                 street="1 Phố Huế", payment_method="cod") for _ in range(size)])
    picks = [rng.choice(producers) for _ in range(size)]
    Order.objects.bulk_create([
        Order(checkout=checkout, producer_id=pick[0], status=rng.choice(["confirmed", "shipped", "completed", "cancelled"]),
              subtotal=120000, shipping_fee=30000, total=150000, placed_at=now - timedelta(minutes=rng.randrange(525600)))
        for checkout, pick in zip(checkouts, picks)], batch_size=5000)
    made += size
User = get_user_model()
officer, _ = User.objects.get_or_create(username="bench.trunguong", defaults={{"email": "bench@hoiphunu.vn"}})
officer.set_password("bench-dashboard-2026")
officer.is_superuser = True
officer.save()
ha_noi = UnionUnit.objects.get(level=1, province_code=1)
print(ha_noi.pk, Order.objects.count(), Producer.objects.count(), UnionUnit.objects.filter(level=2).count())
"""
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "marketplace.settings"},
                         check=True, capture_output=True, text=True).stdout.split()
    return {"ha_noi": int(out[0]), "orders": int(out[1]), "producers": int(out[2]), "wards": int(out[3])}


def session_cookie() -> str:
    import http.client
    import re

    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    conn.request("GET", "/admin/login/")
    response = conn.getresponse()
    page = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    body = f"csrfmiddlewaretoken={token}&username=bench.trunguong&password=bench-dashboard-2026"
    conn.request("POST", "/admin/login/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf_cookie}",
        "Referer": f"http://{HOST}:{PORT}/admin/login/", "Origin": f"http://{HOST}:{PORT}"})
    response = conn.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie") or "")
    if not session:
        sys.exit(f"log-in failed: {response.status}")
    return f"sessionid={session.group(1)}"


def timed(path: str, cookie: str) -> tuple[int, float, int]:
    import http.client

    conn = http.client.HTTPConnection(HOST, PORT, timeout=60)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": cookie, "Accept-Language": "vi"})
    response = conn.getresponse()
    body = response.read()
    return response.status, (time.perf_counter() - started) * 1000, len(body)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=50_000)
    parser.add_argument("--orders", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--database", default="bench_union")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    env = bench_env(args.database)
    prepare_database(env, args.database, args.products)
    started = time.monotonic()
    facts = seed_union_scale(env, args.orders)
    print(f"union scale: {facts} ({time.monotonic() - started:.0f} s)")
    year = time.localtime().tm_year
    month = f"{year}-{time.localtime().tm_mon:02d}"
    scenarios = {
        "province, month": f"/admin/unit-reports/dashboard/?unit={facts['ha_noi']}&period={month}",
        "province, year": f"/admin/unit-reports/dashboard/?unit={facts['ha_noi']}&period={year}",
        "central, month": f"/admin/unit-reports/dashboard/?period={month}",
        "central, year": f"/admin/unit-reports/dashboard/?period={year}",
    }
    server = start_server(env)
    try:
        cookie = session_cookie()
        for path in scenarios.values():
            timed(path, cookie)
        print(f"\n{facts['orders']} orders, {facts['producers']} producers, {facts['wards']} wards, one client")
        print(f"{'dashboard':<18}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'KB':>7}{'errors':>8}")
        for name, path in scenarios.items():
            results = [timed(path, cookie) for _ in range(args.requests)]
            times = sorted(r[1] for r in results)
            errors = sum(1 for r in results if r[0] != 200)
            print(f"{name:<18}{statistics.median(times):>9.1f}{times[int(len(times) * 0.95) - 1]:>9.1f}"
                  f"{times[-1]:>9.1f}{results[0][2] / 1024:>7.1f}{errors:>8}")
    finally:
        server.terminate()
        server.wait()
        if not args.keep_db:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", args.database])


if __name__ == "__main__":
    random.seed(1)
    main()
