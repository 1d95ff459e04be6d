"""`make prod-smoke`: the production layout on this machine, checked end to end, then stopped.

Starts an S3 stub (moto), a fresh PostgreSQL database, Redis as cache and Celery broker, two gunicorn app
servers sharing them, one Celery worker and one beat, all with DJANGO_ENV=production; prepares the site
(collectstatic, migrate, ensure_buckets, seed_demo) and walks two buyers through it over real HTTP: home,
listing, search, a product whose photo comes from the S3 stub, cart, checkout (cash on delivery), one order
placed through each app server, a session begun on one server used on the other, a cached page shared by
both. The order emails must then be written by the worker (the web servers get a different mail folder).
Everything it started is stopped, and the database dropped, also when a step fails; exit status 1 then.

Environment (defaults in brackets): SMOKE_POSTGRES [postgres://postgres@127.0.0.1:5432], SMOKE_DB
[prod_smoke], SMOKE_REDIS [redis://127.0.0.1:6379], SMOKE_CACHE_DB [9], SMOKE_BROKER_DB [10],
SMOKE_PORT [9140: moto, +1 and +2 the app servers], SMOKE_DIR [/tmp/prod-smoke].
"""

import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psycopg
import redis

sys.path.insert(0, str(Path(__file__).resolve().parent))
from smoke_http import SmokeFailure  # noqa: E402 - the sibling module, also run as a plain script
from smoke_journey import Site, buyer_journey, page_cache_shared, wait_for_order_mails  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HOST = "127.0.0.1"
PUBLIC_HOST = "smoke.chophunu.test"


def config() -> dict:
    port = int(os.environ.get("SMOKE_PORT", "9140"))
    return {
        "postgres": os.environ.get("SMOKE_POSTGRES", "postgres://postgres@127.0.0.1:5432").rstrip("/"),
        "db": os.environ.get("SMOKE_DB", "prod_smoke"),
        "redis": os.environ.get("SMOKE_REDIS", "redis://127.0.0.1:6379").rstrip("/"),
        "cache_db": int(os.environ.get("SMOKE_CACHE_DB", "9")),
        "broker_db": int(os.environ.get("SMOKE_BROKER_DB", "10")),
        "s3_port": port, "app_ports": (port + 1, port + 2),
        "dir": Path(os.environ.get("SMOKE_DIR", "/tmp/prod-smoke")),
    }


def app_env(cfg: dict, mail_dir: Path) -> dict:
    """What a deployment sets (README "Deploying"), pointed at the local services."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG", "TMPDIR") if name in os.environ}
    return {
        **keep,
        "DJANGO_ENV": "production",
        "DJANGO_SETTINGS_MODULE": "smoke_settings",
        "PYTHONPATH": f"{ROOT / 'deploy'}:{ROOT}",
        "SMOKE_STATIC_ROOT": str(cfg["dir"] / "static"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": f"{PUBLIC_HOST},{HOST}",
        "SITE_URL": f"https://{PUBLIC_HOST}",
        "TRUSTED_PROXY_COUNT": "1",
        "DATABASE_URL": f"{cfg['postgres']}/{cfg['db']}",
        "REDIS_URL": f"{cfg['redis']}/{cfg['cache_db']}",
        "CELERY_BROKER_URL": f"{cfg['redis']}/{cfg['broker_db']}",
        "S3_ENDPOINT_URL": f"http://{HOST}:{cfg['s3_port']}",
        "S3_MEDIA_BUCKET": "smoke-media",
        "S3_PRIVATE_BUCKET": "smoke-private",
        "S3_ACCESS_KEY_ID": "smoke", "S3_SECRET_ACCESS_KEY": "smoke-secret", "S3_REGION": "us-east-1",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "SMOKE_EMAIL_FILE_PATH": str(mail_dir),
        "MEDIA_ROOT": str(cfg["dir"] / "media-must-stay-empty"),
        "PRIVATE_MEDIA_ROOT": str(cfg["dir"] / "private-must-stay-empty"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",  # the logs are whole when a step fails
    }


class Steps:
    """Prints each step with its time; remembers the started processes to stop them."""

    def __init__(self, log_dir: Path):
        self.log_dir = log_dir
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.started = time.perf_counter()

    def run(self, label: str, action):
        began = time.perf_counter()
        result = action()
        detail = f"  ({result})" if isinstance(result, str) and result else ""
        print(f"OK   {label:<50} {time.perf_counter() - began:6.1f} s{detail}", flush=True)
        return result

    def parallel(self, labelled: list[tuple[str, Callable]]) -> None:
        """Run the steps in threads (each is mostly a child process); the first failure is raised."""
        with ThreadPoolExecutor(max_workers=len(labelled)) as pool:
            futures = [pool.submit(self.run, label, action) for label, action in labelled]
        for future in futures:
            future.result()

    def spawn(self, name: str, argv: list[str], env: dict) -> subprocess.Popen:
        log = (self.log_dir / f"{name}.log").open("wb")
        # A session of its own, so stopping it stops its children (gunicorn and Celery workers) too.
        process = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.processes.append((name, process))
        return process

    def stop_all(self) -> None:
        for _, process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 15
        for name, process in self.processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"     {name} did not stop in 15 s: killed", flush=True)
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    def alive(self, name: str) -> bool:
        return any(n == name and p.poll() is None for n, p in self.processes)

    def log(self, name: str) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""


def manage(env: dict, *args: str) -> str:
    done = subprocess.run([str(BIN / "python"), "manage.py", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SmokeFailure(f"manage.py {' '.join(args)} failed:\n{done.stdout[-1500:]}{done.stderr[-3000:]}")
    return done.stdout


def sell_out_code(product_path: str) -> str:
    """What a seller's "hết hàng" stock edit does to the product at `product_path`, through the same service."""
    slug = product_path.rstrip("/").rsplit("/", 1)[-1]
    return ("from marketplace.catalogue.models import Product\n"
            "from marketplace.catalogue.services import stock_adjust\n"
            f"for variant in Product.objects.get(slug={slug!r}).variants.filter(stock__gt=0):\n"
            "    stock_adjust(variant=variant, delta=-variant.stock, reason='smoke: bán hết ở chợ', by=None)\n")


