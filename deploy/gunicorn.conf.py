"""Gunicorn for one app server: `gunicorn -c deploy/gunicorn.conf.py marketplace.wsgi`.

Run several of these (one per machine or container) behind the reverse proxy (deploy/nginx.conf); they share
PostgreSQL, Redis and object storage, so any of them may answer any request.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the pages are short database work; slow phones are buffered by nginx, not by a worker.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so slow leaks cannot grow without bound.
max_requests = 2000
max_requests_jitter = 200
# X-Forwarded-Proto/-For are believed only from the proxy (Django's TRUSTED_PROXY_COUNT must agree).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "" for none (benchmarks)
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_worker_init(worker):
    """Move what loading the app made (modules, URLconf, settings: long-lived) out of the garbage collector's
    sight. Otherwise each full collection walks those hundreds of thousands of objects again and stalls a
    request for 50-120 ms on this kind of machine (gc.freeze, as Python's documentation suggests for forked
    servers)."""
    gc.freeze()
