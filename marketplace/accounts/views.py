from axes.helpers import get_client_ip_address
from axes.utils import reset as axes_reset
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from marketplace.accounts import forms, services
from marketplace.core.links import absolute_url

BACKEND = "marketplace.accounts.backends.PhoneOrEmailBackend"


def landing_url(user=None) -> str:
    """Where a person goes after signing in or up without a `next`, in her language: her seller centre if she
    sells (a member of a producer), the home page otherwise. Becoming a seller is a choice she makes
    ("Bán hàng"), never where a new account lands."""
    if user is not None and user.is_authenticated and user.producer_memberships.exists():
        return reverse("seller:dashboard")
    return reverse("wagtail_serve", args=[""])


def safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if allowed else ""


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = forms.LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return landing_url(self.request.user)


@sensitive_post_parameters("password1", "password2")
@csrf_protect
@never_cache
def signup(request):
    next_url = safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or landing_url(request.user))
    if request.method == "POST":
        ip_address = get_client_ip_address(request)
        if not services.signup_attempt_allowed(ip_address):
            return render(request, "accounts/signup_throttled.html", status=429)
        services.signup_attempt_record(ip_address)
        form = forms.SignUpForm(request.POST)
        if form.is_valid():
            user = _register(form)
            if user is not None:
                login(request, user, backend=BACKEND)
                return redirect(next_url or landing_url(user))
    else:
        form = forms.SignUpForm()
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


def _register(form):
    """The service re-checks everything inside its transaction; a refusal there becomes a form error."""
    data = form.cleaned_data
    try:
        return services.user_register(
            identifier=data["identifier"], full_name=data["full_name"], password=data["password1"]
        )
    except services.IdentifierTaken as taken:
        form.add_error("identifier", ValidationError(forms.taken_message(taken.kind), code="taken"))
    except ValidationError as error:
        form.add_error("password1", forms.reworded_password_errors(error))
    except ValueError as error:
        form.add_error("identifier", str(error))
    return None


class SignOutView(auth_views.LogoutView):
    """POST logs out; GET (a followed link) only asks for confirmation."""

    http_method_names = ["get", "post", "options"]
    template_name = "accounts/logout.html"

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name)


class ResetRequestView(auth_views.PasswordResetView):
    form_class = forms.ResetRequestForm
    template_name = "accounts/password_reset_form.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        # The link is built from SITE_URL, not from the host name this request came in on.
        self.extra_email_context = {"site_url": absolute_url()}
        return super().form_valid(form)


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.NewPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        # Whoever proved they own the mailbox may log in at once, even after a lockout.
        axes_reset(username=form.user.get_username())
        return response


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


@never_cache
def account_hub(request):
    """The bottom bar's "Tài khoản": her orders, her shop, the language and signing out; or the way in."""
    return render(request, "accounts/hub.html", {"next": safe_next(request)})
