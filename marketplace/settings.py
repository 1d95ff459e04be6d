"""One settings module for every environment, driven by environment variables.

Nothing set: SQLite in the checkout, eager Celery, console email, DEBUG on.
DJANGO_ENV=production: every deployment setting on; secrets must come from the environment.
"""

import os
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from PIL import Image

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"

if PRODUCTION:
    SECRET_KEY = os.environ["SECRET_KEY"]  # no fallback: a deployment without a secret must not start
else:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-never-use-in-production")

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "marketplace.core",
    "marketplace.accounts",
    "marketplace.notifications",
    "marketplace.catalogue",
    "marketplace.cart",
    "marketplace.orders",
    "marketplace.payments",
    "marketplace.ledger",
    "marketplace.delivery",
    "marketplace.livestreams",
    "marketplace.reviews",
    "marketplace.conversations",
    "marketplace.demo",
    "producers",
    "programmes",
    "seller",
    "union",
    "cms",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marketplace.urls"
WSGI_APPLICATION = "marketplace.wsgi.application"
ASGI_APPLICATION = "marketplace.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
                "marketplace.cart.context_processors.cart",
                "marketplace.core.context_processors.catalogue_version",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# SQLite is tuned so that `make run` holds ten concurrent users without "database is locked":
# WAL lets readers work beside the writer, IMMEDIATE takes the write lock at BEGIN (no upgrade
# deadlock), and a 20 s timeout waits for the lock instead of failing.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": SQLITE_OPTIONS,
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache (facet counts, kept pages; sessions are kept in the database) -------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
    # Read through the shared cache (one Redis GET instead of a query per request), written to both.
    SESSION_ENGINE = "marketplace.core.sessions"
else:
    # Per process; room for the kept pages (page_cache.py) besides facets and renditions (default: 300).
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 3000}}}

# --- Celery ---------------------------------------------------------------------------------------
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BEAT_SCHEDULE = {
    "ocop-expiry-daily": {"task": "producers.tasks.ocop_daily_check", "schedule": crontab(hour=6, minute=0)},
    "orders-expire-unpaid": {"task": "marketplace.orders.tasks.expire_unpaid_orders", "schedule": crontab(minute="*")},
    "orders-remind-to-ship": {"task": "marketplace.orders.tasks.remind_sellers_to_ship",
                              "schedule": crontab(minute="*/15")},
    "orders-complete-delivered": {"task": "marketplace.orders.tasks.complete_delivered_orders",
                                  "schedule": crontab(minute="*/15")},
    "live-sessions-tick": {"task": "marketplace.livestreams.tasks.live_tick", "schedule": crontab(minute="*")},
    "catalogue-stock-alerts": {"task": "marketplace.catalogue.tasks.send_stock_alerts",
                               "schedule": crontab(minute="*/10")},
    "trainings-remind": {"task": "programmes.tasks.training_reminders", "schedule": crontab(minute=5)},
    "mentoring-goals-daily": {"task": "programmes.tasks.mentoring_goals_measure",
                              "schedule": crontab(hour=5, minute=30)},
    "delivery-purge-returned-parcels": {"task": "marketplace.delivery.tasks.purge_returned_parcel_records",
                                        "schedule": crontab(hour=3, minute=20)},
    "notifications-send-due": {"task": "marketplace.notifications.tasks.send_due_deliveries",
                               "schedule": crontab(minute="*")},
}

