"""Settings shared by every environment.

Everything an operator changes comes from the environment (or a `.env` file beside manage.py).
This module fails closed: DEBUG is off and there is no secret key unless one is given.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()
# `make run` writes a .env with a generated SECRET_KEY; real environment variables win over it.
ENV_FILE = Path(env.str("ENV_FILE", default=str(BASE_DIR / ".env")))
if ENV_FILE.is_file():
    environ.Env.read_env(ENV_FILE)

DEBUG = env.bool("DEBUG", default=False)
# Empty means Django refuses to serve; settings/dev.py and .env provide one.
SECRET_KEY = env.str("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Number of reverse proxies in front of the app whose X-Forwarded-For entries are trusted.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

INSTALLED_APPS = [
    "rugwijs.core",
    "rugwijs.home",
    "rugwijs.people",
    "rugwijs.articles",
    "rugwijs.engagement",
    "rugwijs.selftests",
    "rugwijs.courses",
    "rugwijs.payments",
    "django_ratelimit",
    "rugwijs.search",
    "rugwijs.demo",
    "rugwijs.accounts",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Learner accounts (README "Learner accounts"): sign-up, login, e-mail, optional TOTP.
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rugwijs.operations",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtailmedia",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django_filters",
    "csp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Outermost: view beacons, the busiest requests, take the short chain below (engagement/middleware.py).
    "rugwijs.engagement.middleware.ViewBeaconMiddleware",
    # A stored page is answered before any other work, with the headers it was stored with.
    "rugwijs.core.page_cache.PageCacheMiddleware",
    # Sees each response after every other middleware is done with it (cookies included).
    "rugwijs.core.middleware.SharedCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "rugwijs.core.middleware.BrowserPolicyMiddleware",
    "rugwijs.core.http.UnparseableRequestMiddleware",
    "rugwijs.core.outages.DatabaseOutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "rugwijs.accounts.middleware.RequireSecondFactorMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rugwijs.core.middleware.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    # Last, as django-axes asks: it turns a login refused for a locked account into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# What a view beacon (an anonymous POST without cookies) goes through: the request checks and the headers
# every response gets, in the order of MIDDLEWARE; no sessions, users, CSRF, messages or redirects.
# The beacon views refuse cross-site posts themselves and are rate-limited per address.
BEACON_MIDDLEWARE = [
    "rugwijs.core.middleware.SharedCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "rugwijs.core.middleware.BrowserPolicyMiddleware",
    "rugwijs.core.http.UnparseableRequestMiddleware",
    "rugwijs.core.outages.DatabaseOutageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "rugwijs.core.middleware.ContentSecurityPolicyMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
]

ROOT_URLCONF = "rugwijs.urls"
WSGI_APPLICATION = "rugwijs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock at BEGIN,
    # so concurrent counters queue up (up to `timeout` seconds) instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Keep each worker's connection for the next request (SQLite's pragmas, PostgreSQL's handshake),
# checked before reuse so a restarted database costs no failed request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=300)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")
CACHE_KEY_PREFIX = env.str("CACHE_KEY_PREFIX", default="rugwijs")
# A stopped Redis must never stall a request: give up within half a second (a second when it accepted but
# does not answer: a busy machine can be slow, and each switch splits counts between Redis and the database).
REDIS_CLIENT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 1.0}
# Rate-limit counts must be shared by every worker process, so even without Redis they are not kept
# in per-process memory but in a database table (`manage.py createcachetable`). MAX_ENTRIES is high
# because a full table drops a third of its rows, rate-limit counts included.
DATABASE_CACHE = {
    "BACKEND": "rugwijs.core.cache.AtomicDatabaseCache",
    "LOCATION": "rugwijs_cache",
    "KEY_PREFIX": CACHE_KEY_PREFIX,
    "OPTIONS": {"MAX_ENTRIES": 100_000},
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "rugwijs.core.cache.RedisOrDatabaseCache",
            "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "database", "RETRY_AFTER": 5},
        },
        "redis": {
            "BACKEND": "rugwijs.core.cache.KeptClientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
            "OPTIONS": REDIS_CLIENT_OPTIONS,
        },
        "database": DATABASE_CACHE,
    }
    SHARED_CACHE = "default"
else:
    # Wagtail reads the default cache many times per page (site root paths for every link, each
    # rendition); a database cache in front of the database made an article cost 41 queries
    # instead of 23. Those entries are copies of database rows, so without Redis they stay in each
    # process (Wagtail keeps site root paths an hour: a changed Site shows in other workers within
    # that hour) and only the rate-limit counts go to the shared table.
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "database": DATABASE_CACHE,
    }
    SHARED_CACHE = "database"
# Where counted views go (rugwijs/engagement/view_store.py): with Redis into a buffer the worker
# flushes every few seconds (`manage.py flush_view_buffer`), else straight into the database.
VIEW_COUNTER_STORE = env.str(
    "VIEW_COUNTER_STORE",
    default="rugwijs.engagement.view_store." + ("RedisBufferedViewStore" if REDIS_URL else "DatabaseViewStore"),
)
# What every worker process must see alike: rate-limit counts, login failures and stored pages.
RATELIMIT_USE_CACHE = AXES_CACHE = SHARED_CACHE
# django-ratelimit's switch (tests turn it off to see what a view does with any input); the view
# beacon's limit in Redis (engagement/view_store.py) follows it too.
RATELIMIT_ENABLE = True

# The daily secret behind visitor keys never enters the database (nor its backups): with Redis it
# lives there until midnight; without Redis, or while it is down, in a file in this folder that only
# the app's user can read.
SALT_DIR = Path(env.str("SALT_DIR", default=str(BASE_DIR / "var" / "salt")))

# django-ratelimit warns about any cache backend it does not know by name (W001), ours included;
# both count atomically (rugwijs/core/cache.py), which is what the warning is about.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
RATELIMIT_IP_META_KEY = "rugwijs.core.net.client_ip"
RATELIMIT_VIEW = "rugwijs.core.views.rate_limited"

# Editor accounts (README "Editor accounts"): django-axes refuses logins for an account after repeated
# failures; its counts live in the shared cache (AXES_CACHE) under hashed keys, so no address is stored.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Learners log in with their e-mail address (rugwijs.accounts.adapter).
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=30))
# The account alone, whatever the address: an attacker spreads guesses over many addresses, while
# editors often share one office address. Only the username lets `axes_reset_username` unlock it.
AXES_LOCKOUT_PARAMETERS = ["username"]
# Learners give an e-mail address instead of a username: both doors count against the same account.
AXES_USERNAME_CALLABLE = "rugwijs.accounts.lockout.account_name"
# axes warns when the address is not among them (W006); leaving it out is the choice above.
SILENCED_SYSTEM_CHECKS += ["axes.W006"]
AXES_CLIENT_IP_CALLABLE = "rugwijs.core.net.client_ip"
AXES_LOCKOUT_CALLABLE = "rugwijs.accounts.lockout.lockout_response"
# Not verbose: axes' log lines then name neither the address nor the username.
AXES_VERBOSE = False
# Signing in is the password, then a code from the editor's authenticator app (rugwijs.accounts).
OTP_TOTP_ISSUER = "Rugwijs"
# An idle admin session ends; every admin request moves the end forward. Readers never get a session.
SESSION_COOKIE_AGE = env.int("ADMIN_IDLE_MINUTES", default=60) * 60
SESSION_SAVE_EVERY_REQUEST = True

# Learner accounts (django-allauth, README "Learner accounts"). Editors keep /admin/login/ with django-otp;
# the adapter refuses them here, so a password typed at /account/login/ never opens the admin.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:overview"
ACCOUNT_ADAPTER = "rugwijs.accounts.adapter.LearnerAccountAdapter"
ACCOUNT_FORMS = {"login": "rugwijs.accounts.learner_forms.LearnerLoginForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_OPEN = env.bool("LEARNER_SIGNUP_OPEN", default=True)
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# One address per account: changing it replaces the old one once the new one is confirmed.
ACCOUNT_CHANGE_EMAIL = True
# Confirming is a button on the page the link opens: mail scanners that follow links confirm nothing.
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
# A shared computer at a practice or library: the login ends when the browser closes.
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# AUTH_PASSWORD_VALIDATORS decide (at least 12 characters); allauth's own minimum would say 6.
ACCOUNT_PASSWORD_MIN_LENGTH = None
ACCOUNT_EMAIL_SUBJECT_PREFIX = env.str("LEARNER_MAIL_SUBJECT_PREFIX", default="Rugwijs: ")
# Security notices would carry the (hashed) address the change came from; none are sent.
ACCOUNT_EMAIL_NOTIFICATIONS = False
# allauth's limits live in the default cache (Redis when REDIS_URL is set, else each process's memory);
# the addresses in their keys are keyed hashes (adapter.get_client_ip). They answer 429 quickly, per
# address and per e-mail; django-axes (AXES_*) adds the shared per-account lock that editors have too.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "request_login_code": "20/m/ip,3/m/key",
    "confirm_email": "1/3m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
    "reauthenticate": "10/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Rugwijs"
MFA_RECOVERY_CODE_COUNT = 10
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_TRUST_ENABLED = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where collectstatic writes; a proxy that serves static files itself points here.
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
# Where `manage.py backup` (make backup) writes its timestamped folders.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "var" / "backups")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


# Mail as one URL, for example smtp+tls://user:password@mail.example.org:587 (django-environ's email_url);
# what the URL leaves out keeps Django's default. Without one, mail is printed on the console, so a
# development machine never sends any; production refuses to start without it.
# The URL itself is not kept as a setting: it holds the password, which Django's error page would show.
_mail = env.email_url("EMAIL_URL", default="consolemail://")
vars().update({name: value for name, value in _mail.items() if value is not None})
# Seconds to wait for the mail server; a server that is down must not hold a reader's page for long.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Rugwijs <rugwijs@localhost>")
# Error reports to ADMINS come from this address.
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# Security headers from the first page on.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page of ours uses; each is switched off for every page and every frame.
PERMISSIONS_POLICY_DENIED = (
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "geolocation",
    "gyroscope",
    "interest-cohort",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "publickey-credentials-get",
    "serial",
    "usb",
    "xr-spatial-tracking",
)
# Other sites may not embed our responses (pages, images, scripts) in theirs.
CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"
# Public pages: no inline script or style, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# The Wagtail admin still relies on inline styles and scripts in places; only it gets these.
ADMIN_CONTENT_SECURITY_POLICY_REPLACE = {
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-ancestors": ["'self'"],
    "frame-src": ["'self'"],
}
ADMIN_URL_PREFIXES = ("/admin/",)
# Pages about one person (learner accounts): never stored by a proxy, whoever asks.
PRIVATE_URL_PREFIXES = ("/account/",)

# How long a caching proxy may keep an anonymous page. Publishing purges the pages that show the
# change at once (FRONTEND_CACHE_URL), so this only bounds how old a view count on a card may get.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)
# How long rendered parts of pages are kept (core.fragments). A content change makes them unused at
# once; this bounds how old a view count on a card may get on a page rendered from them.
FRAGMENT_CACHE_SECONDS = env.int("FRAGMENT_CACHE_SECONDS", default=600)
# The caching proxy that takes PURGE requests, e.g. http://127.0.0.1:8080; unset: no proxy to purge.
FRONTEND_CACHE_URL = env.str("FRONTEND_CACHE_URL", default="")
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE_URL:
    WAGTAILFRONTENDCACHE["proxy"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONTEND_CACHE_URL,
    }
# The app's own page cache (core/page_cache.py) in the shared cache, purged like a proxy.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE", default=False)
PAGE_CACHE_PURGE = {"BACKEND": "rugwijs.core.page_cache.PageCacheBackend"}
if PAGE_CACHE_ENABLED:
    WAGTAILFRONTENDCACHE["app"] = PAGE_CACHE_PURGE

WAGTAIL_SITE_NAME = "Rugwijs"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "dutch",
    }
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite's full-text index has no Dutch stemmer: this backend stems as PostgreSQL's "dutch" config does.
    WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "rugwijs.search.backend"
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_USER_LOGIN_FORM = "rugwijs.accounts.forms.LoginForm"
# RichTextBlock(editor="lazy"): Draftail that starts when the editor opens the field, for long block forms.
WAGTAILADMIN_RICH_TEXT_EDITORS = {"lazy": {"WIDGET": "rugwijs.core.widgets.LazyRichTextArea"}}
# The admin makes no third-party requests either: no avatars from Gravatar, no release check at wagtail.org.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["pdf", "odt", "docx", "txt"]
# Online payment for paid courses (rugwijs/payments): Mollie when MOLLIE_API_KEY is set (a test_ key
# for Mollie's test mode), otherwise off and paid courses are enrolled by the practice.
MOLLIE_API_KEY = env.str("MOLLIE_API_KEY", default="")
PAYMENT_PROVIDER = {}
if MOLLIE_API_KEY:
    PAYMENT_PROVIDER = {
        "BACKEND": "rugwijs.payments.providers.mollie.MollieProvider",
        "OPTIONS": {"api_key": MOLLIE_API_KEY, "api_endpoint": env.str("MOLLIE_API_ENDPOINT", default="")},
        # The pay form's page lets the browser follow the redirect to the provider's checkout (CSP form-action).
        "CHECKOUT_ORIGINS": ["https://www.mollie.com"],
    }
# Course videos (wagtailmedia) with their captions; played only through the lesson they belong to.
WAGTAILMEDIA = {
    "MEDIA_MODEL": "courses.CourseVideo",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg"],
    "VIDEO_EXTENSIONS": ["mp4", "webm"],
}
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 50
# Site search has its own page with input checks; the content API only looks pages up.
WAGTAILAPI_SEARCH_ENABLED = False
REST_FRAMEWORK = {"DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"]}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # Wagtail runs small background tasks (reference index) inline and logs each one.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint logs every step of every PDF it makes (course worksheets, certificates).
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "wagtail": {"level": env.str("WAGTAIL_LOG_LEVEL", default="WARNING")},
    },
}
