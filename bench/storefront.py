"""Storefront benchmark: gunicorn on PostgreSQL with 50,000 products, 1 and 10 concurrent clients.

Usage: .venv/bin/python bench/storefront.py [--products 50000] [--requests 200] [--keep-db] [--no-page-cache]
Prints requests/s, p50 and p95 per page and concurrency, and the listing's HTML size. Production
settings (DEBUG off, WhiteNoise's hashed static files); the page cache on unless --no-page-cache.
"cart" is a visitor with one product in her cart (a session: never a kept page); every other row
is a visitor without a session, as a first visit from a search engine or a shared link is.
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
REDIS_URL = "redis://127.0.0.1:6379/10"  # flushed when the server starts
SEARCHES = ["nuoc mam", "mat ong", "tho cam", "ca phe", "dac san", "gom", "tra shan tuyet", "lua"]


def bench_env(database: str, page_cache: bool = True) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "phone_audit_settings",  # production settings, static files outside the checkout
        "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT}",
        "PHONE_AUDIT_STATIC_ROOT": "/tmp/bench-static",
        "SECRET_KEY": "bench-only-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://{HOST}:{PORT}",
        "SECURE_SSL_REDIRECT": "0",
        "CELERY_BROKER_URL": "",
        "MEDIA_ROOT": "/tmp/bench-media",
        "PRIVATE_MEDIA_ROOT": "/tmp/bench-private",
        "PAGE_CACHE_SECONDS": "600" if page_cache else "0",
        "REDIS_URL": REDIS_URL,  # as deployed: kept pages, cards and sessions shared by the workers
        "LOG_LEVEL": "ERROR",
    }


def prepare_database(env: dict, database: str, products: int) -> None:
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], stderr=subprocess.DEVNULL)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
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
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    return [f"/products/{slug}/" for slug in out.split()]


def producer_paths(env: dict, count: int = 50) -> list[str]:
    code = (
        "import django; django.setup();"
        "from producers.models import Producer;"
        f"print('\\n'.join(Producer.objects.filter(verification_status='verified').order_by('?').values_list('slug', flat=True)[:{count}]))"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    return [f"/producers/{slug}/" for slug in out.split()]


def cart_cookie(product_path: str) -> str:
    """A visitor who put one product in her cart: her session cookie."""
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    conn.request("GET", product_path)
    response = conn.getresponse()
    html = response.read().decode()
    csrf = response.getheader("Set-Cookie", "").split("csrftoken=")[1].split(";")[0]
    token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    variant = html.split('name="variant" value="')[1].split('"')[0]
    conn.request("POST", "/cart/add/", body=f"csrfmiddlewaretoken={token}&variant={variant}&quantity=1",
                 headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}",
                          "Referer": f"http://{HOST}:{PORT}{product_path}"})
    response = conn.getresponse()
    response.read()
    cookies = response.getheader("Set-Cookie", "")
    conn.close()
    if "sessionid=" not in cookies:  # sold out: no cart, only a message
        return ""
    return f"csrftoken={csrf}; sessionid={cookies.split('sessionid=')[1].split(';')[0]}"


def live_paths(env: dict) -> list[str]:
    code = (
        "import django; django.setup();"
        "from marketplace.livestreams.selectors import sessions_visible;"
        "print('\\n'.join(str(pk) for pk in sessions_visible().values_list('pk', flat=True)))"
    )
    out = subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    return [f"/live/{pk}/" for pk in out.split()]


def start_server(env: dict) -> subprocess.Popen:
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, stdout=subprocess.DEVNULL)
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


COOKIES: dict[str, str] = {}  # path -> Cookie header, for the rows of a visitor with a session


def get(path: str) -> tuple[int, int, float]:
    conn = http.client.HTTPConnection(HOST, PORT, timeout=30)
    started = time.perf_counter()
    headers = {"Accept-Language": "vi"}
    if path in COOKIES:
        headers["Cookie"] = COOKIES[path]
    conn.request("GET", path, headers=headers)
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
    parser.add_argument("--no-page-cache", action="store_true", help="PAGE_CACHE_SECONDS=0: every page rendered")
    args = parser.parse_args()

    env = bench_env(args.database, page_cache=not args.no_page_cache)
    prepare_database(env, args.database, args.products)
    details = product_paths(env)
    scenarios = {
        "home": ["/"],
        "listing": ["/products/", "/products/?page=2", "/products/?sort=price_asc"],
        "category": ["/products/?category=thuc-pham", "/products/?category=luu-niem-trang-tri",
                     "/products/?category=do-uong"],
        "filtered listing": ["/products/?category=thuc-pham&province=ha_noi", "/products/?ocop=4&in_stock=true",
                             "/products/?kind=htx&min_price=50000&max_price=300000&sort=price_desc"],
        "search": [f"/products/?q={q.replace(' ', '+')}" for q in SEARCHES],
        "product detail": details,
        "producer": producer_paths(env),
        "cart": ["/cart/"],
        "live listing": ["/live/", "/live/?province=ha_noi", "/live/?category=thuc-pham"],
        "live session": live_paths(env),
    }
    server = start_server(env)
    try:
        COOKIES["/cart/"] = next(cookie for cookie in map(cart_cookie, details) if cookie)
        for paths in scenarios.values():  # warm up: renditions, caches, connections
            for path in paths[:50]:
                get(path)
        print(f"\n{args.products} products, gunicorn 4 workers, production settings, page cache "
              f"{'off' if args.no_page_cache else 'on'}, {args.requests} requests per row, load {os.getloadavg()[0]:.2f}")
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
