"""Counting attempts in the cache to slow down password guessing and email flooding.

Counters live in Django's cache. With several gunicorn workers, use a shared cache
(`CACHE_BACKEND=db` after `manage.py createcachetable`, or Redis) so the limits are global.
"""

from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    attempts: int
    window_seconds: int


LOGIN_PER_ACCOUNT = Limit("login-account", attempts=8, window_seconds=15 * 60)
LOGIN_PER_ADDRESS = Limit("login-ip", attempts=30, window_seconds=15 * 60)
RESET_PER_ACCOUNT = Limit("reset-account", attempts=3, window_seconds=60 * 60)
RESET_PER_ADDRESS = Limit("reset-ip", attempts=10, window_seconds=60 * 60)


def client_address(request) -> str:
    # Behind a proxy, configure it to set REMOTE_ADDR (e.g. gunicorn --forwarded-allow-ips).
    return request.META.get("REMOTE_ADDR", "unknown")


def _key(limit: Limit, subject: str) -> str:
    return f"throttle:{limit.name}:{subject.lower()}"


def is_blocked(limit: Limit, subject: str) -> bool:
    return (cache.get(_key(limit, subject)) or 0) >= limit.attempts


def record_attempt(limit: Limit, subject: str) -> int:
    key = _key(limit, subject)
    if cache.add(key, 1, timeout=limit.window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=limit.window_seconds)
        return 1


def reset(limit: Limit, subject: str) -> None:
    cache.delete(_key(limit, subject))
