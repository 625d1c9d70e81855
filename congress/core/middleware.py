from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


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
