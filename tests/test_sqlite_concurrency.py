"""The embedded SQLite must hold concurrent writers without "database is locked" (DESIGN.md pitfalls)."""

import threading

import pytest
from django.conf import settings
from django.db import connections, transaction

ALIAS = "concurrency_check"


@pytest.fixture
def sqlite_file_db(tmp_path, django_db_blocker):
    """An extra on-disk SQLite database configured exactly like the development default."""
    extra = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "c.sqlite3"),
             "OPTIONS": dict(settings.SQLITE_OPTIONS)}
    connections.settings[ALIAS] = connections.configure_settings({"default": {}, ALIAS: extra})[ALIAS]
    with django_db_blocker.unblock():
        yield ALIAS
        connections[ALIAS].close()
    del connections.settings[ALIAS]


def test_ten_concurrent_read_then_write_transactions_all_succeed(sqlite_file_db):
    with connections[sqlite_file_db].cursor() as cursor:
        cursor.execute("CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER)")
        cursor.execute("INSERT INTO counter VALUES (1, 0)")
    errors: list[Exception] = []

    def shopper():
        try:
            for _ in range(20):
                # Read then write in one transaction, as a checkout does. With SQLite's default
                # DEFERRED mode two of these deadlock on the lock upgrade and one fails at once.
                with transaction.atomic(using=sqlite_file_db), connections[sqlite_file_db].cursor() as cursor:
                    cursor.execute("SELECT n FROM counter WHERE id = 1")
                    (value,) = cursor.fetchone()
                    cursor.execute("UPDATE counter SET n = %s WHERE id = 1", [value + 1])
        except Exception as error:  # collected and asserted below
            errors.append(error)
        finally:
            connections[sqlite_file_db].close()

    threads = [threading.Thread(target=shopper) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    with connections[sqlite_file_db].cursor() as cursor:
        cursor.execute("SELECT n FROM counter WHERE id = 1")
        total = cursor.fetchone()[0]
    assert errors == []
    assert total == 200  # no lock error and no lost update


@pytest.mark.django_db
def test_development_database_waits_for_locks_and_begins_immediate():
    connection = connections["default"]
    if connection.vendor != "sqlite":
        pytest.skip("the suite runs on another database")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20_000
    assert connection.transaction_mode == "IMMEDIATE"
