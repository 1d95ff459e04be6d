"""Checkout benchmark: 20 concurrent buyers placing orders on PostgreSQL, and whether anything oversold.

Usage: .venv/bin/python bench/checkout.py [--buyers 20] [--orders-per-buyer 25] [--stock 40] [--keep-db]
Each buyer places orders of 1–3 lines drawn from a small set of hot variants (so buyers really
compete for the same rows) through `order_place`, the service the checkout view calls. Prints
orders/s, p50/p95 latency, refusals for lack of stock, and the oversold units (must be 0).
Never part of the test run; results are copied by hand into bench/RESULTS.md.
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")


def prepare(database: str) -> dict:
    env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
           "MEDIA_ROOT": "/tmp/bench-checkout-media", "PRIVATE_MEDIA_ROOT": "/tmp/bench-checkout-private"}
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], stderr=subprocess.DEVNULL)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return env


def run(args) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings")
    django.setup()
    from django.db import connection

    from marketplace.catalogue.models import ProductVariant
    from marketplace.catalogue.selectors import products_visible
    from marketplace.core.geography import wards_of
    from marketplace.orders.errors import OrderError
    from marketplace.orders.models import OrderLine
    from marketplace.orders.placement import order_place

    hot = list(ProductVariant.objects.filter(product__in=products_visible()).order_by("pk")[: args.variants])
    ProductVariant.objects.filter(pk__in=[v.pk for v in hot]).update(stock=args.stock)
    start_stock = {v.pk: args.stock for v in hot}
    # Only lines this run makes count: a kept database (--keep-db) or the demo's orders already hold lines
    # of these variants, which were sold from another stock and would read as oversold.
    first_line_id = (OrderLine.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    ward = wards_of(1)[0][0]
    latencies: list[float] = []
    refused = 0
    lock = threading.Lock()

    def buyer(seed: int) -> None:
        nonlocal refused
        rng = random.Random(seed)
        try:
            for _ in range(args.orders_per_buyer):
                lines = [(v.pk, rng.randint(1, 2)) for v in rng.sample(hot, rng.randint(1, 3))]
                started = time.perf_counter()
                try:
                    order_place(lines=lines, contact_name="Khách thử", phone="0912345678", province_code=1,
                                ward_code=ward, street="1 Tràng Tiền", payment_method="cod")
                    ok = True
                except OrderError:
                    ok = False
                elapsed = time.perf_counter() - started
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        refused += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer, args=(i,)) for i in range(args.buyers)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started

    sold = {pk: 0 for pk in start_stock}
    this_run = OrderLine.objects.filter(variant_id__in=start_stock, pk__gte=first_line_id)
    for variant_id, quantity in this_run.values_list("variant_id", "quantity"):
        sold[variant_id] += quantity
    now_stock = dict(ProductVariant.objects.filter(pk__in=start_stock).values_list("pk", "stock"))
    oversold = sum(max(0, sold[pk] - start_stock[pk]) for pk in start_stock)
    mismatched = sum(1 for pk in start_stock if start_stock[pk] - sold[pk] != now_stock[pk])
    times = sorted(t * 1000 for t in latencies)
    print(f"{args.buyers} buyers × {args.orders_per_buyer} attempts on {len(hot)} hot variants "
          f"(stock {args.stock} each), PostgreSQL")
    print(f"orders placed {len(times)}, refused for stock {refused}, wall {wall:.1f} s, "
          f"{len(times) / wall:.1f} orders/s")
    if times:
        print(f"latency p50 {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms")
    print(f"units sold {sum(sold.values())} of {sum(start_stock.values())}; oversold units {oversold}; "
          f"variants whose stock does not add up {mismatched}; lowest stock {min(now_stock.values())}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--buyers", type=int, default=20)
    parser.add_argument("--orders-per-buyer", type=int, default=25)
    parser.add_argument("--variants", type=int, default=8)
    parser.add_argument("--stock", type=int, default=40)
    parser.add_argument("--database", default="bench_checkout")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    env = prepare(args.database)
    os.environ.update(env)
    try:
        run(args)
    finally:
        if not args.keep_db:
            from django.db import connections

            connections.close_all()
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", args.database])


if __name__ == "__main__":
    main()
