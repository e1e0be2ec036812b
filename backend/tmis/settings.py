"""Django settings for TMIS.

Everything that differs between machines comes from the environment:
DATABASE_URL (required at run time; `python -m tmis.devdb` provides the embedded PostgreSQL),
TMIS_SECRET_KEY, TMIS_DEBUG, TMIS_DEMO, TMIS_ALLOWED_HOSTS, TMIS_HTTPS (docs/SECURITY.md).
"""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BACKEND_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BACKEND_DIR.parent
VAR_DIR = Path(os.environ.get("TMIS_VAR_DIR", REPO_DIR / "var"))
FRONTEND_DIST = Path(os.environ.get("TMIS_FRONTEND_DIST", REPO_DIR / "frontend" / "dist"))


def _env_flag(name: str, default: str = "0") -> bool:
    return os.environ.get(name, default).lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    """The key from the environment, else one generated once and kept under var/ (development only)."""
    if key := os.environ.get("TMIS_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


DEBUG = _env_flag("TMIS_DEBUG")
# Demo logins (password Demo@2016) work only while DEBUG or TMIS_DEMO is on.
TMIS_DEMO = _env_flag("TMIS_DEMO")
SECRET_KEY = _secret_key()
# ID-number protection (tmis.core.crypto): "kid:base64key,…" (first encrypts) and a base64 HMAC key.
TMIS_ID_KEYS = os.environ.get("TMIS_ID_KEYS", "")
TMIS_ID_HMAC_KEY = os.environ.get("TMIS_ID_HMAC_KEY", "")
# Reverse proxies whose X-Forwarded-For is believed (comma-separated addresses or CIDRs); none by default.
TMIS_TRUSTED_PROXIES = [p for p in os.environ.get("TMIS_TRUSTED_PROXIES", "").split(",") if p.strip()]
ALLOWED_HOSTS = os.environ.get("TMIS_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "rest_framework_simplejwt",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "pgtrigger",
    "pghistory",
    "tmis.core",
    "tmis.orgs",
    "tmis.accounts",
    "tmis.catalog",
    "tmis.teachers",
    "tmis.reviews",
    "tmis.notifications",
    "tmis.audit",
    "tmis.imports",
    "tmis.exports",
    "tmis.changes",
    "tmis.reports",
    "tmis.headcounts",
    "tmis.quality",
    "tmis.workplans",
    "tmis.training",
    "tmis.rotation",
    "tmis.feed",
    "procrastinate.contrib.django",
]

MIDDLEWARE = [
    "tmis.core.request_context.RequestContextMiddleware",  # request id and client address (trusted proxies)
    "django.middleware.security.SecurityMiddleware",
    # The header middlewares stand before WhiteNoise, which answers the SPA's index and static files itself: their
    # headers reach those responses too (docs/SECURITY.md).
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "tmis.core.input_guard.InputGuardMiddleware",  # NUL in an API path or query parameter: a 400
    "django.middleware.common.CommonMiddleware",
    "pghistory.middleware.HistoryMiddleware",  # row history carries the request's user and URL
    "tmis.core.idempotency.IdempotencyMiddleware",  # Idempotency-Key on API POSTs: a retry gets the first answer
]
# Only writes open a history context: reads pay nothing for it.
PGHISTORY_MIDDLEWARE_METHODS = ("POST", "PUT", "PATCH", "DELETE")

ROOT_URLCONF = "tmis.urls"
WSGI_APPLICATION = "tmis.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]

if not os.environ.get("DATABASE_URL"):
    raise RuntimeError(
        "DATABASE_URL is not set. Run through `make` or `python -m tmis.devdb -- <command>`, "
        "which starts the embedded PostgreSQL under var/pg and sets it."
    )
DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TMIS_TEST_DATABASE", "test_tmis")}
# Planner cost of a random page read on SSD storage (PostgreSQL's default 4.0 assumes spinning disks and makes a
# county's name search scan the whole table in id order instead of the county's rows: 194 → 41 ms at 1,000,000
# teachers, see docs/BENCHMARKS.md). TMIS_PG_RANDOM_PAGE_COST overrides it for other storage.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
    f"-c random_page_cost={os.environ.get('TMIS_PG_RANDOM_PAGE_COST', '1.1')}"
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["tmis.accounts.backends.TmisModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "tmis.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "tmis.accounts.passwords.CharacterClassValidator"},
    {"NAME": "tmis.accounts.passwords.PasswordHistoryValidator"},
]

