"""Buyer pages: /live/, a session's page, its calendar files, the stream-link redirect (owned by the buyer-pages work)."""

urlpatterns = []
