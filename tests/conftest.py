import os

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

# pytest-xdist runs the suite in several processes; with a Redis cache each worker needs a database of its
# own, since the autouse fixture below clears the cache with FLUSHDB. Database 14 is CI's Celery broker.
_WORKER_REDIS_DBS = (15, 13, 12, 11, 10, 9, 8, 7)
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and "redis" in django_settings.CACHES["default"]["BACKEND"].lower():
    _location = django_settings.CACHES["default"]["LOCATION"]
    django_settings.CACHES["default"]["LOCATION"] = (
        _location.rsplit("/", 1)[0] + f"/{_WORKER_REDIS_DBS[int(_worker[2:]) % len(_WORKER_REDIS_DBS)]}"
    )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path, monkeypatch):
    """Uploads, renditions and private documents of a test go to folders of its own, never to ./media."""
    from tests.factories_producers import use_private_storage

    settings.MEDIA_ROOT = tmp_path / "media"
    use_private_storage(settings, monkeypatch, tmp_path / "private")


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _vietnamese_by_default():
    """Each test starts in Vietnamese: a request to /en/ leaves English active in the thread."""
    from django.utils import translation

    translation.activate("vi")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Tasks run eagerly in tests even when CI points CELERY_BROKER_URL at Redis: a test sees the
    effect of the task it queued (on commit) without a worker."""
    from marketplace.celery import app

    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager, app.conf.task_eager_propagates = True, True
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture
def reference_data(django_db_blocker):
    """For transactional tests: the rows data migrations made (the OCOP category tree) are gone after an
    earlier transactional test flushed the database; put them back. Does nothing when they exist."""
    import importlib

    from django.apps import apps

    categories = importlib.import_module("marketplace.catalogue.migrations.0004_ocop_categories")
    with django_db_blocker.unblock():
        categories.create_groups(apps, None)


@pytest.fixture
def wagtail_root(db):
    """Wagtail's root collection, which a transactional test earlier in the worker may have flushed; tests
    whose code stores images or documents ask for it (in production the migration always made it)."""
    from wagtail.models import Collection

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