# --- Orders ---------------------------------------------------------------------------------------
# An unpaid VietQR or card order keeps its stock this long, then beat cancels it and releases the stock.
ORDER_PAYMENT_TIMEOUT_MINUTES = int(os.environ.get("ORDER_PAYMENT_TIMEOUT_MINUTES", "30"))
# A confirmed order not shipped after this many days earns the seller one reminder email.
ORDER_SHIP_REMINDER_DAYS = int(os.environ.get("ORDER_SHIP_REMINDER_DAYS", "2"))
# A delivered order is completed by the system this many days later unless the buyer did it first.
# What the product page promises beside the price: usual delivery time (days) and the return window.
DELIVERY_ESTIMATE_DAYS = (int(os.environ.get("DELIVERY_FASTEST_DAYS", "2")), int(os.environ.get("DELIVERY_SLOWEST_DAYS", "5")))
RETURN_DAYS = int(os.environ.get("RETURN_DAYS", "7"))
ORDER_AUTO_COMPLETE_DAYS = int(os.environ.get("ORDER_AUTO_COMPLETE_DAYS", "7"))

# --- Livestreams ----------------------------------------------------------------------------------
# Live prices hold this many minutes after the session ends (comments are read out after the stream).
LIVE_PRICE_GRACE_MINUTES = int(os.environ.get("LIVE_PRICE_GRACE_MINUTES", "15"))
# A session still "live" this long after its scheduled end is ended by beat.
LIVE_AUTO_END_GRACE_MINUTES = int(os.environ.get("LIVE_AUTO_END_GRACE_MINUTES", "30"))
# Subscribers are reminded this many minutes before the start.
LIVE_REMINDER_MINUTES_BEFORE = int(os.environ.get("LIVE_REMINDER_MINUTES_BEFORE", "30"))
# An order taken on the quick-order screen may be cancelled by the seller for this long.
LIVE_QUICK_ORDER_UNDO_MINUTES = int(os.environ.get("LIVE_QUICK_ORDER_UNDO_MINUTES", "5"))
# A failed reminder email is tried again on later beats, this many times in all.
LIVE_REMINDER_MAX_ATTEMPTS = int(os.environ.get("LIVE_REMINDER_MAX_ATTEMPTS", "5"))

# --- Stripe ---------------------------------------------------------------------------------------
STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")

# --- GHN carrier (marketplace/delivery/ghn.py); all four set switches "Tạo vận đơn GHN" on -----------
# Without them sellers keep typing carrier and tracking number by hand. GHN_API_URL: e.g.
# https://online-gateway.ghn.vn (production) or https://dev-online-gateway.ghn.vn (GHN's test gateway).
GHN_API_URL = os.environ.get("GHN_API_URL", "").rstrip("/")
GHN_TOKEN = os.environ.get("GHN_TOKEN", "")
GHN_SHOP_ID = os.environ.get("GHN_SHOP_ID", "").strip()
# GHN's callback is not signed: this secret goes in the callback URL registered with GHN,
# /delivery/ghn/webhook/<GHN_WEBHOOK_SECRET>/ (long and random, e.g. `openssl rand -hex 24`).
GHN_WEBHOOK_SECRET = os.environ.get("GHN_WEBHOOK_SECRET", "")
GHN_TRACKING_URL = os.environ.get("GHN_TRACKING_URL", "https://donhang.ghn.vn/?order_code=")

# --- Bank-transfer webhook (VietQR paid automatically; README "VietQR paid automatically") --------------
# "sepay" switches the webhook on; empty (the default) leaves it answering 404 and sellers confirm by hand.
BANK_WEBHOOK_PROVIDER = os.environ.get("BANK_WEBHOOK_PROVIDER", "").strip().lower()
# HMAC-SHA256 signing secret (preferred); or, without it, the API key SePay sends as "Authorization: Apikey …".
SEPAY_WEBHOOK_SECRET = os.environ.get("SEPAY_WEBHOOK_SECRET", "")
SEPAY_API_KEY = os.environ.get("SEPAY_API_KEY", "")

