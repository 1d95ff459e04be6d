"""Live sessions in the Wagtail admin: the scoped permission policy first (before any view asks for
one), then the "Livestream" menu with the sessions and the report."""

from wagtail import hooks

from marketplace.livestreams.models import LiveSession
from union.live.viewsets import LivestreamViewSetGroup


@hooks.register("register_admin_viewset")
def register_livestream_viewsets():
    return LivestreamViewSetGroup()


@hooks.register("register_log_actions")
def keep_sessions_out_of_site_history(actions):
    """Wagtail's site history lists a model's log entries to anyone with a permission on the model,
    whatever her unit; a session's history is kept in AuditEvent and shown on its scoped page."""
    actions.log_entry_models_by_type.register(LiveSession, value=None, exact_class=True)
