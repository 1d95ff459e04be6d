"""/orders/<token>/review/: the buyer of a delivered order reviews its products, through the same private link
as her order page (guests too); plain forms, photos from the phone, no JavaScript needed."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from marketplace.orders import selectors as order_selectors
from marketplace.reviews.forms import ReviewForm
from marketplace.reviews.services import ReviewError, review_create, reviewable_products


@never_cache
def order_review(request, token):
    order = order_selectors.order_for_token(token)
    products = reviewable_products(order)
    forms = {product.pk: ReviewForm(prefix=f"p{product.pk}") for product in products}
    status = 200
    if request.method == "POST":
        product_id = request.POST.get("product", "")
        product = next((p for p in products if str(p.pk) == product_id), None)
        if product is None:
            messages.error(request, _("Sản phẩm này không còn chờ bạn đánh giá trong đơn này."))
            return redirect("reviews:order_review", token=order.token)
        form = ReviewForm(request.POST, request.FILES, prefix=f"p{product.pk}")
        forms[product.pk] = form
        if form.is_valid():
            try:
                review_create(order=order, product=product, stars=form.cleaned_data["stars"],
                              text=form.cleaned_data["text"], photos=form.cleaned_data["photos"],
                              by=request.user)
            except ReviewError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Cảm ơn bạn đã đánh giá “%(name)s”.") % {"name": product.name})
                return redirect("reviews:order_review", token=order.token)
        status = 400
    response = render(request, "reviews/order_review.html", {
        "order": order, "items": [(product, forms[product.pk]) for product in products],
        "reviewed": order.reviews.select_related("product"),
    }, status=status)
    response["Referrer-Policy"] = "same-origin"
    return response
