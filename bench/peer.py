"""Side by side with a stock django-oscar shop (../shared/oscar-peer): same catalogue, same server set-up.

Usage: .venv/bin/python bench/peer.py [--products 2000] [--seconds 8] [--rounds 2] [--no-page-cache] [--with-cart]
                                     [--fresh]
Needs `wrk` (apt-get install -y wrk). Everything it makes goes to /tmp/bench-peer (OUT).

1. Our demo site with `seed_demo --products N` in its own SQLite file; its visible products are
   written as Oscar's import CSV (bench/peer_csv.py) and loaded into the peer with its setup.sh.
2. Both served the same way: gunicorn, 2 sync workers, SQLite, production settings (DEBUG off,
   WhiteNoise's compressed hashed static files). Ours with Redis as its cache, as deployed
   (BENCH_REDIS_URL, default db 13, flushed first), and its page cache on unless --no-page-cache.
3. Each page at 1 and 10 clients with wrk, ours and the peer taking turns (`--rounds` each, so
   both see the same noise); product pages rotate over 200 random products of each shop.
   Prints req/s and p50/p95 (median over the rounds) and our req/s as a multiple of the peer's.
   --with-cart: our requests carry a guest's session cookie with a cart (the peer's carry none, which
   spares it loading a basket: the comparison leans its way).
"""

import argparse
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PEER = (ROOT.parent / "shared" / "oscar-peer").resolve()
OUT = Path("/tmp/bench-peer")
OURS_PORT, PEER_PORT = 8781, 8771
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")
QUERY = "mat+ong"
CATEGORY = "thuc-pham"  # a top-level category both shops have (the CSV carries our tree)
WRK_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%.1f %%.1f %%d\\n", summary.requests, summary.errors.status
    + summary.errors.connect + summary.errors.read + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, summary.duration))
