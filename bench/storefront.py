"""Storefront benchmark: gunicorn on PostgreSQL with 50,000 products, 1 and 10 concurrent clients.

Usage: .venv/bin/python bench/storefront.py [--products 50000] [--requests 200] [--keep-db]
Prints requests/s, p50 and p95 per page and concurrency, and the listing's HTML size.
Never part of the test run; results are copied by hand into bench/RESULTS.md.
"""

import argparse
import http.client
import os
import random
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
HOST, PORT = "127.0.0.1", 8765
SEARCHES = ["nuoc mam", "mat ong", "tho cam", "ca phe", "dac san", "gom", "tra shan tuyet", "lua"]


def bench_env(database: str) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DEBUG": "0",
        "MEDIA_ROOT": "/tmp/bench-media",
        "LOG_LEVEL": "ERROR",
    }


def prepare_database(env: dict, database: str, products: int) -> None:
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], stderr=subprocess.DEVNULL)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    subprocess.run([PY, "manage.py", "seed_demo", "--products", str(products)], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"seed_demo --products {products}: {time.monotonic() - started:.0f} s (0 when already seeded)")


def product_paths(env: dict, count: int = 200) -> list[str]:
    code = (
        "import django; django.setup();"
        "from marketplace.catalogue.selectors import products_visible;"
        f"print('\\n'.join(products_visible().order_by('?').values_list('slug', flat=True)[:{count}]))"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "marketplace.settings"},
                         check=True, capture_output=True, text=True).stdout
    return [f"/products/{slug}/" for slug in out.split()]


def live_paths(env: dict) -> list[str]:
    code = (
        "import django; django.setup();"
        "from marketplace.livestreams.selectors import sessions_visible;"
        "print('\\n'.join(str(pk) for pk in sessions_visible().values_list('pk', flat=True)))"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "marketplace.settings"},
                         check=True, capture_output=True, text=True).stdout
    return [f"/live/{pk}/" for pk in out.split()]


def start_server(env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "marketplace.wsgi", "-b", f"{HOST}:{PORT}",
         "--workers", "4", "--threads", "1", "--log-level", "error"],
        cwd=ROOT, env=env,
    )
    for _ in range(100):
        try:
            get("/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def get(path: str) -> tuple[int, int, float]:
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Language": "vi"})
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    return response.status, len(body), elapsed


def run(paths: list[str], concurrency: int, total: int) -> dict:
    rng = random.Random(1)
    chosen = [rng.choice(paths) for _ in range(total)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        results = list(pool.map(get, chosen))
    wall = time.perf_counter() - started
    times = sorted(r[2] * 1000 for r in results)
    errors = sum(1 for r in results if r[0] != 200)
    return {
        "rps": total / wall,
        "p50": statistics.median(times),
        "p95": times[int(len(times) * 0.95) - 1],
        "errors": errors,
        "bytes": statistics.median(r[1] for r in results),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--database", default="bench_chophunu")
    parser.add_argument("--keep-db", action="store_true", help="keep the database for the next run")
    args = parser.parse_args()

    env = bench_env(args.database)
    prepare_database(env, args.database, args.products)
    details = product_paths(env)
    scenarios = {
        "home": ["/"],
        "listing": ["/products/", "/products/?page=2", "/products/?sort=price_asc"],
        "filtered listing": ["/products/?category=thuc-pham&province=ha_noi", "/products/?ocop=4&in_stock=true",
                             "/products/?kind=htx&min_price=50000&max_price=300000&sort=price_desc"],
        "search": [f"/products/?q={q.replace(' ', '+')}" for q in SEARCHES],
        "product detail": details,
        "live listing": ["/live/", "/live/?province=ha_noi", "/live/?category=thuc-pham"],
        "live session": live_paths(env),
    }
    server = start_server(env)
    try:
        for paths in scenarios.values():  # warm up: renditions, caches, connections
            for path in paths[:50]:
                get(path)
        print(f"\n{args.products} products, gunicorn 4 workers, {args.requests} requests per row")
        print(f"{'page':<18}{'clients':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'KB':>7}{'errors':>8}")
        for name, paths in scenarios.items():
            for concurrency in (1, 10):
                r = run(paths, concurrency, args.requests)
                print(f"{name:<18}{concurrency:>8}{r['rps']:>9.1f}{r['p50']:>9.1f}{r['p95']:>9.1f}"
                      f"{r['bytes'] / 1024:>7.1f}{r['errors']:>8}")
    finally:
        server.terminate()
        server.wait()
        if not args.keep_db:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", args.database])


if __name__ == "__main__":
    main()
