"""Search at scale (issue #14): the search page at 2,000 -> 50,000 -> 100,000 -> 500,000 products on PostgreSQL.

Usage: .venv/bin/python bench/search_scale.py [--sizes 2000,50000,100000,500000] [--requests 200]
                                              [--clients 10] [--cold] [--seed-only]
Seeds once: `seed_demo --products 2000` into h2_base, then each size is a copy of it (createdb -T)
grown by one INSERT ... SELECT generate_series of the demo products with varied names (a suffix
word, new slug, spread creation dates), so 500,000 takes minutes, not hours. Serves with gunicorn
(2 sync workers, production settings, DEBUG off, page cache OFF so every request runs the search)
and measures p50/p95 and req/s at 10 clients per query, plus EXPLAIN ANALYZE of the page's
product query. --cold also sets FACET_CACHE_SECONDS=0 (counts and facets computed on every request).
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
HOST, PORT = "127.0.0.1", 9121
BASE_DB = "h2_base"
QUERIES = {"tra": "tra", "mat ong": "mat+ong", "banh": "banh", "rare": "shan+tuyet", "two words": "nuoc+mam"}
PSQL = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-At"]

# Suffix words (shown, accent-free): the copies differ in name, not only in slug.
SUFFIXES = [("hộp quà", "hop qua"), ("loại 1", "loai 1"), ("mùa mới", "mua moi"), ("đặc biệt", "dac biet"),
            ("nhà làm", "nha lam"), ("truyền thống", "truyen thong"), ("túi nhỏ", "tui nho"),
            ("xuất khẩu", "xuat khau"), ("hữu cơ", "huu co"), ("gia truyền", "gia truyen"), ("", "")]
GROW_SQL = """
WITH src AS (SELECT p.*, row_number() OVER (ORDER BY id) - 1 AS rn, count(*) OVER () AS n FROM catalogue_product p),
     suffix(i, shown, plain) AS (SELECT s.i, s.shown, s.plain FROM unnest(%(shown)s::text[], %(plain)s::text[]) WITH ORDINALITY AS s(shown, plain, i))
INSERT INTO catalogue_product (name, slug, description, origin_province_code, origin_ward_code, unit, ocop_stars,
    status, created_at, updated_at, price, stock_total, search_text, name_search, category_id, producer_id,
    deleted_at, staff_hidden, staff_hidden_reason, rating_count, rating_sum)
SELECT trim(src.name || ' ' || sf.shown), src.slug || '-x' || g, src.description, src.origin_province_code,
    src.origin_ward_code, src.unit, src.ocop_stars, src.status,
    now() - (g %% 700000) * interval '1 minute', now(), src.price + (g %% 97) * 1000, src.stock_total,
    rtrim(src.search_text) || ' ' || sf.plain, rtrim(src.name_search || ' ' || sf.plain), src.category_id,
    src.producer_id, src.deleted_at, src.staff_hidden, '', 0, 0
FROM generate_series(1, %(count)s) AS g
JOIN src ON src.rn = (g::bigint * 7919) %% src.n
JOIN suffix sf ON sf.i = 1 + (g %% %(suffixes)s);
"""


def sql(database: str, text: str) -> str:
    done = subprocess.run(PSQL + [database, "-c", text], capture_output=True, text=True)
    if done.returncode:
        sys.exit(done.stderr)
    return done.stdout


def env_for(database: str, cold: bool) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "phone_audit_settings",
        "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT}",
        "PHONE_AUDIT_STATIC_ROOT": "/tmp/h2/static",
        "SECRET_KEY": "bench-only-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://{HOST}:{PORT}",
        "SECURE_SSL_REDIRECT": "0",
        "CELERY_BROKER_URL": "",
        "MEDIA_ROOT": "/tmp/h2/media",
        "PRIVATE_MEDIA_ROOT": "/tmp/h2/private",
        "PAGE_CACHE_SECONDS": "0",
        "FACET_CACHE_SECONDS": "0" if cold else "120",
        "LOG_LEVEL": "ERROR",
    }


def ensure_base() -> None:
    exists = subprocess.run(PSQL + ["postgres", "-c", f"SELECT 1 FROM pg_database WHERE datname='{BASE_DB}'"],
                            capture_output=True, text=True).stdout.strip()
    if exists:
        return
    env = env_for(BASE_DB, cold=False) | {"DJANGO_ENV": "development", "DJANGO_SETTINGS_MODULE": "marketplace.settings"}
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", BASE_DB], check=True)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "seed_demo", "--products", "2000"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def ensure_size(size: int) -> str:
    database = f"h2_p{size}"
    have = subprocess.run(PSQL + [database, "-c", "SELECT count(*) FROM catalogue_product"],
                          capture_output=True, text=True).stdout.strip()
    if have and int(have) >= size:
        return database
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "-T", BASE_DB, database], check=True)
    base = int(sql(database, "SELECT count(*) FROM catalogue_product").strip())
    started = time.monotonic()
    if size > base:
        shown = "{" + ",".join(f'"{s}"' for s, _ in SUFFIXES) + "}"
        plain = "{" + ",".join(f'"{p}"' for _, p in SUFFIXES) + "}"
        text = GROW_SQL % {
            "shown": f"'{shown}'", "plain": f"'{plain}'", "count": size - base, "suffixes": len(SUFFIXES)}
        sql(database, text)
    sql(database, "VACUUM ANALYZE catalogue_product")
    print(f"{database}: grown {base} -> {size} in {time.monotonic() - started:.0f} s", flush=True)
    return database


def start_server(env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "marketplace.wsgi", "-b", f"{HOST}:{PORT}",
         "--workers", "2", "--threads", "1", "--timeout", "120", "--log-level", "error"],
        cwd=ROOT, env=env,
    )
    for _ in range(150):
        try:
            get("/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def get(path: str) -> tuple[int, float, bytes]:
    conn = http.client.HTTPConnection(HOST, PORT, timeout=120)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Language": "vi"})
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    conn.close()
    return response.status, elapsed, body


def run(paths: list[str], clients: int, total: int) -> dict:
    rng = random.Random(1)
    chosen = [rng.choice(paths) for _ in range(total)]
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        results = list(pool.map(get, chosen))
    wall = time.perf_counter() - started
    times = sorted(r[1] * 1000 for r in results)
    return {"rps": total / wall, "p50": statistics.median(times), "p95": times[int(len(times) * 0.95) - 1],
            "errors": sum(1 for r in results if r[0] != 200)}


EXPLAIN = """
import django, re; django.setup()
from django.conf import settings
from django.db import connection
from django.http import QueryDict
from marketplace.catalogue import search, selectors
def ms(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, FORMAT TEXT) " + sql, params)
        plan = "\\n".join(row[0] for row in cursor.fetchall())
    return float(re.search(r"Execution Time: ([0-9.]+)", plan).group(1))
