"""Phone audit (issue #12): Lighthouse, first-load bytes, axe and vnu on the demo site in production mode.

Usage: .venv/bin/python bench/phone_audit.py [--runs 3] [--port 8031] [--fresh] [--no-lighthouse]

Sets up what a deployment serves: DJANGO_ENV=production (DEBUG off), `collectstatic` into WhiteNoise's
compressed, hashed files, gunicorn, and the demo data (`seed_demo`) in its own SQLite file. Production
Django does not serve uploads (a web server does), so this module's own WSGI `application` serves
/media/ from MEDIA_ROOT in front of Django, as nginx would. One COD order is placed and a cart and a
seller session are made in the database, so the cart, checkout, order and seller pages have something
to show. Then, per page, in Debian's Chromium at 360 px with an empty cache: Lighthouse mobile
(performance: median of --runs; accessibility, best practices, SEO: the worst run), the bytes the first
screen needs (on the wire and decoded, at 2 device pixels per CSS pixel: every response but the lazy
pictures below the first screen, which Lighthouse's total-byte-weight includes), axe's serious and
critical violations, vnu errors in the served HTML, and whether the page says `noindex`. Lighthouse and
vnu come from npm (`lighthouse`, `vnu-jar`), installed once under --tools (outside the checkout); vnu
needs Java. Prints a table and the failing audits; reports land in /tmp/phone-audit/. Never part of the test run.
"""

import argparse
import json
import mimetypes
import os
import re
import secrets
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
OUT = Path("/tmp/phone-audit")
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--lang=vi-VN",
]
PHONE = {"width": 360, "height": 780}
AUDIT_BUYER = "Khách kiểm tra điện thoại"  # the contact name of the audit's own order, found again next run
BLOCKING_IMPACTS = {"serious", "critical"}
KB = 1024
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FIRST_SCREEN_IMAGES = """() => [...document.images]
    .filter(image => image.currentSrc && image.getBoundingClientRect().top < innerHeight
                     && image.getBoundingClientRect().bottom > 0)
    .map(image => image.currentSrc)"""

# --- The WSGI entry gunicorn runs: /media/ as a web server would serve it, the rest to Django ----------


def application(environ, start_response):
    path = environ.get("PATH_INFO", "")
    if path.startswith("/media/"):
        return _media(path.removeprefix("/media/"), start_response)
    return _django()(environ, start_response)


_django_app = None


def _django():
    """Django's WSGI application, loaded on first use: the audit runner imports this module without Django."""
    global _django_app
    if _django_app is None:
        from django.core.wsgi import get_wsgi_application

        _django_app = get_wsgi_application()
    return _django_app


def _media(relative: str, start_response):
    root = Path(os.environ["MEDIA_ROOT"]).resolve()
    file = (root / relative).resolve()
    if not file.is_relative_to(root) or not file.is_file():
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    body = file.read_bytes()
    kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    # Rendition names change with their content, so a year of caching is what a deployment would send.
    start_response("200 OK", [("Content-Type", kind), ("Content-Length", str(len(body))),
                              ("Cache-Control", "public, max-age=31536000, immutable")])
    return [body]


# --- Set-up ---------------------------------------------------------------------------------------


def audit_env(port: int) -> dict:
    return {
        **os.environ,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "phone_audit_settings",
        "PYTHONPATH": f"{ROOT / 'bench'}:{ROOT}",
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "localhost,127.0.0.1",
        "SITE_URL": f"http://localhost:{port}",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on localhost, which browsers count as a secure origin
        "DATABASE_URL": f"sqlite:///{OUT / 'audit.sqlite3'}",
        "MEDIA_ROOT": str(OUT / "media"),
        "PRIVATE_MEDIA_ROOT": str(OUT / "private-media"),
        "PHONE_AUDIT_STATIC_ROOT": str(OUT / "static"),
        "CELERY_BROKER_URL": "",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "DEMO_STAFF_PASSWORD": "phone-audit-" + secrets.token_urlsafe(8),
        "LOG_LEVEL": "ERROR",
    }


def manage(env: dict, *args: str) -> None:
    subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)


