import logging

from django.conf import settings
from django.db import connection
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure to reach the database is "down", whatever the driver raises
        logger.exception("health check: database unreachable")
        return False


def _broker_state() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager"
    from kombu import Connection

    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return "ok"
    except Exception:
        logger.exception("health check: broker unreachable")
        return "down"


@never_cache
@require_GET
def healthz(request):
    database_ok = _database_ok()
    broker = _broker_state()
    body = {"status": "ok" if database_ok else "down", "database": "ok" if database_ok else "down", "broker": broker}
    return JsonResponse(body, status=200 if database_ok else 503)


@require_GET
@cache_control(max_age=86400)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Disallow: /api/",
        "Disallow: /*?*page=",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


class Http404ForVisitor(Http404):
    """A 404 whose message was written, and translated, for the visitor: the 404 page shows it.

    Any other Http404 carries a technical English message from Django, Wagtail or the media
    server ("“/srv/media/x.png” does not exist") that must not reach the page.
    """


def page_not_found(request, exception=None):
    message = ""
    if isinstance(exception, Http404ForVisitor) and exception.args and isinstance(exception.args[0], str):
        message = exception.args[0]
    return render(request, "404.html", {"message": message}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)
