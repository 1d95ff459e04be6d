"""Checkout over HTTP: 20 buyers with their own cookies doing the real forms against gunicorn on PostgreSQL.

Usage: .venv/bin/python bench/checkout_http.py [--buyers 20] [--journeys 15] [--stock 60]
           [--servers sync:2,sync:4,sync:5,gthread:2x4] [--keep-db] [--eager]
Each journey: GET a hot product's page, POST its add-to-cart form ("Mua ngay", CSRF token from the form),
follow to /checkout/, "Chọn tỉnh" when the page has no province yet (a buyer's first journey), POST the
checkout form (cash on delivery, the hidden shown_total/shown_province as the page drew them), follow to
the order page. The hot variants have limited stock, so buyers compete.
Prints orders/s (placed orders over wall time), p50/p95 of the checkout POST and of the whole journey,
refusals for lack of stock (as the page says them), and oversold units from the database (must be 0).
Production settings (bench/phone_audit_settings.py) with Redis as the cache (db 12: kept pages, sessions
read through it) and as Celery's broker (db 11), as a deployment has, so order emails are queued, not
sent inside the request; --eager sends them in the request instead.
The load generator is http.client with keep-alive, one thread per buyer; its own CPU time is printed.
Never part of the test run; results are copied by hand into bench/RESULTS.md.
"""

import argparse
import http.client
import os
import random
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
HOST = "127.0.0.1"
CACHE_URL = "redis://127.0.0.1:6379/12"  # flushed before each server starts
STOCK_REFUSALS = ("đã hết hàng", "Chỉ còn")  # the placement's messages (marketplace/orders/placement.py)
SOLD_OUT_MEANWHILE = "vừa hết hàng hoặc ngừng bán"  # the checkout's, sending her back to the cart
INPUT = re.compile(r"<input\b[^>]*>")
STEP_NAMES = {"products": "product", "cart": "cart", "checkout": "checkout", "orders": "order"}
STEP_MS: dict[str, list[float]] = {}  # each request's time by step, for the per-step medians
STEP_LOCK = threading.Lock()
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


def bench_env(database: str, port: int, eager: bool) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "phone_audit_settings",  # production settings, static files outside the checkout
        "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT}",
        "PHONE_AUDIT_STATIC_ROOT": "/tmp/h4/static",
        "SECRET_KEY": "bench-only-" + "x" * 60,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": f"http://{HOST}:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "CELERY_BROKER_URL": "" if eager else "redis://127.0.0.1:6379/11",
        "REDIS_URL": CACHE_URL,  # as deployed: shared kept pages, sessions read through it
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "MEDIA_ROOT": "/tmp/h4/media",
        "PRIVATE_MEDIA_ROOT": "/tmp/h4/private",
        "LOG_LEVEL": "ERROR",
    }