def prepare(env: dict, fresh: bool) -> dict:
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            (OUT / f"audit.sqlite3{suffix}").unlink(missing_ok=True)
    started = time.monotonic()
    manage(env, "migrate", "-v0")
    manage(env, "seed_demo")  # adds only what is missing
    manage(env, "collectstatic", "--noinput", "--clear", "-v0")
    print(f"migrate, seed_demo, collectstatic: {time.monotonic() - started:.0f} s")
    out = subprocess.run([str(BIN / "python"), __file__, "--facts"], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def facts() -> dict:
    """Run inside Django (the --facts step): the URLs to audit, an order, a cart session and a seller session."""
    import django

    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils import translation

    from marketplace.cart.services import cart_add
    from marketplace.catalogue.models import Product
    from marketplace.core.geography import wards_of
    from marketplace.livestreams.models import LiveSession
    from marketplace.livestreams.selectors import sessions_visible
    from marketplace.orders.models import Order
    from marketplace.orders.placement import order_place
    from producers.models import ProducerMember

    translation.activate("vi")
    product = (Product.objects.filter(status=Product.Status.PUBLISHED, name__contains="Nước mắm Phú Quốc")
               .select_related("producer").order_by("id").first())
    live = sessions_visible().filter(state=LiveSession.State.LIVE).select_related("host").order_by("id").first()
    host_product = live.host.products.filter(status=Product.Status.PUBLISHED).order_by("id").first()
    order = Order.objects.filter(checkout__contact_name=AUDIT_BUYER, producer=live.host).order_by("id").first()
    if order is None:
        checkout = order_place(
            lines=[(host_product.variants.order_by("id").first().pk, 1)], contact_name=AUDIT_BUYER,
            phone="0912345678", email="kiemtra@example.com", province_code=1, ward_code=wards_of(1)[0][0],
            street="12 Hàng Bạc", payment_method="cod",
        )
        order = checkout.orders.get()

    cart = SessionStore()
    cart_add(session=cart, variant_id=product.variants.order_by("id").first().pk, quantity=1)
    cart.save()
    seller_user = ProducerMember.objects.get(producer=live.host, role=ProducerMember.Role.OWNER).user
    seller = SessionStore()
    seller.update({"_auth_user_id": str(seller_user.pk),
                   "_auth_user_backend": "django.contrib.auth.backends.ModelBackend",
                   "_auth_user_hash": seller_user.get_session_auth_hash()})
    seller.save()
    return {
        "product": product.get_absolute_url(),
        "producer": product.producer.get_absolute_url(),
        "order": order.get_absolute_url(),
        "seller_order": f"/seller/orders/{order.number}/",
        "seller_product": f"/seller/products/{host_product.pk}/",
        "quick": f"/seller/live/{live.pk}/quick/",
        "cart_session": cart.session_key,
        "seller_session": seller.session_key,
        "seller": seller_user.username,
    }


def pages(f: dict) -> list[dict]:
    """name, path, whose cookie, whether Lighthouse runs, whether the page must be indexable or noindex."""
    def page(name, path, who=None, lighthouse=True, index=None):
        return {"name": name, "path": path, "who": who, "lighthouse": lighthouse, "index": index}

    return [
        page("home", "/", index=True),
        page("listing", "/products/", index=True),
        page("search", "/products/?q=mat+ong"),
        page("product", f["product"], index=True),
        page("producer", f["producer"], index=True),
        page("cart", "/cart/", "cart", index=False),
        page("checkout", "/checkout/", "cart", index=False),
        page("live", "/live/", index=True),
        page("order", f["order"], index=False),
        page("seller dashboard", "/seller/", "seller", False, False),
        page("seller products", "/seller/products/", "seller", False, False),
        page("seller product form", "/seller/products/new/", "seller", False, False),
        page("seller product edit", f["seller_product"], "seller", False, False),
        page("seller orders", "/seller/orders/", "seller", False, False),
        page("seller order", f["seller_order"], "seller", False, False),
        page("seller quick order", f["quick"], "seller", False, False),
    ]


def start_server(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "phone_audit:application", "--pythonpath", str(ROOT / "bench"),
         "-b", f"127.0.0.1:{port}", "--workers", "2", "--log-level", "error"],
        cwd=ROOT, env=env,
    )
    for _ in range(150):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


def ensure_tools(tools: Path) -> tuple[Path, Path]:
    lighthouse = tools / "node_modules" / "lighthouse" / "cli" / "index.js"
    vnu = tools / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    if not (lighthouse.exists() and vnu.exists()):
        tools.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(tools), "lighthouse@12",
                        "vnu-jar"], check=True, stdout=subprocess.DEVNULL)
    return lighthouse, vnu


# --- Measures -------------------------------------------------------------------------------------


def cookie_header(page: dict, f: dict) -> dict:
    return {"Cookie": f"sessionid={f[page['who'] + '_session']}"} if page["who"] else {}


def fetch_html(base: str, page: dict, f: dict) -> tuple[str, str]:
    request = urllib.request.Request(base + page["path"], headers={"Accept-Language": "vi", **cookie_header(page, f)})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read().decode(), response.headers.get("X-Robots-Tag", "")


def says_noindex(html: str, header: str) -> bool:
    metas = re.findall(r'<meta\s+name="robots"\s+content="([^"]*)"', html)
    return any("noindex" in content for content in [*metas, header])


