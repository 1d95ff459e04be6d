"""The union staff role: the "Cán bộ Hội" group and the Django permissions it carries. Which objects an
officer reaches is decided per object by the scoped policies of union/permissions.py."""

from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

UNION_STAFF_GROUP = "Cán bộ Hội"

# What an officer of the union needs, and nothing more. Deliberately absent:
# - add/delete of producers and products: sellers create them; the admin never deletes them
#   (orders and the audit history point at them; sellers soft-delete, staff hide);
# - delete of certificates and union units: a wrong certificate is rejected, units are generated.
# - change_product lets staff hide/restore a product; editing a seller's product text stays with
#   the seller (and with superusers, see PRODUCT_POLICY below).
UNION_STAFF_PERMISSIONS = {
    "wagtailadmin": ["access_admin"],
    "producers": [
        "view_producer", "change_producer",
        "view_verificationrequest", "change_verificationrequest",
        "view_ocopcertificate", "add_ocopcertificate", "change_ocopcertificate",
        "view_unionunit", "add_unionunit", "change_unionunit",
    ],
    "catalogue": ["view_product", "change_product"],
    # change_order is the refund only (the policy's "refund" action): no edit form exists, and every
    # other move of an order is the seller's or the system's.
    "orders": ["view_order", "change_order"],
    # change_livesession is the union's curation only (the "featured" flag, cancelling with a reason):
    # marketplace/union/live/permissions.py narrows it to the officer's scope.
    "livestreams": ["view_livesession", "change_livesession"],
    # change_review is hiding a buyer's review with a reason (no edit form exists).
    "reviews": ["view_review", "change_review"],
    # change_complaint is recording how a buyer's complaint was resolved.
    "conversations": ["view_complaint", "change_complaint"],
    # The union's own work: pairs, trainings (with registrations and check-in) and support records; none
    # is deleted (a pair ends, a wrong record is corrected), so the record of the union's work stays whole.
    "programmes": [
        "view_mentoringpair", "add_mentoringpair", "change_mentoringpair",
        "view_training", "add_training", "change_training",
        "view_supportrecord", "add_supportrecord", "change_supportrecord",
        "view_contest", "add_contest", "change_contest",
    ],
}


TRAINING_DOCUMENTS = "Tài liệu tập huấn"
DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")


def training_documents_grant(group: Group) -> None:
    """Officers upload training materials (slides, leaflets) into one shared collection and choose from it;
    Wagtail's document permissions are per collection, so the group gets them there and nowhere else."""
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    collection = root.get_children().filter(name=TRAINING_DOCUMENTS).first() or root.add_child(name=TRAINING_DOCUMENTS)
    for permission in Permission.objects.filter(content_type__app_label="wagtaildocs", codename__in=DOCUMENT_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(group=group, collection=collection, permission=permission)


def union_staff_group_ensure() -> Group:
    """Create the "Cán bộ Hội" group with its permissions; adds only, so an administrator's extras stay."""
    from django.apps import apps

    for label in UNION_STAFF_PERMISSIONS:
        if label != "wagtailadmin":  # its access_admin permission comes from a migration
            create_permissions(apps.get_app_config(label), verbosity=0)
    group, _ = Group.objects.get_or_create(name=UNION_STAFF_GROUP)
    wanted = Q(pk__in=[])
    for app_label, codenames in UNION_STAFF_PERMISSIONS.items():
        wanted |= Q(content_type__app_label=app_label, codename__in=codenames)
    group.permissions.add(*Permission.objects.filter(wanted))
    training_documents_grant(group)
    return group


def union_staff_group_on_migrate(sender, **kwargs) -> None:
    union_staff_group_ensure()
