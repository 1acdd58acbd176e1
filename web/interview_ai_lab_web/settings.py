"""Django settings of the interview-ai-lab web app.

Everything that differs between machines comes from environment variables, with
defaults that run a local server against the local PostgreSQL and Redis:

========================  =========================================================  ==========================================
Variable                  Meaning                                                    Default
========================  =========================================================  ==========================================
SECRET_KEY                Django secret key (set it in production)                   generated once into ``web/var/secret_key``
IAL_STATE_DIR             local state (generated key, celery beat schedule)          ``web/var``
DEBUG                     ``1``/``true`` shows debug pages (never in production)     ``false``
ALLOWED_HOSTS             comma-separated host names                                 ``localhost,127.0.0.1,[::1]``
CSRF_TRUSTED_ORIGINS      comma-separated origins (front-end dev server…)            ``http://localhost:5173,http://127.0.0.1:5173``
DATABASE_URL              PostgreSQL URL (dj-database-url)                           built from the ``POSTGRES_*`` variables
POSTGRES_DB/USER/…        discrete database settings (DB, USER, PASSWORD, HOST, PORT) ``interview_ai_lab``, ``postgres``, "", ``127.0.0.1``, ``5432``
MEDIA_ROOT                uploaded videos and analysis folders                       ``web/media``
CELERY_BROKER_URL         Celery broker                                              ``redis://127.0.0.1:6379/0``
CELERY_RESULT_BACKEND     Celery result backend                                      the broker URL
IAL_CELERY_QUEUE          queue the analyses go to                                   ``interviews``
IAL_UPLOAD_MAX_MB         largest accepted upload, MiB                               ``1024``
IAL_MAX_VIDEO_SEC         longest accepted video, seconds                            ``10800``
IAL_ANALYSIS_MODE         default mode: ``recruitment`` (no emotions) or ``coaching`` ``recruitment``
IAL_ALLOWED_MODES         modes a user may choose (comma-separated)                  ``recruitment,coaching``
IAL_TASK_TIME_LIMIT       time limit of one analysis, seconds                        ``3600``
IAL_HEARTBEAT_SEC         how often a running analysis updates its heartbeat, s      ``10``
IAL_STALE_SEC             heartbeat age after which a RUNNING job is requeued, s     ``60``
IAL_MAX_ATTEMPTS          runs of one job before it is marked ERROR (worker lost)    ``3``
IAL_PIPELINE_THREADS      CPU threads of one analysis (``run_all.py --threads``)     all cores
IAL_PIPELINE_ARGS         extra ``run_all.py`` arguments (e.g. ``--asr-model small``) ""
IAL_FRONTEND_DIST         built front end served at ``/`` (index.html + assets)      ``frontend/dist``
IAL_API_DOCS              ``false``: no API schema/docs pages at all                 ``true``
IAL_PUBLIC_API_DOCS       ``true``: schema and docs without signing in               ``false``
IAL_LOGIN_FAILURE_LIMIT   failed logins of one username from one IP before 429       ``10``
IAL_LOGIN_COOLOFF_MIN     minutes a locked-out client waits (Retry-After)            ``15``
IAL_PROXY_COUNT           reverse proxies in front of Django (client IP from XFF)    ``0``
IAL_PASSWORD_MIN_LENGTH   shortest accepted password of an account                   ``12``
IAL_RETENTION_DAYS        days after upload when an interview (video, analyses,     ``180``
                          reports, rubrics) is deleted automatically; 0: never
IAL_RETENTION_SWEEP_SEC   how often celery beat looks for expired interviews, s     ``3600``
IAL_IMPACT_MIN_GROUP      smallest group given rates in the adverse-impact report   ``5``
IAL_REQUIRE_CONSENT       an upload needs ``consent=true`` (the candidate agreed)   ``true``
IAL_CONSENT_VERSION       version of the consent text shown to candidates           ``1``
IAL_CONSENT_TEXT          the English consent text (recorded when the client sends  (built in)
                          none and the candidate read it in English)
IAL_CONSENT_TEXT_FR       the same text in French (the candidate's language is      (built in)
                          chosen at upload: ``consent_language``)
IAL_BLUR_TIME_LIMIT       time limit of one face-blurring job, seconds              ``1800``
IAL_ALLOW_DOWNLOADS       ``1``: an analysis may download a missing model           ``false`` (packaged fallbacks, no network)
IAL_ORPHAN_SWEEP_SEC      how often celery beat removes files with no interview, s  ``3600``
IAL_ORPHAN_MIN_AGE_SEC    an unreferenced video younger than this is kept, s        ``600``
IAL_PUBLIC_URL            the site's address as candidates reach it (invitation     the address of the recruiter's request
                          links: ``<IAL_PUBLIC_URL>/#/invitation/<token>``)
IAL_INVITATION_DAYS       days an invitation link works when no deadline is given   ``14``
IAL_TAKE_MAX_MB           largest recording of one answer, MiB                      ``300``
IAL_TUS_CHUNK_MAX_MB      largest chunk of a resumable (tus) upload, MiB            ``16``
IAL_TAKE_TOLERANCE_SEC    a recording may last the answer time plus this, seconds   ``5``
IAL_TAKE_GRACE_SEC        an upload begun before the deadline may end this late, s  ``1800``
IAL_CANDIDATE_RATE        requests per client address on the candidate pages' API   ``300/min``
IAL_CACHE_URL             Redis of the shared throttle counts                       the broker URL
EMAIL_HOST                SMTP server of the invitation e-mails (unset: printed to  ""
                          the console by Django's console backend)
EMAIL_PORT / EMAIL_HOST_USER / EMAIL_HOST_PASSWORD  SMTP port, user, password       ``25``, "", ""
EMAIL_USE_TLS / EMAIL_USE_SSL  STARTTLS / SMTPS                                     ``false``
EMAIL_TIMEOUT             seconds before an unreachable SMTP server is given up     ``10``
EMAIL_BACKEND             Django e-mail backend (overrides the choice above)        smtp with EMAIL_HOST, else console
DEFAULT_FROM_EMAIL        sender of the invitation e-mails                          ``interview-ai-lab@localhost``
========================  =========================================================  ==========================================
"""