def vnu_errors(vnu: Path, files: dict[str, Path]) -> dict[str, list[str]]:
    run = subprocess.run(["java", "-jar", str(vnu), "--format", "json", "--errors-only",
                          *[str(path) for path in files.values()]], capture_output=True, text=True)
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    found = {name: [] for name in files}
    by_url = {path.resolve().as_uri(): name for name, path in files.items()}
    for message in messages:
        name = by_url.get(message.get("url", "").replace("file:/", "file:///", 1)) or by_url.get(message.get("url"))
        if name is None:
            name = next((n for n, p in files.items() if message.get("url", "").endswith(p.name)), None)
        if name and message["type"] in {"error", "non-document-error"}:
            found[name].append(f"line {message.get('lastLine')}: {message['message']} — {message.get('extract', '')!r}")
    return found


def browser_measures(base: str, plan: list[dict], f: dict) -> dict:
    """Per page, in a fresh 360 px context: bytes before the load event, other hosts reached, axe."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        for page in plan:
            # A cheap Android phone draws 2 device pixels per CSS pixel: srcset picks the renditions it would.
            context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True,
                                          locale="vi-VN")
            if page["who"]:
                context.add_cookies([{"name": "sessionid", "value": f[page["who"] + "_session"], "url": base}])
            tab = context.new_page()
            responses = []
            tab.on("response", lambda response, seen=responses: seen.append(response))
            tab.goto(base + page["path"])
            tab.wait_for_load_state("networkidle")
            # The first screen's cost: every response but the pictures below it (lazy; Chromium fetches those
            # near the viewport early or late depending on timing). Lighthouse's total counts them.
            on_screen = set(tab.evaluate(FIRST_SCREEN_IMAGES))
            loaded = [r for r in responses if not 300 <= r.status < 400
                      and (r.request.resource_type != "image" or r.url in on_screen)]
            wire = sum(r.request.sizes()["responseBodySize"] for r in loaded)
            raw = {r.url: len(r.body()) for r in loaded}
            hosts = {r.url.split("/")[2] for r in responses} - {base.split("/")[2]}
            tab.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # axe skips hidden
            violations = Axe().run(tab).response["violations"]
            results[page["name"]] = {
                "wire_kb": wire / KB, "raw_kb": sum(raw.values()) / KB, "other_hosts": sorted(hosts),
                "files": {url.removeprefix(base): round(size / KB, 1) for url, size in raw.items()},
                "axe": [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                         "targets": [n["target"] for n in v["nodes"]][:5]} for v in violations],
            }
            context.close()
        browser.close()
    return results


def lighthouse(cli: Path, url: str, headers: dict, path: Path) -> dict:
    command = [
        "node", str(cli), url, "--quiet", "--output=json", f"--output-path={path}",
        f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile", f"--chrome-flags={' '.join(CHROME_FLAGS)}",
        f"--screenEmulation.width={PHONE['width']}", f"--screenEmulation.height={PHONE['height']}",
        "--screenEmulation.deviceScaleFactor=2", "--screenEmulation.mobile",
    ]
    if headers:
        command.append(f"--extra-headers={json.dumps(headers)}")
    for _attempt in range(2):  # once more when the page failed to load (an error page, a template mid-edit)
        if subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}).returncode == 0:
            return json.loads(path.read_text())
    return None


def lighthouse_page(cli: Path, base: str, page: dict, f: dict, runs: int) -> dict | None:
    reports = [lighthouse(cli, base + page["path"], cookie_header(page, f),
                          OUT / "lighthouse" / f"{page['name'].replace(' ', '-')}-{run}.json") for run in range(runs)]
    reports = [report for report in reports if report is not None]
    if not reports:
        return None
    scores = [{c: round(100 * (r["categories"][c]["score"] or 0)) for c in CATEGORIES} for r in reports]
    perf = [s["performance"] for s in scores]
    median_report = reports[perf.index(sorted(perf)[len(perf) // 2])]
    return {
        "performance": statistics.median(perf), "runs": perf,
        **{c: min(s[c] for s in scores) for c in CATEGORIES[1:]},  # the worst run: these should not vary
        "metrics": {key: median_report["audits"][key]["displayValue"] for key in
                    ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time",
                     "cumulative-layout-shift", "speed-index", "total-byte-weight")},
        "total_kb": median_report["audits"]["total-byte-weight"]["numericValue"] / KB,
        "failing": failing_audits(median_report),
    }


def failing_audits(report: dict) -> list[str]:
    """The audits that cost points outside performance metrics, with the first elements they name."""
    found = []
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if audit["score"] is None or audit["score"] >= 0.9 or (category == "performance" and ref.get("group") == "metrics"):
                continue
            if category == "performance" and not ref["weight"] and audit["scoreDisplayMode"] != "metricSavings":
                continue
            items = (audit.get("details") or {}).get("items")
            items = [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []
            where = [item["node"].get("selector") or item["node"].get("snippet") for item in items[:4]
                     if isinstance(item.get("node"), dict)]
            where = where or [str(item.get("url") or item.get("source") or "")[:90] for item in items[:3]]
            found.append(f"{category}/{ref['id']} ({audit['score']}): {audit['title']} — {where}")
    return found


# --- Report ---------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (performance: median)")
    parser.add_argument("--port", type=int, default=8031)
    parser.add_argument("--tools", type=Path, default=Path("/tmp/phone-audit-tools"), help="npm prefix")
    parser.add_argument("--fresh", action="store_true", help="start from an empty database")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--facts", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.facts:
        print(json.dumps(facts()))
        return

    (OUT / "lighthouse").mkdir(parents=True, exist_ok=True)
    (OUT / "html").mkdir(parents=True, exist_ok=True)
    cli, vnu = ensure_tools(args.tools)
    env = audit_env(args.port)
    f = prepare(env, args.fresh)
    plan = pages(f)
    base = f"http://localhost:{args.port}"
    server = start_server(env, args.port)
    try:
        for page in plan:  # warm up: image renditions are made on the first request, not a visitor's cost
            fetch_html(base, page, f)
        html = {}
        for page in plan:
            text, robots_header = fetch_html(base, page, f)
            file = OUT / "html" / (page["name"].replace(" ", "-") + ".html")
            file.write_text(text)
            html[page["name"]] = file
            page["noindex"] = says_noindex(text, robots_header)
        vnu_found = vnu_errors(vnu, html)
        browser = browser_measures(base, plan, f)
        lh = {page["name"]: lighthouse_page(cli, base, page, f, args.runs)
              for page in plan if page["lighthouse"] and not args.no_lighthouse}
    finally:
        server.terminate()
        server.wait()

    report(plan, browser, vnu_found, lh, f)


def report(plan, browser, vnu_found, lh, f) -> None:
    print(f"\nSeller pages as {f['seller']}; Lighthouse mobile at 360 px, performance = median of the runs.\n")
    print("| page | perf (runs) | a11y | BP | SEO | first screen KB: wire / decoded | Lighthouse total KB | "
          "axe serious+ | vnu errors | robots |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    problems = []
    for page in plan:
        name, b, light = page["name"], browser[page["name"]], lh.get(page["name"])
        blocking = [v for v in b["axe"] if v["impact"] in BLOCKING_IMPACTS]
        robots = "noindex" if page["noindex"] else "index"
        if page["lighthouse"] and not light and lh:
            problems.append(f"{name}: Lighthouse could not load the page")
        if light:
            runs = "/".join(str(r) for r in light["runs"])
            scores = f"{light['performance']:.0f} ({runs}) | {light['accessibility']} | {light['best-practices']} | {light['seo']}"
            total = f"{light['total_kb']:.0f}"
        else:
            scores, total = "– | – | – | –", "–"
        print(f"| {name} | {scores} | {b['wire_kb']:.1f} / {b['raw_kb']:.1f} | {total} | {len(blocking)} | "
              f"{len(vnu_found[name])} | {robots} |")
        if b["raw_kb"] > 100:
            problems.append(f"{name}: first screen {b['raw_kb']:.1f} KB decoded > 100 KB: {b['files']}")
        if light and light["total_kb"] > 100:
            problems.append(f"{name}: Lighthouse total {light['total_kb']:.0f} KB > 100 KB (lazy images included)")
        if b["other_hosts"]:
            problems.append(f"{name}: requests to {b['other_hosts']}")
        problems += [f"{name}: axe {v['id']} ({v['impact']}): {v['help']} — {v['targets']}" for v in b["axe"]]
        problems += [f"{name}: vnu {message}" for message in vnu_found[name]]
        if page["index"] is not None and page["noindex"] == page["index"]:
            problems.append(f"{name}: should be {'indexable' if page['index'] else 'noindex'}, is {robots}")
        if light:
            problems.append(f"{name}: metrics {light['metrics']}")
            problems += [f"{name}: lighthouse {line}" for line in light["failing"]]
    print("\nFindings (minor axe issues and Lighthouse audits under 0.9 included):")
    for line in problems:
        print(" -", line)
    (OUT / "summary.json").write_text(json.dumps({"browser": browser, "vnu": vnu_found, "lighthouse": lh,
                                                  "pages": plan}, ensure_ascii=False, indent=1))
    print(f"\nReports: {OUT}/lighthouse/*.json, {OUT}/html/*.html, {OUT}/summary.json")


if __name__ == "__main__":
    main()
