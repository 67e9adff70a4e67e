"""gunicorn's settings for IFN. gunicorn reads this file when started in this
folder (`gunicorn ifn.wsgi`); elsewhere, pass it: `gunicorn -c /srv/ifn/gunicorn.conf.py ifn.wsgi`.
Command-line options win over it. Each value may be changed through the
environment variable named beside it."""

import multiprocessing
import os

wsgi_app = "ifn.wsgi:application"

# nginx on the same machine connects here; on several app machines, bind to
# the private address the load balancer reaches (GUNICORN_BIND=10.0.0.11:8001).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")

# Synchronous workers, two per core and one more: requests wait on PostgreSQL
# and Redis, rarely on the processor. Each takes about 100 MB, and with a
# large directory about 70 MB more at 100,000 businesses for the listing's
# index (twice that for a moment while it is read).
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))

# Checking and importing a community list of several thousand rows in the
# admin takes tens of seconds, longer than gunicorn's default 30.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 120))
# On restart, requests under way get this long to finish.
graceful_timeout = 30
# nginx keeps connections to gunicorn open between requests.
keepalive = 5

# A worker is replaced after about ten thousand requests, so that memory a
# library keeps growing is given back; the jitter keeps them from all
# restarting at once. Not much sooner: a new worker spends a second of
# processor time starting, and at a few hundred requests a second a limit of
# a thousand would restart each worker every few seconds.
max_requests = 10000
max_requests_jitter = 1000

# Only nginx on this machine may say the request came over https
# (X-Forwarded-Proto); on several machines, the load balancer's addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Uploads are buffered by nginx; the temporary files of workers go to memory.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None


def post_worker_init(worker):
    """The application is loaded in the worker: its modules, settings and
    URL patterns last the worker's life (directory.long_lived). A large
    directory's listing index is read before the worker takes a request
    (directory.browse.held_loading): about 13 s at 100,000 businesses with
    the most used words' matches (3 s of it the worker's processor time, the
    rest the database's), while the other workers answer."""
    import gc

    from directory.browse import held_loading

    held_loading.read_at_boot()
    gc.freeze()


# The runtime control socket is not used; by default it is one path per user
# account, which a second gunicorn of that account (a benchmark) would take over.
control_socket_disable = True

# gunicorn's own messages (start, stop, a worker timed out) as JSON lines on
# standard output, like the application's. Requests are logged once, by the
# application (ifn.middleware.RequestLogMiddleware), so the access log is quiet.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "ifn.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
    # LOG_LEVEL, as for the application (settings.LOGGING).
    "root": {"level": os.environ.get("LOG_LEVEL", "INFO"), "handlers": ["console"]},
    "loggers": {
        "gunicorn.error": {"level": os.environ.get("LOG_LEVEL", "INFO"), "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": True},
        # Django answers HEAD with the body that GET would have, which gunicorn
        # drops as it should, with a warning for every monitoring probe.
        "gunicorn.http.wsgi": {"level": "ERROR", "handlers": [], "propagate": True},
    },
}
