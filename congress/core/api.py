"""API plumbing: one exception handler for service errors, the website URL field."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    """Services raise Django's ValidationError / PermissionDenied: answer 400 / 403."""
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