# --- Notifications by SMS and Zalo (marketplace/notifications; README "Messages to phone-only women") ----
# Without these, phone-only people get in-app notices only. SMS: eSMS.vn customer-care messages under a
# registered brand name. Zalo: ZNS template messages; ZALO_ZNS_TEMPLATES maps a notice kind to an approved
# template id, e.g. "verification_decision=123456,order_seller=123457" (a kind without a template skips Zalo).
SMS_PROVIDER = os.environ.get("SMS_PROVIDER", "").strip().lower()
ESMS_API_KEY = os.environ.get("ESMS_API_KEY", "")
ESMS_SECRET_KEY = os.environ.get("ESMS_SECRET_KEY", "")
ESMS_BRANDNAME = os.environ.get("ESMS_BRANDNAME", "")
ESMS_URL = os.environ.get("ESMS_URL", "https://rest.esms.vn").rstrip("/")
ZALO_ZNS_ACCESS_TOKEN = os.environ.get("ZALO_ZNS_ACCESS_TOKEN", "")
ZALO_ZNS_URL = os.environ.get("ZALO_ZNS_URL", "https://business.openapi.zalo.me").rstrip("/")
ZALO_ZNS_TEMPLATES = dict(item.split("=", 1) for item in env_list("ZALO_ZNS_TEMPLATES") if "=" in item)

# --- Auth -----------------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"  # the storefront login; Wagtail admin keeps its own at /admin/login/

# --- Language, time, money ------------------------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt")]

# --- Static and media -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Verification documents and certificate scans: never under MEDIA_URL, served by a checked view.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private-media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": "/private-files-are-not-served/"},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Object storage (S3-compatible) when S3_MEDIA_BUCKET is set; otherwise the local folders above, as for `make run`.
# Public media (photos, renditions, covers) are public-read at stable URLs; private documents live in a second
# bucket with no public access, reached only through the checked views, which redirect to a short-lived signed URL.
S3_MEDIA_BUCKET = os.environ.get("S3_MEDIA_BUCKET", "")
S3_PRIVATE_BUCKET = os.environ.get("S3_PRIVATE_BUCKET", "")
_signed_seconds = os.environ.get("S3_SIGNED_URL_SECONDS", "300")
S3_SIGNED_URL_SECONDS = int(_signed_seconds) if _signed_seconds.strip().isdigit() else 0
S3_PUBLIC_MEDIA_URL = os.environ.get("S3_PUBLIC_MEDIA_URL", "").rstrip("/")
if S3_MEDIA_BUCKET:
    if not S3_PRIVATE_BUCKET or S3_PRIVATE_BUCKET == S3_MEDIA_BUCKET:
        raise ImproperlyConfigured("S3_PRIVATE_BUCKET must be set, and differ from S3_MEDIA_BUCKET")
    if not 1 <= S3_SIGNED_URL_SECONDS <= 3600:  # a signed link is a key to the file until it expires
        raise ImproperlyConfigured("S3_SIGNED_URL_SECONDS must be a whole number of seconds, 1 to 3600")
    if S3_PUBLIC_MEDIA_URL and not S3_PUBLIC_MEDIA_URL.startswith(("https://", "http://")):
        raise ImproperlyConfigured("S3_PUBLIC_MEDIA_URL must be an address, e.g. https://media.chophunu.vn")
    _s3_common = {
        "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
        "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,
        "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
        "region_name": os.environ.get("S3_REGION", "us-east-1"),
        "signature_version": "s3v4",
        # Path-style on a custom endpoint (MinIO, moto, most providers have no wildcard DNS); AWS picks its own.
        "addressing_style": "path" if os.environ.get("S3_ENDPOINT_URL") else None,
    }
    _public_media = urlsplit(S3_PUBLIC_MEDIA_URL) if S3_PUBLIC_MEDIA_URL else None
    _endpoint = urlsplit(_s3_common["endpoint_url"] or "")
    # Where browsers fetch public media from, for the Content-Security-Policy below.
    S3_MEDIA_ORIGINS = (
        [f"{_public_media.scheme}://{_public_media.netloc}"] if _public_media
        else [f"{_endpoint.scheme}://{_endpoint.netloc}"] if _endpoint.netloc
        else [f"https://{S3_MEDIA_BUCKET}.s3.amazonaws.com",
              f"https://{S3_MEDIA_BUCKET}.s3.{_s3_common['region_name']}.amazonaws.com"]
    )
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_common,
            "bucket_name": S3_MEDIA_BUCKET,
            "default_acl": "public-read",
            "querystring_auth": False,
            "file_overwrite": False,
            # Names are not reused while a file exists (file_overwrite False); a day, since a deleted name may be.
            "object_parameters": {"CacheControl": "public, max-age=86400"},
            **({"custom_domain": _public_media.netloc + _public_media.path,
                "url_protocol": f"{_public_media.scheme}:"} if _public_media else {}),
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_s3_common,
            "bucket_name": S3_PRIVATE_BUCKET,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": S3_SIGNED_URL_SECONDS,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "private, no-store"},
        },
    }

