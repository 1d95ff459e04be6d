"""Worker memory: gunicorn (production settings, 2 sync workers, no max_requests) under 10,000 storefront requests.

Usage: .venv/bin/python bench/memory.py [--products 50000] [--requests 10000] [--clients 4] [--keep-db]
           [--database h4_mem] [--redis]
Requests go round the storefront: home, listings (pages, categories, filters, sorts), searches (some
misspelt, so the "Có phải bạn muốn tìm" vocabulary is built), thousands of distinct product pages,
producers, live pages and the cart of a visitor with a session. Prints each worker's RSS (VmRSS from
/proc/<pid>/status) at start and after 1,000, 5,000 and 10,000 requests (checkpoints scale with
--requests). The cache is LocMem unless --redis (Redis db 12), as a deployment without REDIS_URL has.
Never part of the test run; results are copied by hand into bench/RESULTS.md.
"""

import argparse
import http.client
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from checkout_http import Browser, children  # noqa: E402 - the bench folder is not a package

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
SEARCHES = ["nuoc mam", "mat ong", "tho cam", "ca phe", "dac san", "gom", "tra shan tuyet", "lua", "nuoc mamm",
            "matong", "banh trang", "nem chua", "hat dieu", "mien dong", "ruou can", "cafe", "xa phong", "gao st25"]


def bench_env(database: str, port: int, redis: bool) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "phone_audit_settings",
        "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT}",
        "PHONE_AUDIT_STATIC_ROOT": "/tmp/h4/static",
        "SECRET_KEY": "bench-only-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://{HOST}:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "CELERY_BROKER_URL": "",
        "REDIS_URL": "redis://127.0.0.1:6379/12" if redis else "",
        "MEDIA_ROOT": "/tmp/h4/media",
        "PRIVATE_MEDIA_ROOT": "/tmp/h4/private",
        "LOG_LEVEL": "ERROR",
    }


def prepare(env: dict, database: str, products: int) -> None:
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], stderr=subprocess.DEVNULL)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    started = time.monotonic()
    subprocess.run([PY, "manage.py", "seed_demo", "--products", str(products)], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"seed_demo --products {products}: {time.monotonic() - started:.0f} s (little when already seeded)")


def slugs(env: dict, model: str, count: int) -> list[str]:
    query = {
        "product": "from marketplace.catalogue.selectors import products_visible as q; rows = q()",
        "producer": "from producers.models import Producer; rows = Producer.objects.filter(verification_status='verified')",
        "live": "from marketplace.livestreams.selectors import sessions_visible as q; rows = q()",
    }[model]
    field = "pk" if model == "live" else "slug"
    code = f"import django; django.setup(); {query}; print('\\n'.join(str(s) for s in rows.order_by('?')" \
           f".values_list('{field}', flat=True)[:{count}]))"
    return subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True,
                          text=True).stdout.split()


def storefront_paths(env: dict, total: int, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    products = [f"/products/{s}/" for s in slugs(env, "product", 4000)]
    producers = [f"/producers/{s}/" for s in slugs(env, "producer", 300)]
    lives = [f"/live/{pk}/" for pk in slugs(env, "live", 50)] + ["/live/", "/live/?province=ha_noi"]
    categories = ["thuc-pham", "luu-niem-trang-tri", "do-uong"]
    provinces = ["ha_noi", "ho_chi_minh", "da_nang", "can_tho", "lao_cai"]

    def listing() -> str:
        params = [f"page={rng.randint(1, 40)}", f"sort={rng.choice(['newest', 'price_asc', 'price_desc'])}"]
        if rng.random() < .5:
            params.append(f"category={rng.choice(categories)}")
        if rng.random() < .3:
            params.append(f"province={rng.choice(provinces)}")
        return "/products/?" + "&".join(params)

    def search() -> str:
        page = f"&page={rng.randint(1, 5)}" if rng.random() < .3 else ""
        return f"/products/?q={rng.choice(SEARCHES).replace(' ', '+')}{page}"

    kinds = [(0.05, lambda: "/"), (0.20, listing), (0.15, search), (0.40, lambda: rng.choice(products)),
             (0.10, lambda: rng.choice(producers)), (0.05, lambda: rng.choice(lives)), (0.05, lambda: "/cart/")]
    paths = []
    for _ in range(total):
        roll, acc = rng.random(), 0.0
        for share, make in kinds:
            acc += share
            if roll < acc:
                paths.append(make())
                break
        else:
            paths.append("/")
    return paths


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--database", default="h4_mem")
    parser.add_argument("--port", type=int, default=9170)
    parser.add_argument("--redis", action="store_true", help="cache in Redis db 12 instead of LocMem")
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    env = bench_env(args.database, args.port, args.redis)
    prepare(env, args.database, args.products)
    paths = storefront_paths(env, args.requests)
    checkpoints = sorted({0, args.requests // 10, args.requests // 2, args.requests})
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "marketplace.wsgi", "-b", f"{HOST}:{args.port}",
         "--workers", "2", "--log-level", "error"], cwd=ROOT, env=env)
    try:
        for _ in range(150):
            try:
                conn = http.client.HTTPConnection(HOST, args.port, timeout=5)
                conn.request("GET", "/healthz")
                conn.getresponse().read()
                break
            except OSError:
                time.sleep(0.2)
        workers = children(server.pid)
        cart = Browser(args.port)  # a visitor with one product in her cart: the "/cart/" rows use her session
        _, html, _ = cart.request("GET", paths[[p.startswith("/products/") and "?" not in p for p in paths].index(True)])
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        variant = html.split('name="variant" value="')[1].split('"')[0]
        cart.request("POST", "/cart/add/", {"csrfmiddlewaretoken": token, "variant": variant, "quantity": 1})
        cookie = "; ".join(f"{k}={v}" for k, v in cart.cookies.items())

        def get(path: str) -> int:
            conn = http.client.HTTPConnection(HOST, args.port, timeout=60)
            conn.request("GET", path, headers={"Accept-Language": "vi", **({"Cookie": cookie} if path == "/cart/" else {})})
            status = conn.getresponse().status
            conn.close()
            return status

        print(f"{args.products} products, gunicorn 2 sync workers, production settings, cache "
              f"{'Redis' if args.redis else 'LocMem'}, {args.clients} clients, load {os.getloadavg()[0]:.1f}")
        print(f"{'requests':>9}{'errors':>8}{'s':>7}" + "".join(f"{'worker ' + str(i + 1) + ' MB':>14}" for i in range(len(workers))))
        done, errors, started = 0, 0, time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            for end in checkpoints:
                statuses = list(pool.map(get, paths[done:end]))
                errors += sum(1 for s in statuses if s != 200)
                done = end
                print(f"{done:>9}{errors:>8}{time.perf_counter() - started:>7.0f}"
                      + "".join(f"{rss_kb(pid) / 1024:>14.1f}" for pid in workers), flush=True)
        alive = children(server.pid)
        if sorted(alive) != sorted(workers):
            print(f"workers changed during the run: {workers} -> {alive}")
        print(f"load {os.getloadavg()[0]:.1f}")
    finally:
        server.terminate()
        server.wait()
        if not args.keep_db:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", args.database])


if __name__ == "__main__":
    main()
