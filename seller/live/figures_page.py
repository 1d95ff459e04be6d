"""/seller/live/<pk>/figures/: what the session brought, for the host's and the co-hosts' teams."""

from django.shortcuts import render

from marketplace.orders.live_figures import session_figures
from seller.access import seller_required
from seller.live import selectors


@seller_required
def figures_page(request, producer, pk: int):
    session = selectors.session_taking_part(producer, pk)
    return render(request, "seller/live/figures.html", {
        "producer": producer, "session": session, "figures": session_figures(session),
        "is_host": session.host_id == producer.pk,
    })
