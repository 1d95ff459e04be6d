"""Sessions read through the cache and kept in the database, changed with one statement.

Django's cached_db store wraps every save in a transaction (BEGIN, UPDATE, COMMIT: three round trips)
so that a failed INSERT of a new session cannot break a caller's transaction. Changing an existing
session is one UPDATE, atomic by itself; a new session is still created Django's way.
"""

import logging

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDbStore
from django.db import router

logger = logging.getLogger(__name__)


class SessionStore(CachedDbStore):
    def save(self, must_create=False):
        if must_create or self.session_key is None:
            return super().save(must_create)
        changed = self.model.objects.using(router.db_for_write(self.model)).filter(
            session_key=self.session_key
        ).update(session_data=self.encode(self._get_session()), expire_date=self.get_expiry_date())
        if not changed:  # deleted meanwhile (signed out in another tab): Django's own answer
            raise UpdateError
        try:
            self._cache.set(self.cache_key, self._session, self.get_expiry_age())
        except Exception:  # noqa: BLE001 - as Django's store: the database has it, the cache is a shortcut
            logger.exception("Error saving to cache (%s)", self._cache)
