"""Gunicorn, the WSGI server `make run` and production use.

Environment variables override the defaults: PORT (or GUNICORN_BIND), WEB_CONCURRENCY (worker count;
Gunicorn reads it itself) and GUNICORN_CMD_ARGS for anything else.
"""

import multiprocessing
import os

wsgi_app = "rugwijs.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", f"127.0.0.1:{os.environ.get('PORT', '8000')}")

# Sync workers: every request is short (a page render or a counter update) and the database, not the
# CPU, is the shared resource. Gunicorn's rule of thumb, capped so a small machine keeps memory free.
workers = int(os.environ.get("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 9)))
timeout = 30
graceful_timeout = 20
# Recycle workers now and then so a slow leak in any library never grows without bound. Not often:
# a new worker imports Django and Wagtail again, about 1.5 s of CPU. At 2,000 requests a busy 2-core
# machine restarted each worker every few seconds and spent most of its CPU on that.
max_requests = 100_000
max_requests_jitter = 10_000
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# No access log: it would write every reader's IP address to disk, and Rugwijs never stores those.
accesslog = None
errorlog = "-"
# Only the proxy on this machine may say which scheme the reader used.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
