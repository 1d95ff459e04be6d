"""/seller/reviews/: what buyers said about her products; she answers each review once."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from marketplace.reviews.forms import ReplyForm
from marketplace.reviews.models import Review
from marketplace.reviews.selectors import reviews_of_producer
from marketplace.reviews.services import ReviewError, review_reply
from seller.access import own, seller_required


@seller_required
def review_list(request, producer):
    page = Paginator(reviews_of_producer(producer), 20).get_page(request.GET.get("page"))
    return render(request, "seller/reviews.html", {"producer": producer, "page_obj": page, "form": ReplyForm()})


@seller_required
def review_reply_view(request, producer, review_id: int):
    review = own(Review.objects.all(), "product__producer", producer, pk=review_id)
    if request.method == "POST":
        form = ReplyForm(request.POST)
        if not form.is_valid():
            messages.error(request, form.errors["reply"][0])
        else:
            try:
                review_reply(review=review, by=request.user, text=form.cleaned_data["reply"])
            except ReviewError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Đã gửi câu trả lời. Người mua sẽ thấy nó dưới đánh giá."))
    return redirect("seller:reviews")
