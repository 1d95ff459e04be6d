"""The seller's live sessions under /seller/live/ (namespace seller_live).

Host's team only: edit, cancel, start, end, replay, pins. Host's and co-hosts' teams: detail, quick, figures.
"""

from django.urls import path

from seller.live import figures_page, pins, quick, sessions

app_name = "seller_live"
urlpatterns = [
    path("", sessions.session_list, name="list"),
    path("new/", sessions.session_create, name="new"),
    path("<int:pk>/", sessions.session_detail, name="detail"),
    path("<int:pk>/edit/", sessions.session_edit, name="edit"),
    path("<int:pk>/cancel/", sessions.session_cancel, name="cancel"),
    path("<int:pk>/start/", sessions.session_start, name="start"),
    path("<int:pk>/end/", sessions.session_end, name="end"),
    path("<int:pk>/replay/", sessions.session_replay, name="replay"),
    path("<int:pk>/products/", pins.pin_page, name="pins"),
    path("<int:pk>/products/<int:pin_id>/", pins.pin_edit, name="pin_edit"),
    path("<int:pk>/products/<int:pin_id>/remove/", pins.pin_remove, name="pin_remove"),
    path("<int:pk>/quick/", quick.quick_page, name="quick"),
    path("<int:pk>/quick/<int:order_id>/cancel/", quick.quick_cancel, name="quick_cancel"),
    path("<int:pk>/figures/", figures_page.figures_page, name="figures"),
]
