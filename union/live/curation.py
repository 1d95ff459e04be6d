"""What the union changes on a seller's session: whether it shows on the union's livestream calendar."""

from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.audit import audit_record
from marketplace.livestreams.errors import LiveError
from marketplace.livestreams.models import LiveSession


def session_set_featured(*, session: LiveSession, by, featured: bool) -> LiveSession:
    """Put a session on the calendar (or take it off); recorded with who and when."""
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().select_related("host").get(pk=session.pk)
        if session.featured == featured:
            return session
        if featured and session.state == LiveSession.State.CANCELLED:
            raise LiveError(_("Phiên đã huỷ nên không đưa lên lịch của Hội được."), field="featured")
        if featured and not session.host.is_verified:
            raise LiveError(_("Cơ sở chủ trì chưa được Hội xác minh nên phiên chưa đưa lên lịch được."),
                            field="featured")
        session.featured = featured
        session.save(update_fields=["featured", "updated_at"])
        audit_record(subject=session, action="live_featured" if featured else "live_unfeatured", actor=by,
                     to_state=session.state)
    return session
