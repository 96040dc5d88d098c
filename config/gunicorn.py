"""Gunicorn settings for Carnet's app servers: `gunicorn -c config/gunicorn.py config.wsgi`.

Each value can be changed from the environment (GUNICORN_BIND, WEB_CONCURRENCY…), and
any gunicorn option through GUNICORN_CMD_ARGS.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")
# Sync workers: pages are rendered by CPU-bound Python, with short database round trips.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# Load Django once in the master: workers fork ready to serve, and a recycled worker
# comes back at once. No connection is opened at import time, so none is shared.
preload_app = True
# Recycle workers now and then, so a slow leak never grows for long.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = max_requests // 10
# Requests come through nginx or a load balancer on this machine or the private network:
# trust their X-Forwarded-* headers.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Django logs one JSON line per request to stdout (carnet.requests); gunicorn's own
# access log would repeat it. Gunicorn's errors and lifecycle go to stderr.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
