"""/accounts/thong-bao/: her in-app notices and her channel choice. The seller centre shows the same
(seller/notifications.py) inside its own frame; both go through `notification_pages` below."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.notifications import selectors
from marketplace.notifications.forms import PreferenceForm
from marketplace.notifications.models import Notification
from marketplace.notifications.preferences import preference_save
from marketplace.notifications.services import notifications_mark_read


def list_page(request, template: str, extra: dict | None = None):
    page = Paginator(selectors.notifications_of(request.user), selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"page_obj": page, "notifications": page.object_list,
               "unread": selectors.unread_count(request.user), **(extra or {})}
    return render(request, template, context)


def open_notice(request, notification_id: int, fallback: str):
    """Mark one of her notices read and go where it points; another person's id answers 404."""
    notification = get_object_or_404(Notification, pk=notification_id, recipient=request.user)
    notifications_mark_read(request.user, notification.pk)
    link = notification.link
    if link and url_has_allowed_host_and_scheme(link, allowed_hosts={request.get_host()}):
        return redirect(link)
    return redirect(fallback)


def read_all(request, back: str):
    notifications_mark_read(request.user)
    messages.success(request, _("Đã đánh dấu đã đọc tất cả thông báo."))
    return redirect(back)


def preferences_page(request, template: str, back: str, extra: dict | None = None):
    status = 200
    if request.method == "POST":
        form = PreferenceForm(request.POST, user=request.user)
        if form.is_valid():
            preference_save(request.user, form.ordered_channels())
            messages.success(request, _("Đã lưu cách nhận thông báo."))
            return redirect(back)
        status = 400
    else:
        form = PreferenceForm(initial=selectors.preference_initial(request.user), user=request.user)
    return render(request, template, {"form": form, **(extra or {})}, status=status)


@login_required
def notification_list(request):
    return list_page(request, "notifications/list.html")


@login_required
def notification_open(request, notification_id: int):
    return open_notice(request, notification_id, "notifications:list")


@login_required
@require_POST
def notification_read_all(request):
    return read_all(request, "notifications:list")


@login_required
def preferences(request):
    return preferences_page(request, "notifications/preferences.html", "notifications:preferences")