from __future__ import annotations

import hashlib
import os
import secrets
import sys
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from interview_ai_lab.runtime.catalogue import entry as catalogue_entry
from interview_ai_lab_web.log_format import logging_config

WEB_DIR = Path(__file__).resolve().parent.parent
REPO_ROOT = WEB_DIR.parent


def env_str(name: str, default: str = "") -> str:
    """The environment variable ``name`` stripped, or ``default`` when unset or empty."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool = False) -> bool:
    """``1/true/yes/on`` → True, ``0/false/no/off`` → False, unset → ``default``."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: expected true/false")


def env_int(name: str, default: int) -> int:
    """An integer environment variable."""
    value = os.environ.get(name, "").strip()
    try:
        return int(value) if value else default
    except ValueError as e:
        raise ImproperlyConfigured(f"{name}={value!r}: expected an integer") from e


def env_list(name: str, default: str) -> list[str]:
    """A comma-separated environment variable as a list (empty items dropped)."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


#: Local state of this machine: the generated secret key, celery beat's schedule.
STATE_DIR = Path(env_str("IAL_STATE_DIR", str(WEB_DIR / "var")))
STATE_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    # A local server works out of the box: a random key generated once and kept on disk.
    path = STATE_DIR / "secret_key"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(50)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(key)
        return key
    except FileExistsError:  # pragma: no cover - two processes raced to create it
        return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "http://localhost:5173,http://127.0.0.1:5173")

INSTALLED_APPS = [
    # First, so its `createsuperuser` (password validators also with --noinput) replaces Django's.
    "interview_ai_lab_web.interviews.apps.InterviewsConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI / ReDoc files served from this origin (pinned), never a CDN
    "axes",  # failed-login lockout on every login (API token, browser session, admin)
    "csp",
]

MIDDLEWARE = [
    "interview_ai_lab_web.interviews.metrics.RequestMetricsMiddleware",  # first: every answer is counted
    # A database error in a view answers 503 (JSON), not 500 (PostgreSQL restarting or out of reach).
    "interview_ai_lab_web.interviews.outage.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "interview_ai_lab_web.interviews.security.NoStoreAPIMiddleware",
    # Last: turns a lockout flagged during authentication into 429 + Retry-After.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out client before any password check
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "interview_ai_lab_web.urls"
WSGI_APPLICATION = "interview_ai_lab_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --------------------------------------------------------------------------- database (PostgreSQL only)


def _database() -> dict:
    url = env_str("DATABASE_URL")
    if not url:
        from urllib.parse import quote

        user = quote(env_str("POSTGRES_USER", "postgres"), safe="")
        password = env_str("POSTGRES_PASSWORD")
        auth = f"{user}:{quote(password, safe='')}" if password else user
        url = (f"postgres://{auth}@{env_str('POSTGRES_HOST', '127.0.0.1')}:{env_str('POSTGRES_PORT', '5432')}"
               f"/{env_str('POSTGRES_DB', 'interview_ai_lab')}")
    db = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True)
    if "postgresql" not in db["ENGINE"]:
        raise ImproperlyConfigured(f"DATABASE_URL must point to PostgreSQL (got engine {db['ENGINE']})")
    if env_str("DATABASE_TEST_NAME"):  # the database the test runner creates (default: test_<NAME>)
        db["TEST"] = {"NAME": env_str("DATABASE_TEST_NAME")}
    return db


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Applied to every account: admin forms, `createsuperuser` (also --noinput), `create_recruiter`.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": env_int("IAL_PASSWORD_MIN_LENGTH", 12)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --------------------------------------------------------------------------- files

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(WEB_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns about a missing one
# Admin and API-docs assets are served by WhiteNoise straight from the apps when
# `collectstatic` has not been run (a local server needs no extra step).
WHITENOISE_USE_FINDERS = True
#: Uploaded videos (``videos/%Y/%m/%d/<uuid>.<ext>``) and analysis folders (``analyses/<id>/``).
#: Never served as-is: videos and reports go through authenticated API views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(WEB_DIR / "media"))).resolve()
MEDIA_URL = "/media/"

#: Where the media live: ``local`` (MEDIA_ROOT, one machine or a shared filesystem) or ``s3`` (an S3-compatible
#: bucket through django-storages: every host shares only PostgreSQL, Redis and the bucket; a worker analyses in
#: its own IAL_SCRATCH_DIR and puts the artefacts back). The bucket is private: objects are read through the app
#: (HTTP Range) or short-lived signed URLs, never unsigned.
IAL_MEDIA_STORAGE = env_str("IAL_MEDIA_STORAGE", "local").lower()
if IAL_MEDIA_STORAGE not in ("local", "s3"):
    raise ImproperlyConfigured(f"IAL_MEDIA_STORAGE={IAL_MEDIA_STORAGE!r}: expected local or s3")


def _media_storage() -> dict:
    if IAL_MEDIA_STORAGE == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    bucket = env_str("IAL_S3_BUCKET")
    if not bucket:
        raise ImproperlyConfigured("IAL_MEDIA_STORAGE=s3 needs IAL_S3_BUCKET (and IAL_S3_ENDPOINT_URL outside AWS)")
    from botocore.config import Config

    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
        "bucket_name": bucket,
        "endpoint_url": env_str("IAL_S3_ENDPOINT_URL") or None,
        "region_name": env_str("IAL_S3_REGION", "us-east-1"),
        # Credentials: IAL_S3_ACCESS_KEY_ID / IAL_S3_SECRET_ACCESS_KEY, else boto3's own chain (AWS_ACCESS_KEY_ID…,
        # an instance role).
        "access_key": env_str("IAL_S3_ACCESS_KEY_ID") or None,
        "secret_key": env_str("IAL_S3_SECRET_ACCESS_KEY") or None,
        "location": env_str("IAL_S3_PREFIX").strip("/"),
        "default_acl": None,  # the bucket's own policy: private
        "querystring_auth": True,  # url() is always a signed URL…
        "querystring_expire": env_int("IAL_S3_SIGNED_URL_SEC", 300),  # …valid this many seconds
        "file_overwrite": False,  # an upload never replaces another (names are fresh UUIDs anyway)
        "client_config": Config(
            s3={"addressing_style": env_str("IAL_S3_ADDRESSING_STYLE", "path")},  # path: MinIO, SeaweedFS, Ceph…
            signature_version="s3v4", connect_timeout=5, read_timeout=60,
            retries={"max_attempts": 3, "mode": "standard"}),
    }}


STORAGES = {
    "default": _media_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
#: A worker's own folder (local disk) for the video and the artefacts of the job it runs, when the media are in a
#: bucket; each job's subfolder is removed when the job ends, however it ends (a killed worker's at its next start).
IAL_SCRATCH_DIR = Path(env_str("IAL_SCRATCH_DIR", str(Path(tempfile.gettempdir()) / "ial-scratch"))).resolve()
#: This host's name in the job records (``host#boot:pid``); set it when several containers share one host name.
IAL_WORKER_HOST = env_str("IAL_WORKER_HOST")

IAL_UPLOAD_MAX_MB = env_int("IAL_UPLOAD_MAX_MB", 1024)
# Uploads larger than this are streamed to a temporary file instead of memory (bytes).
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# --------------------------------------------------------------------------- the built front end

#: Folder of the built front end (``npm run build`` in ``frontend/``); served at ``/`` when it exists.
IAL_FRONTEND_DIST = Path(env_str("IAL_FRONTEND_DIST", str(REPO_ROOT / "frontend" / "dist"))).resolve()
if (IAL_FRONTEND_DIST / "index.html").is_file():
    WHITENOISE_ROOT = IAL_FRONTEND_DIST  # /assets/…, /favicon.ico… served from there
    # Vite's hashed bundles (/assets/index-kW6HAi56.js) never change: cache them for a year.
    WHITENOISE_IMMUTABLE_FILE_TEST = r"^/?assets/.+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$"

# --------------------------------------------------------------------------- API

REST_FRAMEWORK = {
    # Token first: its `WWW-Authenticate: Token` header makes unauthenticated requests 401 (not 403).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "interview_ai_lab_web.interviews.pagination.PageNumberSizePagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The client address of the throttles: REMOTE_ADDR, or X-Forwarded-For behind IAL_PROXY_COUNT proxies only.
    "NUM_PROXIES": env_int("IAL_PROXY_COUNT", 0),
}

SPECTACULAR_SETTINGS = {
    "TITLE": "interview-ai-lab API",
    "DESCRIPTION": "Upload recorded one-way interview videos, analyse them (speech, text, non-verbal) and read the reports. "
                   "Scores assist and never replace a human decision.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and docs need a signed-in user unless IAL_PUBLIC_API_DOCS=true (IAL_API_DOCS=false: no docs at all).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny" if env_bool("IAL_PUBLIC_API_DOCS", False)
                          else "rest_framework.permissions.IsAuthenticated"],
    # Swagger UI and ReDoc come from the pinned drf-spectacular-sidecar package, served by this server.
    # Every operation documents its error answers too (400/401/403/404/405/413), with their JSON body.
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums",
                             "interview_ai_lab_web.interviews.openapi_hooks.document_errors",
                             "interview_ai_lab_web.interviews.openapi_hooks.mark_always_returned",
                             "interview_ai_lab_web.interviews.openapi_hooks.uuid_path_ids"],
    "SWAGGER_UI_DIST": "SIDECAR",
    # No third-party validator: Swagger UI would send the schema to validator.swagger.io to draw a badge.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"BlurStatusEnum": "interview_ai_lab_web.interviews.models.Interview.BlurStatus",
                            "ScorePartEnum": "interview_ai_lab.report.scoring.PARTS",
                            "LanguageEnum": "interview_ai_lab_web.interviews.models.Interview.Language",
                            "CandidateLanguageEnum": "interview_ai_lab_web.interviews.models.Invitation.Language",
                            "InvitationStateEnum": "interview_ai_lab_web.interviews.models.Invitation.State",
                            "TakeStateEnum": "interview_ai_lab_web.interviews.models.Take.State",
                            "QuestionStatusEnum": "interview_ai_lab_web.interviews.invitation_serializers."
                                                  "QUESTION_STATUSES",
                            "LinkRefusalEnum": "interview_ai_lab_web.interviews.invitation_serializers.LINK_REFUSALS"},
}

#: ``false``: no /api/schema/, /api/docs/, /api/redoc/ at all (404).
IAL_API_DOCS = env_bool("IAL_API_DOCS", True)

# --------------------------------------------------------------------------- login lockout (django-axes)

# Every login (POST /api/auth/token/, /api/auth/login/, /admin/login/) goes through `authenticate()`,
# which axes watches. Failures are counted per (username, client IP): after IAL_LOGIN_FAILURE_LIMIT
# failures that client gets 429 with Retry-After for IAL_LOGIN_COOLOFF_MIN minutes (each refused try
# restarts the wait), even with the right password; the same user from another address is not
# affected. Every refused try is written to the audit log (action ``login_locked``).
AXES_FAILURE_LIMIT = env_int("IAL_LOGIN_FAILURE_LIMIT", 10)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# …and per address whatever the username (many usernames guessed from one address), within the cool-off.
AXES_HANDLER = "interview_ai_lab_web.interviews.security.AddressLimitHandler"
IAL_LOGIN_ADDRESS_FAILURE_LIMIT = env_int("IAL_LOGIN_ADDRESS_FAILURE_LIMIT", 30)
AXES_COOLOFF_TIME = env_int("IAL_LOGIN_COOLOFF_MIN", 15) / 60  # hours
AXES_RESET_ON_SUCCESS = True  # a successful login clears that client's failures
AXES_LOCKOUT_CALLABLE = "interview_ai_lab_web.interviews.security.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_ENABLE_ACCESS_FAILURE_LOG = False  # the audit log keeps the lockouts; failures expire with the cool-off
AXES_DISABLE_ACCESS_LOG = True  # no per-login record of addresses kept forever (privacy); lockouts are audited
AXES_VERBOSE = False
# The client address is REMOTE_ADDR; behind a reverse proxy that sets X-Forwarded-For, IAL_PROXY_COUNT
# is the number of proxies in front of Django (else every client looks like the proxy).
if env_int("IAL_PROXY_COUNT", 0):
    AXES_IPWARE_PROXY_COUNT = env_int("IAL_PROXY_COUNT", 0)
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
if not 1 <= AXES_FAILURE_LIMIT <= 1000 or AXES_COOLOFF_TIME <= 0:
    raise ImproperlyConfigured("IAL_LOGIN_FAILURE_LIMIT must be 1..1000 and IAL_LOGIN_COOLOFF_MIN > 0")
if not AXES_FAILURE_LIMIT <= IAL_LOGIN_ADDRESS_FAILURE_LIMIT <= 100_000:
    raise ImproperlyConfigured("IAL_LOGIN_ADDRESS_FAILURE_LIMIT must be IAL_LOGIN_FAILURE_LIMIT..100000")

# --------------------------------------------------------------------------- headers

# A strict Content-Security-Policy on every response (the SPA, the API, the admin, the docs): only this
# origin, no inline script, no framing. The built front end has no inline script or style element;
# the API docs pages relax style-src only (interviews.views.api_docs).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
# API responses carry personal data: never stored by a browser or proxy cache (interviews.security).
IAL_NO_STORE_PREFIXES = ("/api/",)


def _static_headers(headers, path: str, url: str) -> None:
    """WhiteNoise answers skip the middleware: an HTML file it serves (``/index.html``) gets the same CSP."""
    if url.endswith((".html", ".htm")):
        headers["Content-Security-Policy"] = "; ".join(
            " ".join([name, *sources]) for name, sources in CONTENT_SECURITY_POLICY["DIRECTIVES"].items())


WHITENOISE_ADD_HEADERS_FUNCTION = _static_headers

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
if env_bool("IAL_BEHIND_HTTPS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --------------------------------------------------------------------------- analysis settings

IAL_ANALYSIS_MODE = env_str("IAL_ANALYSIS_MODE", "recruitment")
IAL_ALLOWED_MODES = env_list("IAL_ALLOWED_MODES", "recruitment,coaching")
for _mode in [IAL_ANALYSIS_MODE, *IAL_ALLOWED_MODES]:
    if _mode not in ("coaching", "recruitment"):
        raise ImproperlyConfigured(f"unknown analysis mode {_mode!r} (IAL_ANALYSIS_MODE / IAL_ALLOWED_MODES)")
if IAL_ANALYSIS_MODE not in IAL_ALLOWED_MODES:
    raise ImproperlyConfigured("IAL_ANALYSIS_MODE must be one of IAL_ALLOWED_MODES")
IAL_MAX_VIDEO_SEC = env_int("IAL_MAX_VIDEO_SEC", 3 * 3600)
IAL_TASK_TIME_LIMIT = env_int("IAL_TASK_TIME_LIMIT", 3600)
IAL_HEARTBEAT_SEC = env_int("IAL_HEARTBEAT_SEC", 10)
IAL_STALE_SEC = env_int("IAL_STALE_SEC", 60)
IAL_MAX_ATTEMPTS = env_int("IAL_MAX_ATTEMPTS", 3)
IAL_PENDING_RESEND_SEC = env_int("IAL_PENDING_RESEND_SEC", 2 * IAL_TASK_TIME_LIMIT)
IAL_PIPELINE_THREADS = env_int("IAL_PIPELINE_THREADS", 0)  # 0: all cores
IAL_PIPELINE_ARGS = env_str("IAL_PIPELINE_ARGS")
IAL_PIPELINE_PYTHON = env_str("IAL_PIPELINE_PYTHON", sys.executable)
# GDPR: retention, consent.
IAL_RETENTION_DAYS = env_int("IAL_RETENTION_DAYS", 180)  # 0: keep until deleted by hand
IAL_RETENTION_SWEEP_SEC = env_int("IAL_RETENTION_SWEEP_SEC", 3600)
# Positions: the self-declared demographic categories of the adverse-impact report and their allowed values
# ("" = prefers not to say; the shared catalogue interview_ai_lab/data/catalogue/demographics.json, which also
# words them for the pages; /api/config/ serves them), and the smallest group an impact ratio is computed for
# (smaller: "too few to say").
IAL_DEMOGRAPHIC_CATEGORIES = {category: list(node["values"])
                              for category, node in catalogue_entry("demographics", "categories").items()}
IAL_IMPACT_MIN_GROUP = env_int("IAL_IMPACT_MIN_GROUP", 5)
IAL_REQUIRE_CONSENT = env_bool("IAL_REQUIRE_CONSENT", True)
IAL_CONSENT_VERSION = env_str("IAL_CONSENT_VERSION", "1")
IAL_CONSENT_TEXT = env_str("IAL_CONSENT_TEXT", (
    "I agree that my recorded interview is analysed by software (speech, language and observable non-verbal "
    "signals) to assist the recruiter, who makes every decision. My video and its analysis are kept for at most "
    "{days} days, and I may ask to see, export or delete them at any time."))
IAL_CONSENT_TEXT_FR = env_str("IAL_CONSENT_TEXT_FR", (
    "J'accepte que mon entretien enregistré soit analysé par un logiciel (parole, langage et signaux non verbaux "
    "observables) pour aider le recruteur ou la recruteuse, qui prend toute décision. Ma vidéo et son analyse sont "
    "conservées {days} jours au plus, et je peux demander à tout moment à les consulter, les exporter ou les "
    "supprimer."))
#: One consent text per language a candidate may read it in (the upload's ``consent_language`` picks one).
IAL_CONSENT_TEXTS = {"fr": IAL_CONSENT_TEXT_FR, "en": IAL_CONSENT_TEXT}
IAL_BLUR_TIME_LIMIT = env_int("IAL_BLUR_TIME_LIMIT", 1800)
# No network from an analysis unless the deployment allows it (passed to the pipeline as IAL_ALLOW_DOWNLOADS).
IAL_ALLOW_DOWNLOADS = env_bool("IAL_ALLOW_DOWNLOADS", False)
# Erasure backstop: files of MEDIA_ROOT that no interview row refers to.
IAL_ORPHAN_SWEEP_SEC = env_int("IAL_ORPHAN_SWEEP_SEC", 3600)
IAL_ORPHAN_MIN_AGE_SEC = env_int("IAL_ORPHAN_MIN_AGE_SEC", 600)  # an upload being saved is not an orphan
# One-way interviews recorded in the candidate's browser (interviews.invitations, interviews.tus).
IAL_PUBLIC_URL = env_str("IAL_PUBLIC_URL").rstrip("/")
IAL_INVITATION_DAYS = env_int("IAL_INVITATION_DAYS", 14)
IAL_TAKE_MAX_MB = env_int("IAL_TAKE_MAX_MB", 300)
IAL_TUS_CHUNK_MAX_MB = env_int("IAL_TUS_CHUNK_MAX_MB", 16)
IAL_TAKE_TOLERANCE_SEC = env_int("IAL_TAKE_TOLERANCE_SEC", 5)
IAL_TAKE_GRACE_SEC = env_int("IAL_TAKE_GRACE_SEC", 1800)
IAL_CANDIDATE_RATE = env_str("IAL_CANDIDATE_RATE", "300/min")
if IAL_INVITATION_DAYS < 1 or IAL_TAKE_MAX_MB < 1 or IAL_TUS_CHUNK_MAX_MB < 1:
    raise ImproperlyConfigured("IAL_INVITATION_DAYS, IAL_TAKE_MAX_MB and IAL_TUS_CHUNK_MAX_MB must be at least 1")
if IAL_RETENTION_DAYS < 0 or IAL_RETENTION_SWEEP_SEC < 1:
    raise ImproperlyConfigured("IAL_RETENTION_DAYS must be >= 0 and IAL_RETENTION_SWEEP_SEC >= 1")
if IAL_HEARTBEAT_SEC * 3 > IAL_STALE_SEC:
    raise ImproperlyConfigured("IAL_STALE_SEC must be at least 3 × IAL_HEARTBEAT_SEC")

# --------------------------------------------------------------------------- Celery

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
CELERY_TASK_DEFAULT_QUEUE = env_str("IAL_CELERY_QUEUE", "interviews")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXPIRES = 24 * 3600
# A job is acknowledged only once it ended: a worker killed mid-job gives it back.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = IAL_TASK_TIME_LIMIT + 30
CELERY_TASK_TIME_LIMIT = IAL_TASK_TIME_LIMIT + 90
# Redis redelivers an unacknowledged message after this delay: longer than any job may run.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 900, "socket_connect_timeout": 5}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_TASK_TIME_LIMIT + 900}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_TASK_TRACK_STARTED = True
CELERY_BEAT_SCHEDULE_FILENAME = str(STATE_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "requeue-stale-analyses": {
        "task": "interviews.tasks.sweep_stale_jobs",
        "schedule": float(max(IAL_HEARTBEAT_SEC, IAL_STALE_SEC // 2)),
    },
    "purge-expired-interviews": {  # GDPR retention (IAL_RETENTION_DAYS)
        "task": "interviews.tasks.purge_expired_interviews",
        "schedule": float(IAL_RETENTION_SWEEP_SEC),
    },
    "resend-answer-videos": {  # submitted one-way interviews whose video was never made (message lost)
        "task": "interviews.tasks.sweep_answer_videos",
        "schedule": float(max(60, IAL_STALE_SEC)),
    },
    "sweep-orphan-files": {  # GDPR erasure backstop: analysis folders and videos with no interview row
        "task": "interviews.tasks.sweep_orphan_files",
        "schedule": float(max(60, IAL_ORPHAN_SWEEP_SEC)),
    },
}

# --------------------------------------------------------------------------- e-mail (invitation links)

# Django's SMTP backend when EMAIL_HOST is set, else the console backend (the message is printed by the server).
EMAIL_HOST = env_str("EMAIL_HOST")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                        else "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "interview-ai-lab@localhost")
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("EMAIL_USE_TLS and EMAIL_USE_SSL are exclusive")

# --------------------------------------------------------------------------- caches

# "throttle": the candidate pages' request counts, shared by every web process (Redis); a key prefix of this
# deployment's own, so two deployments (or test runs) on one Redis never share counts.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                 "LOCATION": env_str("IAL_CACHE_URL", env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")),
                 "KEY_PREFIX": "ial-" + hashlib.sha256(SECRET_KEY.encode()).hexdigest()[:12],
                 "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2}},
}

# --------------------------------------------------------------------------- logging

#: ``json``: one JSON object a line from Django, Celery, gunicorn and the pipeline (interview id on every line of a
#: job); ``text`` (default): one readable line.
IAL_LOG_FORMAT = env_str("IAL_LOG_FORMAT", "text").lower()
if IAL_LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"IAL_LOG_FORMAT={IAL_LOG_FORMAT!r}: expected text or json")
LOGGING = {"version": 1, "disable_existing_loggers": False} if not env_bool("IAL_LOGGING", True) else \
    logging_config(json_lines=IAL_LOG_FORMAT == "json", level=env_str("LOG_LEVEL", "INFO"))
if IAL_LOG_FORMAT == "json" and env_bool("IAL_LOGGING", True):
    import logging

    logging.captureWarnings(True)  # a Python warning becomes a JSON line too (logger py.warnings)

# --------------------------------------------------------------------------- metrics

#: ``/metrics`` (Prometheus): off (404) unless IAL_METRICS_TOKEN is set (``Authorization: Bearer <token>``) or
#: IAL_METRICS=public (no token; a private network only). Request counts add up over gunicorn's processes through
#: PROMETHEUS_MULTIPROC_DIR (start_stack.py --prod sets it); the rest is read from the database and broker.
IAL_METRICS_TOKEN = env_str("IAL_METRICS_TOKEN")
IAL_METRICS = env_str("IAL_METRICS", "token" if IAL_METRICS_TOKEN else "off").lower()
if IAL_METRICS not in ("off", "token", "public"):
    raise ImproperlyConfigured(f"IAL_METRICS={IAL_METRICS!r}: expected off, token or public")
if IAL_METRICS == "token" and not IAL_METRICS_TOKEN:
    raise ImproperlyConfigured("IAL_METRICS=token needs IAL_METRICS_TOKEN")
