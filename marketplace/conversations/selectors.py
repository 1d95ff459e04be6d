from django.db.models import QuerySet

from marketplace.conversations.models import Complaint, OrderMessage
from producers.selectors import scoped_to_staff


def thread(order) -> QuerySet[OrderMessage]:
    return order.messages.select_related("photo").order_by("created_at", "pk")


def open_complaint(order) -> Complaint | None:
    return order.complaints.filter(status=Complaint.Status.OPEN).first()


def complaints_for_staff(user) -> QuerySet[Complaint]:
    return scoped_to_staff(Complaint.objects.select_related("order", "order__producer"), user, "order__producer__")