# Failed logins (tmis.accounts.lockout): progressive delays counted per account, per address and per account@address
# separately. Past the free failures of a counter the next attempt waits 1 s, 2 s, 4 s … up to TMIS_LOGIN_MAX_DELAY
# seconds (429 `login_locked`, Retry-After); attempts during a delay are refused without being counted. An address
# that logged into the account in the last TMIS_LOGIN_KNOWN_ADDRESS_DAYS is exempt from the account-wide delay.
TMIS_LOGIN_DELAYS = _env_flag("TMIS_LOGIN_DELAYS", "1")
TMIS_LOGIN_PAIR_FAILURES = int(os.environ.get("TMIS_LOGIN_PAIR_FAILURES", "3"))
TMIS_LOGIN_ACCOUNT_FAILURES = int(os.environ.get("TMIS_LOGIN_ACCOUNT_FAILURES", "5"))
TMIS_LOGIN_ADDRESS_FAILURES = int(os.environ.get("TMIS_LOGIN_ADDRESS_FAILURES", "20"))
TMIS_LOGIN_MAX_DELAY = int(os.environ.get("TMIS_LOGIN_MAX_DELAY", "900"))
TMIS_LOGIN_FAILURE_WINDOW_HOURS = int(os.environ.get("TMIS_LOGIN_FAILURE_WINDOW_HOURS", "24"))
TMIS_LOGIN_KNOWN_ADDRESS_DAYS = int(os.environ.get("TMIS_LOGIN_KNOWN_ADDRESS_DAYS", "90"))
# Password policy (tmis.accounts.passwords): earlier passwords that cannot be chosen again; days a password is valid
# (0 = no expiry; an expired password must be changed at the next login).
TMIS_PASSWORD_HISTORY = int(os.environ.get("TMIS_PASSWORD_HISTORY", "5"))
TMIS_PASSWORD_MAX_AGE_DAYS = int(os.environ.get("TMIS_PASSWORD_MAX_AGE_DAYS", "0"))
# Hours a temporary password issued by an administrator (POST /users/{id}/password-reset/) is accepted.
TMIS_TEMPORARY_PASSWORD_HOURS = int(os.environ.get("TMIS_TEMPORARY_PASSWORD_HOURS", "72"))
# Second factor (TOTP): required of these roles when TMIS_TOTP_REQUIRED is on (else optional for them); the issuer
# name authenticator apps show.
TMIS_TOTP_ROLES = ("admin", "reviewer")
TMIS_TOTP_REQUIRED = _env_flag("TMIS_TOTP_REQUIRED")
TMIS_TOTP_ISSUER = os.environ.get("TMIS_TOTP_ISSUER", "TMIS")
# API tokens (tmis.accounts.api_tokens): the longest life a token may be given, and the default rate (requests/minute).
TMIS_API_TOKEN_MAX_DAYS = int(os.environ.get("TMIS_API_TOKEN_MAX_DAYS", "366"))
TMIS_API_TOKEN_RATE = int(os.environ.get("TMIS_API_TOKEN_RATE", "600"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BACKEND_DIR / "tmis" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_ROOT = FRONTEND_DIST if FRONTEND_DIST.exists() else None
WHITENOISE_INDEX_FILE = True
WHITENOISE_USE_FINDERS = True  # Swagger UI assets straight from the installed packages
WHITENOISE_ALLOW_ALL_ORIGINS = False  # no `Access-Control-Allow-Origin: *`: only our own pages use these files
# The SPA's build names every file under /assets/ by its content hash: cached for a year, never revalidated. Their
# .br/.gz siblings are written at build time (frontend/precompress.ts) and WhiteNoise picks the one accepted.
WHITENOISE_IMMUTABLE_FILE_TEST = r"^/assets/"
IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable"


def _spa_cache_headers(headers: Any, path: str, url: str) -> None:
    """A year's immutable cache for hashed assets; index.html is revalidated on every load (it names them)."""
    if url.startswith("/assets/"):
        headers["Cache-Control"] = IMMUTABLE_CACHE_CONTROL
    elif url in ("/", "/index.html"):
        headers["Cache-Control"] = "no-cache"


WHITENOISE_ADD_HEADERS_FUNCTION = _spa_cache_headers

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Counts every worker process must share (login throttling): in PostgreSQL (tmis.accounts.models.RateLimitEntry).
    "rate_limit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "tmis_rate_limit_cache"},
}

# Background jobs (tmis.core.jobs): procrastinate on this database; tasks live in each app's jobs.py.
PROCRASTINATE_AUTODISCOVER_MODULE_NAME = "jobs"
PROCRASTINATE_IMPORT_PATHS = ["tmis.core.jobs"]
TMIS_JOBS_INLINE = os.environ.get("TMIS_JOBS_INLINE") == "1"
TMIS_JOB_HEARTBEAT_SECONDS = float(os.environ.get("TMIS_JOB_HEARTBEAT_SECONDS", "10"))
TMIS_JOB_STALLED_SECONDS = float(os.environ.get("TMIS_JOB_STALLED_SECONDS", "30"))
TMIS_JOB_POLL_SECONDS = float(os.environ.get("TMIS_JOB_POLL_SECONDS", "2"))
# Transient database errors: a job's start is tried this often in-process (waits 0.2, 0.4, 0.8 s …); the whole task
# this often by procrastinate (waits 10× longer); a job no worker will run is failed after TMIS_JOB_STALLED_SECONDS.
TMIS_JOB_START_ATTEMPTS = int(os.environ.get("TMIS_JOB_START_ATTEMPTS", "4"))
TMIS_JOB_TASK_ATTEMPTS = int(os.environ.get("TMIS_JOB_TASK_ATTEMPTS", "5"))
TMIS_JOB_RETRY_WAIT_SECONDS = float(os.environ.get("TMIS_JOB_RETRY_WAIT_SECONDS", "0.2"))
# Uploaded imports, their reports and finished exports (not served directly: every download is authorised).
TMIS_FILES_DIR = Path(os.environ.get("TMIS_FILES_DIR", VAR_DIR / "files"))
TMIS_IMPORT_MAX_BYTES = 50 * 1024 * 1024
TMIS_IMPORT_MAX_ROWS = 200_000

# The audit trail (tmis.audit, docs/SECURITY-audit.md): kept TMIS_AUDIT_RETENTION_DAYS (at least 180, GB/T 22239
# level 3), then removed by the daily purge; TMIS_FULL_ID_ALERT_PER_HOUR full ID numbers seen by one user within an
# hour alert the security administrators; an XLSX export of the log holds at most TMIS_AUDIT_EXPORT_MAX_ROWS rows.
TMIS_AUDIT_RETENTION_DAYS = int(os.environ.get("TMIS_AUDIT_RETENTION_DAYS", "180"))
if TMIS_AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured("TMIS_AUDIT_RETENTION_DAYS must be at least 180 (GB/T 22239-2019 level 3).")
TMIS_FULL_ID_ALERT_PER_HOUR = int(os.environ.get("TMIS_FULL_ID_ALERT_PER_HOUR", "50"))
TMIS_AUDIT_EXPORT_MAX_ROWS = int(os.environ.get("TMIS_AUDIT_EXPORT_MAX_ROWS", "100000"))
# Tests that roll back by re-loading a serialized copy of the database skip the audit log: its trigger refuses the
# UPDATE that re-loading a row tries first (the log holds no reference data).
TEST_NON_SERIALIZED_APPS = ["tmis.audit"]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "tmis.accounts.authentication.TmisJWTAuthentication",
        "tmis.accounts.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "tmis.core.pagination.CodeCursorPagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "tmis.core.schema.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["tmis.core.renderers.FastJSONRenderer"],
    # JSON only, through orjson with a nesting limit (a deep body is a 400, not a RecursionError); the upload
    # endpoints name multipart themselves. A form body elsewhere is a 415, and the schema declares JSON alone.
    "DEFAULT_PARSER_CLASSES": ["tmis.core.parsers.JSONParser"],
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "EXCEPTION_HANDLER": "tmis.core.errors.exception_handler",
    "DEFAULT_THROTTLE_RATES": {
        "login": os.environ.get("TMIS_LOGIN_RATE", "30/min"),
        # Nationwide look-ups of an ID document before a transfer (tmis.changes), per user.
        "teacher_lookup": os.environ.get("TMIS_LOOKUP_RATE", "60/hour"),
    },
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": None,
}

