"""Remind me: subscribe, confirm, unsubscribe (owned by the reminders work)."""

urlpatterns = []
