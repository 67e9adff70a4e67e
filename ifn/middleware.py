import logging
import time

from django.conf import settings
from django.http import HttpRequest, HttpResponse

request_log = logging.getLogger("ifn.request")

# A load balancer asks every few seconds; its requests would bury the others.
QUIET_PATHS = {"/healthz"}


class RequestLogMiddleware:
    """One log line per request: method, path (without the query string, which
    may hold a searched name or a reset token), status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = round((time.perf_counter() - started) * 1000, 1)
        level = logging.DEBUG if request.path in QUIET_PATHS else logging.INFO
        if response.status_code >= 500:
            level = logging.ERROR
        request_log.log(
            level,
            "%s %s %s %.1f ms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": duration_ms,
            },
        )
        return response


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header from settings.PERMISSIONS_POLICY, which
    Django has no setting for: each feature with the origins allowed to use it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})" for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