# --- Images ---------------------------------------------------------------------------------------
# Pillow only warns between MAX_IMAGE_PIXELS and twice that; make every bomb an error.
Image.MAX_IMAGE_PIXELS = 40_000_000
warnings.simplefilter("error", Image.DecompressionBombWarning)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif", "avif"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"gif": "webp", "png": "webp", "jpeg": "webp", "bmp": "webp"}

# --- Wagtail --------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Chợ Phụ nữ"
# The public address of the site: every link in an email, the invitation links sellers share, calendar UIDs.
# `make run` sets it to the address it serves; a deployment must set it (a link to 127.0.0.1 reaches nobody).
SITE_URL = os.environ.get("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("SITE_URL must be the public address of the site, e.g. https://chophunu.vn")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]

# --- Email ----------------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Chợ Phụ nữ <no-reply@chophunu.vn>")

# --- Security headers -----------------------------------------------------------------------------
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.facebook.com"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}
if S3_MEDIA_BUCKET:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += S3_MEDIA_ORIGINS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Wagtail's live preview shows the page in a same-origin iframe, so DENY would break editing.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

if PRODUCTION:
    DEBUG = False
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True

# --- Catalogue tuning -----------------------------------------------------------------------------
PRODUCTS_PER_PAGE = 24
FACET_CACHE_SECONDS = int(os.environ.get("FACET_CACHE_SECONDS", "120"))
# Search ranks at most this many candidates picked by index (marketplace/catalogue/search.py), and
# counts matches only up to SEARCH_COUNT_CAP ("hơn 10.000" beyond): cost stays flat as matches grow.
SEARCH_CANDIDATE_LIMIT = int(os.environ.get("SEARCH_CANDIDATE_LIMIT", "500"))
SEARCH_COUNT_CAP = 10_000
# Whole public pages for visitors with no session (marketplace/core/page_cache.py); 0 turns it off.
# Catalogue, live and CMS changes drop kept pages at once; what follows the clock alone (live banners,
# countdowns, a live price's grace period) is kept only PAGE_CACHE_LIVE_SECONDS.
# Without Redis each process has its own cache and catalogue version: a change made in one gunicorn worker
# would not drop the pages another keeps, so those are kept only briefly.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600" if REDIS_URL else "30"))
PAGE_CACHE_LIVE_SECONDS = int(os.environ.get("PAGE_CACHE_LIVE_SECONDS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Accounts and login throttling (django-axes) --------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out attempts before any password check
    "marketplace.accounts.backends.PhoneOrEmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Retrying during the lockout does not prolong it, so "try again in 15 minutes" stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "marketplace.accounts.backends.axes_username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_HTTP_RESPONSE_CODE = 429
# Per client address (REMOTE_ADDR, as axes sees it); a union training session shares one Wi-Fi: raise it then.
SIGNUP_ATTEMPTS_PER_HOUR = int(os.environ.get("SIGNUP_ATTEMPTS_PER_HOUR", "10"))

# Throttling needs the real visitor address: behind N reverse proxies set TRUSTED_PROXY_COUNT=N.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "marketplace.core.net.client_ip"
