"""Plumbing models: stored responses of idempotent API requests."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class IdempotencyRecord(models.Model):
    """A successful API creation, remembered by the client's Idempotency-Key.

    The row is inserted in the same transaction as the object it created: a retry with the same
    key (even a concurrent one, which waits on the unique index) gets the stored response.
    Failed requests leave no record, so they can simply be retried.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    method = models.CharField(max_length=10)
    path = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(null=True)
    response_body = models.JSONField(null=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="idempotency_unique_key_per_user")
        ]

    def __str__(self):
        return f"{self.method} {self.path} [{self.key}]"