SIMPLE_JWT = {
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=15),
    "REFRESH_TOKEN_LIFETIME": timedelta(days=1),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": True,
    "TOKEN_OBTAIN_SERIALIZER": "tmis.accounts.api.auth_serializers.TokenObtainSerializer",
    "TOKEN_REFRESH_SERIALIZER": "tmis.accounts.api.auth_serializers.TokenRefreshSerializer",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "TMIS API",
    "DESCRIPTION": (
        "Open implementation of China's National Teacher Management Information System (全国教师管理信息系统). "
        "Authenticate with a JWT (`Authorization: Bearer …`, from `POST /api/v1/auth/token/`) or an API token "
        "(`Authorization: Token …`, from `POST /api/v1/tokens/`). "
        "All errors share one format: `{status, code, message, errors}`. Lists use cursor pagination "
        "(`next`/`previous` links, no totals). `?fields=a,b` and `?brief=1` trim payloads. "
        "`Accept-Language: zh-CN | en` selects the language of messages."
    ),
    "VERSION": "1.0.0",
    # Relative: the instance that serves this schema (each province runs its own; docs/API.md).
    "SERVERS": [{"url": "/", "description": "This instance"}],
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "OrganisationLevelEnum": "tmis.orgs.models.Level",
        "CreatableLevelEnum": "tmis.orgs.models.CREATABLE_LEVEL_CHOICES",
        "SchoolStageEnum": "tmis.orgs.models.SchoolStage",
        "DataTypeEnum": "tmis.catalog.models.DataType",
        "JobStateEnum": "tmis.core.models.JobState",
        "JobKindEnum": "tmis.core.api.jobs.KIND_CHOICES",
        "KindEnum": "tmis.reviews.registry.KIND_CHOICES",  # review kinds (their name before the jobs list had `kind`)
        "ExportStateEnum": "tmis.exports.models.ExportState",
        "SubmissionStateEnum": "tmis.reviews.models.State",
        "LevelsEnum": "tmis.reviews.registry.LEVEL_ORDER",
        "ChangeKindEnum": "tmis.changes.models.Kind",
        "SeverityEnum": "tmis.imports.models.Severity",  # the import problems' (named before quality had one)
        "QualitySeverityEnum": "tmis.quality.rules.SEVERITY_CHOICES",
        "GroupRoleEnum": "tmis.workplans.models.GroupRole",
        "StatusEnum": "tmis.catalog.models.CatalogueStatus",  # its name before the training compliance had `status`
        "ClaimKindEnum": "tmis.training.models.ClaimKind",
        "ComplianceStatusEnum": "tmis.training.selectors.STATUSES",
        "PlanStateEnum": "tmis.rotation.models.PlanState",
        "AssignmentStateEnum": "tmis.rotation.models.AssignmentState",
        "ColumnMatchSourceEnum": "tmis.imports.columns.SOURCE_CHOICES",
        "SourceEnum": "tmis.training.models.ClaimSource",  # its name before import columns had `source`
    },
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tmis.core.schema.add_error_responses",
        "tmis.core.schema.rename_components",
    ],
}

