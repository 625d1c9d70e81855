"""API plumbing: one exception handler for service errors, the website URL field, the
throttle of signed-in clients."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers, status, throttling
from rest_framework.views import exception_handler as drf_exception_handler


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"

    def __init__(self):
        super().__init__(detail=_("La requête est trop volumineuse."))


def exception_handler(exc, context):
    """Services raise Django's ValidationError / PermissionDenied: answer 400 / 403; a body
    over DATA_UPLOAD_MAX_MEMORY_SIZE: 413."""
    if isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge()
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(detail=str(exc) or None)
    return drf_exception_handler(exc, context)


# The URLs Django's URLValidator accepts (http/https, dotted host with a 2-63 letter TLD).
URL_PATTERN = (
    r"^$|^https?://[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}"
    r"(?::[0-9]{1,5})?(?:/[!-~]*)?$"
)


@extend_schema_field({"type": "string", "format": "uri", "maxLength": 200, "pattern": URL_PATTERN})
class WebsiteField(serializers.URLField):
    pass


class MemberRateThrottle(throttling.UserRateThrottle):
    """The `user` rate, for signed-in clients only. DRF's UserRateThrottle also counts
    anonymous clients by address, beside AnonRateThrottle: a second counter for the same
    client, which costs the shared cache a read and a write on every anonymous request
    (four queries with CACHE_BACKEND=db) and never decides anything the `anon` one does not."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
