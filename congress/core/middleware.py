"""The project's middleware: most must run before the rest of the stack (placed first in
settings); `EarlyPageMiddleware` runs last."""

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.csp import build_policy
from django.utils.translation import gettext as _

from congress.core import keptpages

HEALTH_CHECK_PATH = "/healthz/"


class HealthCheckMiddleware:
    """Answers the load balancer's probe before host validation and the HTTPS redirect.

    Load balancers probe each backend by its IP address over plain HTTP: the probe must not
    depend on ALLOWED_HOSTS or SECURE_SSL_REDIRECT. It touches no database and returns no data.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_CHECK_PATH and request.method in ("GET", "HEAD"):
            response = HttpResponse("ok", content_type="text/plain")
            response["Cache-Control"] = "no-store"
            return response
        return self.get_response(request)


def _is_malformed(raw: bytes) -> bool:
    """NUL bytes (PostgreSQL refuses them in text) or bytes that are not strict UTF-8
    (invalid sequences, overlong forms such as %C0%80, lone surrogates)."""
    if b"\x00" in raw:
        return True
    try:
        raw.decode("utf-8", errors="strict")
    except UnicodeDecodeError:
        return True
    return False


def _wsgi_bytes(value: str) -> bytes:
    # WSGI (PEP 3333) and ASGI hand over the path and query string as latin-1 strings.
    try:
        return value.encode("latin-1")
    except UnicodeEncodeError:
        return value.encode("utf-8", errors="surrogateescape")


def _urlencoded_is_malformed(encoded: bytes) -> bool:
    return _is_malformed(unquote_to_bytes(encoded.replace(b"+", b" ")))


class RejectMalformedInputMiddleware:
    """Answers 400 to a path, query string or form body holding NUL or non-UTF-8 bytes.

    Without it such input reaches the views: Django replaces undecodable bytes silently, and a
    NUL byte in a database query is a server error on PostgreSQL. JSON under /api/, a page
    elsewhere. Multipart bodies are left to the forms (their fields refuse NUL characters).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._is_malformed(request):
            return self._bad_request(request)
        return self.get_response(request)

    @staticmethod
    def _is_malformed(request) -> bool:
        path = request.META.get("PATH_INFO")
        raw_path = _wsgi_bytes(path) if path is not None else request.path_info.encode()
        if _is_malformed(raw_path) or "\x00" in request.path_info:
            return True
        if _urlencoded_is_malformed(_wsgi_bytes(request.META.get("QUERY_STRING", ""))):
            return True
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            return _urlencoded_is_malformed(request.body)
        return False

    @staticmethod
    def _bad_request(request):
        message = _(
            "Requête invalide : l'adresse ou le formulaire contient des caractères nuls ou "
            "un encodage autre que l'UTF-8."
        )
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400)
        if not hasattr(request, "user"):  # answered before the authentication middleware
            request.user = AnonymousUser()
        response = HttpResponse(
            render_to_string("400.html", {"message": message}, request=request), status=400
        )
        # Answered before the CSP and clickjacking middleware: set their headers here.
        response["Content-Security-Policy"] = build_policy(settings.SECURE_CSP)
        response["X-Frame-Options"] = "DENY"
        return response


class UserLanguageMiddleware:
    """Use a signed-in person's preferred language unless they picked one with the switch."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and settings.LANGUAGE_COOKIE_NAME not in request.COOKIES
            and user.preferred_language
        ):
            translation.activate(user.preferred_language)
            request.LANGUAGE_CODE = user.preferred_language
        return self.get_response(request)


def request_too_large(request) -> HttpResponse:
    """413: JSON under /api/, a page elsewhere."""
    message = _("La requête est trop volumineuse.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=413)
    return HttpResponse(
        render_to_string("413.html", {"message": message}, request=request), status=413
    )


class RequestBodyLimitMiddleware:
    """Refuse an oversized body before anyone reads it (`DATA_UPLOAD_MAX_MEMORY_SIZE`), and
    answer 413 when Django finds one while reading (no Content-Length, form fields).

    Multipart bodies are left to Django, which counts their fields but not their files: file
    uploads have their own limits (a follow-up document: 10 MB).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        content_type = request.META.get("CONTENT_TYPE", "")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if limit is not None and length > limit and not content_type.startswith("multipart/"):
            return request_too_large(request)
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):
            return request_too_large(request)
        return None


class EarlyPageMiddleware:
    """Serves a page kept whole to a visitor who is not logged in before the URL is resolved
    and its view runs, while everything it was made from still holds
    (`keptpages.early_response`; issue 18). Last of the middleware: the session, language,
    CSRF and security layers have seen the request and see the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = keptpages.early_response(request)
        return response if response is not None else self.get_response(request)