def prepare(env: dict, database: str) -> None:
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], stderr=subprocess.DEVNULL)
    subprocess.run([PY, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "seed_demo"], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


class Browser:
    """One buyer: a keep-alive connection and a cookie jar; follows nothing by itself."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection(HOST, port, timeout=60)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, str, str]:
        headers = {"Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        for attempt in (1, 2):  # a sync worker closes every connection: reopen once
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                text = response.read().decode()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                if attempt == 2:
                    raise
        for cookie in response.msg.get_all("Set-Cookie") or []:
            name, _, rest = cookie.partition("=")
            value = rest.split(";")[0]
            if not value or value == '""' or "max-age=0" in cookie.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        step = f"{method} {STEP_NAMES.get(path.split('/')[1], path.split('/')[1])}"
        if form is not None and "choose_province" in form:
            step += " (chọn tỉnh)"
        with STEP_LOCK:
            STEP_MS.setdefault(step, []).append((time.perf_counter() - started) * 1000)
        location = urlsplit(response.getheader("Location", "") or "")
        target = location.path + (f"?{location.query}" if location.query else "")
        return response.status, text, target


def hidden_fields(html: str, form_start: str) -> dict:
    """The <input type=hidden> of the form whose opening tag contains `form_start`."""
    start = html.index(form_start)
    end = html.index("</form>", start)
    fields = {}
    for tag in INPUT.findall(html, start, end):
        attrs = dict(ATTR.findall(tag))
        if attrs.get("type") == "hidden" and "name" in attrs:
            fields[attrs["name"]] = attrs.get("value", "")
    return fields


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.checkout_ms: list[float] = []
        self.journey_ms: list[float] = []
        self.refused: dict[str, int] = {"product page": 0, "add to cart": 0, "checkout": 0}
        self.errors: list[str] = []

    def add(self, key: str, value) -> None:
        with self.lock:
            if key in self.refused:
                self.refused[key] += 1
            elif key == "error":
                self.errors.append(value)
            else:
                getattr(self, key).append(value)


def journey(browser: Browser, product_path: str, variant_id: int, quantity: int, ward: int, tally: Tally) -> None:
    started = time.perf_counter()
    status, html, _ = browser.request("GET", product_path)
    if status != 200:
        return tally.add("error", f"GET {product_path}: {status}")
    if f'value="{variant_id}"' not in html or "Sản phẩm tạm hết hàng" in html:
        return tally.add("product page", 1)
    form = hidden_fields(html, 'id="add-to-cart"') | {"variant": variant_id, "quantity": quantity, "buy_now": "1"}
    status, _, target = browser.request("POST", "/cart/add/", form)
    if status != 302:
        return tally.add("error", f"POST /cart/add/: {status}")
    if not target.startswith("/checkout/"):  # refused: back to the product page with the message
        browser.request("GET", target)
        return tally.add("add to cart", 1)
    status, html, target = browser.request("GET", target)
    if status == 302 and sold_out_meanwhile(browser, target):
        return tally.add("checkout", 1)
    if status != 200:
        return tally.add("error", f"GET /checkout/: {status}")
    contact = {"contact_name": "Khách thử Nguyễn", "phone": "0912345678", "email": "", "province_code": 1}
    if hidden_fields(html, 'action="/checkout/"').get("shown_province") != "1":
        # As on a phone without the ward list: "Chọn tỉnh" reloads the form with the wards and the fees.
        form = hidden_fields(html, 'action="/checkout/"') | contact | {"choose_province": "1"}
        status, html, _ = browser.request("POST", "/checkout/", form)
        if status != 200:
            return tally.add("error", f"POST /checkout/ choose_province: {status}")
    form = hidden_fields(html, 'action="/checkout/"') | contact | {
        "ward_code": ward, "street": "1 Tràng Tiền", "delivery_note": "", "payment_method": "cod",
    }
    posted = time.perf_counter()
    status, html, target = browser.request("POST", "/checkout/", form)
    checkout_ms = (time.perf_counter() - posted) * 1000
    if (status == 200 and any(text in html for text in STOCK_REFUSALS)) or (
            status == 302 and sold_out_meanwhile(browser, target)):
        return tally.add("checkout", 1)
    if status != 302:
        errors = re.findall(r'class="[^"]*error[^"]*"[^>]*>([^<]{0,160})', html)
        return tally.add("error", f"POST /checkout/: {status} {errors[:2]}")
    status, html, _ = browser.request("GET", target)
    if status != 200 or "Đã đặt hàng" not in html:
        return tally.add("error", f"GET {target}: {status}")
    tally.add("checkout_ms", checkout_ms)
    tally.add("journey_ms", (time.perf_counter() - started) * 1000)


def sold_out_meanwhile(browser: Browser, target: str) -> bool:
    """Sent back to the cart because what she chose sold out since (orders/views.py checkout says so)."""
    if not target.startswith("/cart/"):
        return False
    _, html, _ = browser.request("GET", target)
    return SOLD_OUT_MEANWHILE in html


def hot_variants(count: int, stock: int) -> list[tuple[str, int]]:
    """One in-stock variant of each of `count` visible products, given `stock` units: (product path, variant id)."""
    from marketplace.catalogue.models import ProductVariant
    from marketplace.catalogue.selectors import products_visible

    chosen: dict[int, tuple[str, int]] = {}
    rows = (ProductVariant.objects.filter(product__in=products_visible())
            .order_by("product_id", "pk").values_list("product_id", "product__slug", "pk"))
    for product_id, slug, pk in rows:
        chosen.setdefault(product_id, (f"/products/{slug}/", pk))
        if len(chosen) == count:
            break
    hot = list(chosen.values())
    ProductVariant.objects.filter(pk__in=[pk for _, pk in hot]).update(stock=stock)
    subprocess.run(["redis-cli", "-u", CACHE_URL, "flushdb"], check=True, stdout=subprocess.DEVNULL)
    return hot  # (the cache flushed: no page kept with the old stock is served)


def proc_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_idle() -> tuple[float, float]:
    """(idle, total) jiffies of the whole machine since boot: the share left idle during a run."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return fields[3] + fields[4], sum(fields)


def service_cpu(name: str) -> float:
    """CPU seconds used so far by the processes called `name` (PostgreSQL's backends, Redis)."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if text[text.index("(") + 1:text.rindex(")")] == name:
            total += proc_cpu(int(stat.parent.name))
    return total


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def start_server(env: dict, port: int, worker_class: str, workers: int, threads: int) -> subprocess.Popen:
    # The production configuration (deploy/gunicorn.conf.py), without its access log.
    server = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"), "marketplace.wsgi",
         "--worker-class", worker_class],
        cwd=ROOT, env={**env, "GUNICORN_BIND": f"{HOST}:{port}", "WEB_CONCURRENCY": str(workers),
                       "GUNICORN_THREADS": str(threads), "GUNICORN_ACCESS_LOG": "", "GUNICORN_LOG_LEVEL": "error"},
    )
    for _ in range(150):
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=5)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def run_one(args, env: dict, spec: str, ward: int) -> None:
    from marketplace.catalogue.models import ProductVariant
    from marketplace.orders.models import OrderLine

    worker_class, _, size = spec.partition(":")
    workers, _, threads = size.partition("x")
    workers, threads = int(workers), int(threads or 1)
    hot = hot_variants(args.variants, args.stock)
    start_stock = {pk: args.stock for _, pk in hot}
    first_line_id = (OrderLine.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    server = start_server(env, args.port, worker_class, workers, threads)
    try:
        for path, _ in hot:  # warm up: templates, renditions, connections
            Browser(args.port).request("GET", path)
        tally = Tally()

        def buyer(seed: int) -> None:
            rng = random.Random(seed)
            browser = Browser(args.port)
            for _ in range(args.journeys):
                path, variant_id = rng.choice(hot)
                try:
                    journey(browser, path, variant_id, rng.randint(1, 2), ward, tally)
                except Exception as error:  # noqa: BLE001 - one failed journey is a counted error, not a crash
                    tally.add("error", repr(error))

        workers_before = {pid: proc_cpu(pid) for pid in children(server.pid)}
        load_before = os.getloadavg()[0]
        idle_before = machine_idle()
        services_before = service_cpu("postgres") + service_cpu("redis-server")
        cpu_before = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
        threads_ = [threading.Thread(target=buyer, args=(i,)) for i in range(args.buyers)]
        started = time.perf_counter()
        for thread in threads_:
            thread.start()
        for thread in threads_:
            thread.join()
        wall = time.perf_counter() - started
        generator_cpu = sum(resource.getrusage(resource.RUSAGE_SELF)[:2]) - cpu_before
        server_cpu = sum(proc_cpu(pid) - before for pid, before in workers_before.items() if Path(f"/proc/{pid}").exists())
        load_after = os.getloadavg()[0]
        idle_after = machine_idle()
        services = service_cpu("postgres") + service_cpu("redis-server") - services_before
        idle_share = (idle_after[0] - idle_before[0]) / max(1, idle_after[1] - idle_before[1])
    finally:
        server.terminate()
        server.wait()

    sold = dict.fromkeys(start_stock, 0)
    for variant_id, quantity in OrderLine.objects.filter(variant_id__in=start_stock, pk__gte=first_line_id).values_list(
            "variant_id", "quantity"):
        sold[variant_id] += quantity
    now_stock = dict(ProductVariant.objects.filter(pk__in=start_stock).values_list("pk", "stock"))
    oversold = sum(max(0, sold[pk] - start_stock[pk]) for pk in start_stock)
    mismatched = sum(1 for pk in start_stock if start_stock[pk] - sold[pk] != now_stock[pk])
    placed = len(tally.checkout_ms)
    checkout_ms, journey_ms = sorted(tally.checkout_ms), sorted(tally.journey_ms)

    def pct(values, q):
        return values[max(0, int(len(values) * q) - 1)] if values else float("nan")

    print(f"{spec:<12}{placed:>7}{placed / wall:>9.1f}{pct(checkout_ms, .5):>9.0f}{pct(checkout_ms, .95):>9.0f}"
          f"{pct(journey_ms, .5):>9.0f}{pct(journey_ms, .95):>9.0f}"
          f"{tally.refused['product page']:>6}/{tally.refused['add to cart']}/{tally.refused['checkout']:<4}"
          f"{len(tally.errors):>5}{oversold:>6}{mismatched:>6}{wall:>7.1f}{generator_cpu:>7.1f}{server_cpu:>7.1f}{services:>7.1f}"
          f"   {load_before:.1f}->{load_after:.1f}  idle {idle_share:.0%}", flush=True)
    for error in tally.errors[:3]:
        print("    error:", error)
    print("    per step, p50 ms (count): " + ", ".join(
        f"{step} {statistics.median(times):.0f} ({len(times)})" for step, times in sorted(STEP_MS.items())))
    STEP_MS.clear()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--buyers", type=int, default=20)
    parser.add_argument("--journeys", type=int, default=15, help="journeys per buyer")
    parser.add_argument("--variants", type=int, default=8, help="hot variants (one per product)")
    parser.add_argument("--stock", type=int, default=60, help="units of each hot variant at the start")
    parser.add_argument("--servers", default="sync:2,sync:4,sync:5,gthread:2x4,gthread:3x4",
                        help="worker_class:workers[xthreads], comma-separated")
    parser.add_argument("--database", default="h4_checkout")
    parser.add_argument("--port", type=int, default=9160)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--eager", action="store_true", help="no broker: order emails sent inside the request")
    args = parser.parse_args()
    env = bench_env(args.database, args.port, args.eager)
    prepare(env, args.database)
    os.environ.update(env)
    sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]
    import django

    django.setup()
    from marketplace.core.geography import wards_of

    ward = wards_of(1)[0][0]
    print(f"{args.buyers} buyers × {args.journeys} journeys on {args.variants} hot variants (stock {args.stock} each), "
          f"PostgreSQL, production settings, {os.cpu_count()} cores, Celery {'eager' if args.eager else 'broker'}")
    print(f"{'server':<12}{'orders':>7}{'ord/s':>9}{'co p50':>9}{'co p95':>9}{'jr p50':>9}{'jr p95':>9}"
          f"{'refused pg/add/co':>19}{'err':>4}{'over':>6}{'mism':>6}{'wall s':>7}{'genCPU':>7}{'srvCPU':>7}{'pg+rds':>7}   load")
    try:
        for spec in args.servers.split(","):
            run_one(args, env, spec, ward)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.eager:
            subprocess.run(["redis-cli", "-n", "11", "flushdb"], stdout=subprocess.DEVNULL)
        if not args.keep_db:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--force", args.database])


if __name__ == "__main__":
    main()