# Security headers (docs/SECURITY.md), on every response: API, SPA, static files, the API docs.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],  # no inline script anywhere (the docs page is drf-spectacular's split view)
        # antd 6 styles components with CSS-in-JS (<style> elements made at run time), Swagger UI has one <style>:
        # inline styles only, never inline scripts.
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# TLS. TMIS_HTTPS=1 when users reach TMIS over https (directly or through a TLS-terminating proxy): HSTS for a year,
# cookies only over TLS. A proxy's X-Forwarded-Proto is believed only from TMIS_TRUSTED_PROXIES (the request context
# drops it from anyone else, and infra/gunicorn.conf.py trusts the same list). TMIS_SSL_REDIRECT=1 makes Django
# itself redirect http to https (usually the proxy does).
TMIS_HTTPS = _env_flag("TMIS_HTTPS")
if TMIS_HTTPS:
    SECURE_HSTS_SECONDS = int(os.environ.get("TMIS_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("TMIS_HSTS_INCLUDE_SUBDOMAINS")
    SECURE_SSL_REDIRECT = _env_flag("TMIS_SSL_REDIRECT")
    SECURE_REDIRECT_EXEMPT = [r"^api/v1/health/$"]  # the load balancer's plain-http health check
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True
    if TMIS_TRUSTED_PROXIES:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("TMIS_LOG_LEVEL", "WARNING")},
    "loggers": {"django.request": {"level": "ERROR"}},
}
