"""Gunicorn settings for TMIS (WSGI; gthread workers — ASGI measured 3–4x slower for DRF's sync views)."""

import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("TMIS_WORKERS", "2"))
threads = int(os.environ.get("TMIS_THREADS", "4"))
worker_class = "gthread"
timeout = 60
graceful_timeout = 10
accesslog = "-" if os.environ.get("TMIS_ACCESS_LOG", "1") == "1" else None
chdir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "backend")
wsgi_app = "tmis.wsgi:application"
# Forwarded headers (X-Forwarded-Proto → the WSGI scheme) only from the proxies Django trusts too (TMIS_TRUSTED_PROXIES,
# addresses or CIDRs; none by default, unlike gunicorn's own default of 127.0.0.1).
forwarded_allow_ips = ",".join(p.strip() for p in os.environ.get("TMIS_TRUSTED_PROXIES", "").split(",") if p.strip())
