"""`Idempotency-Key` support for API endpoints that create registrations or payments.

A client that retries a POST (a timeout, a dropped connection) with the same key gets the
first response back instead of a second order. The same key with a different request is
refused (422). Keys are per user; records older than IDEMPOTENCY_KEY_TTL_HOURS can be purged.
"""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status
from rest_framework.response import Response

from congress.core.models import IdempotencyRecord

HEADER = "Idempotency-Key"
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    name=HEADER,
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Optional key (up to 255 characters) making the request safe to retry: a repeat with "
        "the same key returns the first response (with `Idempotent-Replayed: true`) instead of "
        "creating a second object; the same key with another request body gets a 422."
    ),
)


class IdempotencyConflict(exceptions.APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_code = "idempotency_key_reused"


def _fingerprint(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


class IdempotentCreateMixin:
    """For DRF viewsets: honour `Idempotency-Key` on `create`."""

    def create(self, request, *args, **kwargs):
        key = request.headers.get(HEADER)
        if not key or not request.user.is_authenticated:
            return super().create(request, *args, **kwargs)
        if len(key) > 255:
            raise exceptions.ValidationError(
                {HEADER: [_("La clé d'idempotence dépasse 255 caractères.")]}
            )
        fingerprint = _fingerprint(request)
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    user=request.user,
                    key=key,
                    method=request.method,
                    path=request.path[:255],
                    fingerprint=fingerprint,
                )
                response = super().create(request, *args, **kwargs)
                record.status_code = response.status_code
                record.response_body = response.data
                record.save(update_fields=["status_code", "response_body"])
                return response
        except IntegrityError:
            # Another request with this key committed first (or this is a replay): reuse it.
            record = IdempotencyRecord.objects.filter(user=request.user, key=key).first()
            if record is None:  # the integrity error came from something else
                raise
        if record.fingerprint != fingerprint:
            raise IdempotencyConflict(
                _("Cette clé d'idempotence a déjà servi pour une autre requête.")
            )
        return Response(
            record.response_body,
            status=record.status_code,
            headers={"Idempotent-Replayed": "true"},
        )