def wait_until(check, what: str, seconds: float, every: float = 0.25):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    raise SmokeFailure(f"{what}: not within {seconds:.0f} s")


def port_answers(port: int, path: str = "/", headers: dict | None = None) -> int | None:
    request = urllib.request.Request(f"http://{HOST}:{port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=3) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def fresh_database(cfg: dict) -> None:
    with psycopg.connect(f"{cfg['postgres']}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{cfg["db"]}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{cfg["db"]}"')


def drop_database(cfg: dict) -> None:
    with psycopg.connect(f"{cfg['postgres']}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{cfg["db"]}" WITH (FORCE)')


def flush_redis(cfg: dict) -> None:
    for db in (cfg["cache_db"], cfg["broker_db"]):  # only the two databases this run owns
        redis.Redis.from_url(f"{cfg['redis']}/{db}").flushdb()


def check_ports_free(cfg: dict) -> None:
    busy = [port for port in (cfg["s3_port"], *cfg["app_ports"]) if port_answers(port) is not None]
    if busy:
        raise SmokeFailure(f"ports already in use: {busy} (set SMOKE_PORT)")


def start_services(steps: Steps, cfg: dict, web_env: dict, worker_env: dict) -> None:
    for name, port in zip(("web-a", "web-b"), cfg["app_ports"], strict=True):
        steps.spawn(name, [str(BIN / "gunicorn"), "-c", str(ROOT / "deploy" / "gunicorn.conf.py"),
                           "-b", f"{HOST}:{port}", "--workers", "2", "marketplace.wsgi"], web_env)
    steps.spawn("worker", [str(BIN / "celery"), "-A", "marketplace", "worker", "--concurrency", "2",
                           "--loglevel", "info", "--hostname", "smoke@%h"], worker_env)
    steps.spawn("beat", [str(BIN / "celery"), "-A", "marketplace", "beat", "--loglevel", "info",
                         "--schedule", str(cfg["dir"] / "beat-schedule")], worker_env)
    proxy = {"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"}
    for name, port in zip(("web-a", "web-b"), cfg["app_ports"], strict=True):
        wait_until(lambda port=port, name=name: steps.alive(name) and port_answers(port, "/healthz", proxy) == 200,
                   f"{name} /healthz 200", 60)
    wait_until(lambda: " ready." in steps.log("worker") or not steps.alive("worker"), "worker ready", 60)
    for name in ("worker", "beat"):
        if not steps.alive(name):
            raise SmokeFailure(f"celery {name} exited:\n{steps.log(name)[-2000:]}")


def healthz_broker(port: int) -> str:
    import json

    request = urllib.request.Request(f"http://{HOST}:{port}/healthz",
                                     headers={"Host": PUBLIC_HOST, "X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=5) as response:
        body = json.loads(response.read())
    if body.get("database") != "ok" or body.get("broker") != "ok":
        raise SmokeFailure(f":{port}/healthz says {body}")
    return f"database ok, broker ok on :{port}"


def beat_state(steps: Steps, beat_started: float) -> str:
    if not steps.alive("beat"):
        raise SmokeFailure(f"celery beat exited:\n{steps.log('beat')[-2000:]}")
    sent = steps.log("beat").count("Sending due task")
    if time.monotonic() - beat_started > 65 and sent == 0:  # every-minute tasks are due at each minute
        raise SmokeFailure("celery beat has sent no due task in over a minute")
    return f"beat alive, {sent} due tasks sent"


def smoke(cfg: dict, steps: Steps, cleanups: list) -> None:
    web_mail, worker_mail = cfg["dir"] / "mail-web", cfg["dir"] / "mail"
    web_env, worker_env = app_env(cfg, web_mail), app_env(cfg, worker_mail)
    worker_env["SECRET_KEY"] = web_env["SECRET_KEY"]  # one secret for the whole deployment (sessions, tokens)
    steps.run("ports free", lambda: check_ports_free(cfg))
    steps.spawn("s3", [str(BIN / "moto_server"), "-H", HOST, "-p", str(cfg["s3_port"])], web_env)
    steps.run("S3 stub (moto) up", lambda: wait_until(lambda: port_answers(cfg["s3_port"]), "moto answers", 30)
              and f":{cfg['s3_port']}")
    cleanups += [lambda: flush_redis(cfg), lambda: drop_database(cfg)]
    steps.run(f"fresh PostgreSQL database {cfg['db']}, Redis flushed", lambda: (fresh_database(cfg), flush_redis(cfg))
              and "")
    # Independent steps side by side: each prints its own line when done.
    steps.parallel([
        ("migrate", lambda: manage(web_env, "migrate", "--noinput", "-v0") or ""),
        ("collectstatic (WhiteNoise, hashed, compressed)",
         lambda: manage(web_env, "collectstatic", "--noinput", "-v0") or ""),
        ("ensure_buckets", lambda: manage(web_env, "ensure_buckets").strip().replace("\n", ", ")),
        ("check --deploy (warnings fail)", lambda: manage(web_env, "check", "--deploy", "--fail-level", "WARNING")
         .strip()),
    ])
    began = time.monotonic()
    steps.parallel([
        ("seed_demo (photos into the S3 stub)", lambda: manage(web_env, "seed_demo") and ""),
        ("2 gunicorn app servers, 1 worker, 1 beat", lambda: start_services(steps, cfg, web_env, worker_env)
         or f"app servers :{cfg['app_ports'][0]} and :{cfg['app_ports'][1]}"),
    ])
    for port in cfg["app_ports"]:
        steps.run(f"/healthz :{port}", lambda port=port: healthz_broker(port))
    site = Site(host=HOST, public_host=PUBLIC_HOST, ports=cfg["app_ports"],
                s3_origin=web_env["S3_ENDPOINT_URL"], step=steps.run)
    cached = steps.run("page cache shared by both servers", lambda: page_cache_shared(site))
    numbers = []
    for index, (first, second) in enumerate((cfg["app_ports"], cfg["app_ports"][::-1])):
        numbers += buyer_journey(site, index, place_on=first, also_on=second)
    steps.run("kept product page shows the stock left after the orders", lambda: cached.stock_is_current(site))
    steps.run("a sell-out drops the kept copy on both servers",
              lambda: cached.after_write(site, lambda: manage(web_env, "shell", "-c", sell_out_code(cached.path))))
    steps.run("worker sent the order emails (not the web)",
              lambda: wait_for_order_mails(numbers, worker_mail, web_mail, steps.log("worker"), 60))
    for folder in ("media-must-stay-empty", "private-must-stay-empty"):
        if any((cfg["dir"] / folder).rglob("*.*")):
            raise SmokeFailure(f"files were written to local {folder}: uploads must go to object storage")
    steps.run("celery beat", lambda: beat_state(steps, began))


def main() -> int:
    cfg = config()
    shutil.rmtree(cfg["dir"], ignore_errors=True)
    for folder in ("logs", "mail", "mail-web", "static"):
        (cfg["dir"] / folder).mkdir(parents=True)
    steps = Steps(cfg["dir"] / "logs")
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # runs the clean-up below
    failed, cleanups = None, []
    try:
        smoke(cfg, steps, cleanups)
    except SmokeFailure as error:
        failed = str(error)
    except Exception as error:  # noqa: BLE001 - any surprise is a failed smoke, reported with the logs
        failed = f"{type(error).__name__}: {error}"
    finally:
        if failed:
            print(f"FAIL {failed}", flush=True)
            for name, _ in steps.processes:
                print(f"---- last lines of {name}.log ----\n" + "\n".join(steps.log(name).splitlines()[-15:]))
        steps.stop_all()  # the processes first: then nothing holds the database while it is dropped
        for cleanup in cleanups:
            try:
                cleanup()
            except Exception as error:  # noqa: BLE001 - clean up the rest anyway
                print(f"     clean-up failed: {error}", flush=True)
    total = time.perf_counter() - steps.started
    print(f"{'FAILED' if failed else 'PASSED'}: production smoke in {total:.0f} s (logs in {cfg['dir'] / 'logs'})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
