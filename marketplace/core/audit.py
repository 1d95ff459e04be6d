from django.contrib.contenttypes.models import ContentType
from django.db import models

from marketplace.core.models import AuditEvent


def audit_record(*, subject: models.Model, action: str, actor=None, from_state: str = "", to_state: str = "",
                 reason: str = "") -> AuditEvent:
    return AuditEvent.objects.create(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk), action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_state=from_state, to_state=to_state, reason=reason,
    )


def audit_history(subject: models.Model):
    return AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(subject), object_id=str(subject.pk)
    ).select_related("actor")