end
"""


def ours_env(page_cache: bool) -> dict:
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "phone_audit_settings",  # production settings, static files outside the checkout
        "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT}",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{OURS_PORT}",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": f"sqlite:///{OUT / 'ours.sqlite3'}",
        "MEDIA_ROOT": str(OUT / "media"),
        "PRIVATE_MEDIA_ROOT": str(OUT / "private-media"),
        "PHONE_AUDIT_STATIC_ROOT": str(OUT / "static"),
        "CELERY_BROKER_URL": "",
        "REDIS_URL": REDIS_URL,  # as deployed: the app servers' shared cache (flushed before each run)
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PAGE_CACHE_SECONDS": "600" if page_cache else "0",
        "LOG_LEVEL": "ERROR",
    }


PEER_LIGHT = True  # no facets, no spelling suggestions: the peer's fastest listing (its README's "light mode")


def peer_env() -> dict:
    env = {key: value for key, value in os.environ.items()
           if key not in ("DJANGO_SETTINGS_MODULE", "PYTHONPATH", "DATABASE_URL")}
    return {**env, "OSCAR_PEER_VAR": str(OUT / "oscar"), "OSCAR_LIGHT": "1" if PEER_LIGHT else "0"}


def prepare(products: int, fresh: bool) -> None:
    if fresh and OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True, exist_ok=True)
    env = ours_env(True)
    started = time.monotonic()
    for args in (["migrate", "-v0"], ["seed_demo", "--products", str(products)],
                 ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([BIN / "python", "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    csv_path = OUT / "catalogue.csv"
    subprocess.run([BIN / "python", ROOT / "bench" / "peer_csv.py", csv_path], cwd=ROOT, env=env, check=True)
    print(f"our site ready: {time.monotonic() - started:.0f} s")
    if not (OUT / "oscar" / "db.sqlite3").exists() or fresh:
        started = time.monotonic()
        subprocess.run([PEER / "setup.sh", OUT / "oscar-venv", csv_path], cwd=PEER, env=peer_env(), check=True,
                       stdout=subprocess.DEVNULL)
        print(f"peer ready: {time.monotonic() - started:.0f} s")


def start_ours(page_cache: bool) -> subprocess.Popen:
    subprocess.run(["redis-cli", "-u", REDIS_URL, "flushdb"], check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen(
        [BIN / "gunicorn", "phone_audit:application", "--pythonpath", ROOT / "bench", "-b",
         f"127.0.0.1:{OURS_PORT}", "--workers", "2", "--worker-class", "sync", "--log-level", "error"],
        cwd=ROOT, env=ours_env(page_cache),
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{OURS_PORT}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("our gunicorn did not start")


def start_peer() -> None:
    subprocess.run([PEER / "stop.sh"], cwd=PEER, env=peer_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run([PEER / "serve.sh", OUT / "oscar-venv", str(PEER_PORT)], cwd=PEER, env=peer_env(), check=True)


def stop_peer() -> None:
    subprocess.run([PEER / "stop.sh"], cwd=PEER, env=peer_env(), stdout=subprocess.DEVNULL)


def ours_products(count: int = 200) -> list[str]:
    code = ("import django; django.setup();"
            "from marketplace.catalogue.selectors import products_visible;"
            f"print('\\n'.join(products_visible().order_by('?').values_list('slug', flat=True)[:{count}]))")
    out = subprocess.run([BIN / "python", "-c", code], cwd=ROOT, env=ours_env(True), check=True,
                         capture_output=True, text=True).stdout
    return [f"/products/{slug}/" for slug in out.split()]


def peer_products(count: int = 200) -> list[str]:
    code = ("from oscar.core.loading import get_model;"
            f"print('\\n'.join(p.get_absolute_url() for p in get_model('catalogue', 'Product').objects.order_by('?')[:{count}]))")
    out = subprocess.run([OUT / "oscar-venv" / "bin" / "python", "manage.py", "shell", "-v", "0", "-c", code],
                         cwd=PEER, env=peer_env(), check=True, capture_output=True, text=True).stdout
    return out.split()


def peer_category_path() -> str:
    code = ("from oscar.core.loading import get_model;"
            f"print(get_model('catalogue', 'Category').objects.get(depth=1, slug='{CATEGORY}').get_absolute_url())")
    return subprocess.run([OUT / "oscar-venv" / "bin" / "python", "manage.py", "shell", "-v", "0", "-c", code],
                          cwd=PEER, env=peer_env(), check=True, capture_output=True, text=True).stdout.strip()


def guest_cart_cookie() -> str:
    """A guest's session holding one product in her cart (and the province fees are priced to), as a
    buyer has after "Thêm vào giỏ": never a visitor without state."""
    code = ("import django; django.setup();"
            "from django.contrib.sessions.backends.cached_db import SessionStore;"
            "from marketplace.catalogue.models import ProductVariant;"
            "from marketplace.catalogue.selectors import products_visible;"
            "v = ProductVariant.objects.filter(product__in=products_visible(), stock__gt=0).first();"
            "s = SessionStore(); s['cart'] = {str(v.pk): {'q': 1, 'p': v.price}}; s['cart_ship_to'] = 1; s.save();"
            "print(s.session_key)")
    key = subprocess.run([BIN / "python", "-c", code], cwd=ROOT, env=ours_env(True), check=True,
                         capture_output=True, text=True).stdout.split()[-1]
    return f"sessionid={key}"


def wrk(port: int, paths: list[str], clients: int, seconds: int, cookie: str = "") -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    out = subprocess.run(["wrk", "-t1", f"-c{clients}", f"-d{seconds}s", "--timeout", "30s", "-s", script.name,
                          *headers, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    requests, errors, p50, p95, micros = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
    return {"rps": int(requests) / (int(micros) / 1e6), "p50": float(p50), "p95": float(p95), "errors": int(errors)}


def warm(port: int, paths: list[str]) -> None:
    for path in paths * 2:  # twice: each of the two workers renders its own templates and fills its caches
        urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--products", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--no-page-cache", action="store_true", help="run ours with PAGE_CACHE_SECONDS=0")
    parser.add_argument("--fresh", action="store_true", help="rebuild both sites from nothing")
    parser.add_argument("--with-cart", action="store_true",
                        help="our requests as a guest with a cart (a session); the peer's as a visitor (no basket)")
    parser.add_argument("--peer-default", action="store_true", help="the peer with facets and spelling (slower)")
    args = parser.parse_args()
    global PEER_LIGHT
    PEER_LIGHT = not args.peer_default
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    prepare(args.products, args.fresh)
    page_cache = not args.no_page_cache
    pages = {  # page: (our paths, the peer's paths)
        "listing": (["/products/"], ["/catalogue/"]),
        "category": ([f"/products/?category={CATEGORY}"], [peer_category_path()]),
        "search": ([f"/products/?q={QUERY}"], [f"/search/?q={QUERY}"]),
        "product": (ours_products(), peer_products()),
    }
    ours = start_ours(page_cache)
    cookie = guest_cart_cookie() if args.with_cart else ""  # after start_ours: it flushes the cache
    start_peer()
    try:
        for our_paths, peer_paths in pages.values():
            warm(OURS_PORT, our_paths)
            warm(PEER_PORT, peer_paths)
        load = os.getloadavg()[0]
        print(f"\n{args.products} products asked ({sum(1 for _ in open(OUT / 'catalogue.csv'))} visible, in both shops); "
              f"gunicorn 2 sync workers each, SQLite; our page cache {'on' if page_cache else 'off'}; "
              f"ours as {'a guest with a cart' if cookie else 'a visitor without a session'}; "
              f"peer {'light' if PEER_LIGHT else 'default'} mode; "
              f"wrk {args.seconds} s x {args.rounds} rounds each, interleaved; load before: {load:.2f}")
        print(f"{'page':<9}{'clients':>8}{'ours req/s':>11}{'p50':>7}{'p95':>7}{'peer req/s':>11}{'p50':>7}{'p95':>7}"
              f"{'ratio':>7}{'errors':>8}")
        for name, (our_paths, peer_paths) in pages.items():
            for clients in (1, 10):
                runs = {"ours": [], "peer": []}
                for _ in range(args.rounds):
                    runs["ours"].append(wrk(OURS_PORT, our_paths, clients, args.seconds, cookie))
                    runs["peer"].append(wrk(PEER_PORT, peer_paths, clients, args.seconds))
                o, p = ({key: statistics.median(r[key] for r in rs) for key in ("rps", "p50", "p95")}
                        for rs in (runs["ours"], runs["peer"]))
                errors = sum(r["errors"] for rs in runs.values() for r in rs)
                print(f"{name:<9}{clients:>8}{o['rps']:>11.1f}{o['p50']:>7.1f}{o['p95']:>7.1f}{p['rps']:>11.1f}"
                      f"{p['p50']:>7.1f}{p['p95']:>7.1f}{o['rps'] / max(p['rps'], 0.01):>6.1f}x{errors:>8}")
    finally:
        ours.terminate()
        ours.wait()
        stop_peer()


if __name__ == "__main__":
    main()