_filterset, queryset, _sort = selectors.filtered_products(params=QueryDict("q={q}"))
total = search.capped_count(queryset)
limit = settings.SEARCH_CANDIDATE_LIMIT
ranked = (search.bounded_candidates(queryset, "{q}", limit) if total > limit else queryset).values("pk")[:limit]
counted = queryset.order_by().values("pk")[: settings.SEARCH_COUNT_CAP + 1]
listing = selectors.product_list(params=QueryDict("q={q}"))
print(f"{ms(ranked):.1f}", f"{ms(counted):.1f}", listing.total, listing.total_capped,
      "|".join(p.name for p in listing.page.object_list[:3]))
"""


def explain(env: dict, query: str) -> str:
    code = EXPLAIN.replace("{q}", query.replace("+", " "))
    return subprocess.run([PY, "-c", code], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout.split(maxsplit=4)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="2000,50000,100000,500000")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--seed-only", action="store_true")
    args = parser.parse_args()
    ensure_base()
    sizes = [int(s) for s in args.sizes.split(",")]
    databases = {size: ensure_size(size) for size in sizes}
    if args.seed_only:
        return
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,
                   env=env_for(BASE_DB, False), check=True)
    rows = []
    for size in sizes:
        env = env_for(databases[size], args.cold)
        subprocess.run(["redis-cli", "-n", "13", "FLUSHDB"], capture_output=True)
        server = start_server(env)
        try:
            for label, query in QUERIES.items():
                # Pages 1-3 of the query: one ranking kept, three different page fetches.
                paths = [f"/products/?q={query}&page={n}" for n in (1, 2, 3)]
                run(paths, 2, 4)  # warm the workers (and, unless --cold, the kept count and ranking)
                result = run(paths, args.clients, args.requests)
                rank_ms, count_ms, total, capped, top = explain(env, query)
                shown = f"{'>' if capped == 'True' else ''}{total}"
                rows.append((size, label, result, float(rank_ms), float(count_ms), shown))
                print(f"{size:>7} {label:<10} {result['rps']:6.1f} req/s p50 {result['p50']:7.1f} ms "
                      f"p95 {result['p95']:7.1f} ms err {result['errors']} rank {rank_ms} ms count {count_ms} ms "
                      f"total {shown} top: {top.strip()}", flush=True)
        finally:
            server.terminate()
            server.wait()
    print(f"\n| products | query | req/s | p50 ms | p95 ms | rank query ms | count query ms | count shown |  ({args.clients} clients, "
          f"{args.requests} requests, 2 gunicorn workers, page cache off{', counts uncached' if args.cold else ''})")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for size, label, result, rank_ms, count_ms, total in rows:
        print(f"| {size:,} | {label} | {result['rps']:.1f} | {result['p50']:.0f} | {result['p95']:.0f} | {rank_ms:.1f} "
              f"| {count_ms:.1f} | {total} |")


if __name__ == "__main__":
    main()
