"""Counting attempts in the cache to slow down password guessing and email flooding.

Login throttling must never become a lockout of the account's owner, so failures are counted
per (account, client) pair: after a few free failures each new one doubles the wait imposed on
that pair only. A person signing in from another address is not slowed down by someone
hammering their account. A generous per-client limit stops one address from trying many
accounts. The client is the address of the peer, or, behind `TRUSTED_PROXY_COUNT` reverse
proxies, the address the outermost trusted proxy saw (X-Forwarded-For read from the right).

Counters live in Django's cache, which production requires to be shared by all workers
(`CACHE_BACKEND=db` or `REDIS_URL`; see settings).
"""

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    attempts: int
    window_seconds: int


# Login: free failures per (account, client), then 30 s, 1 min, 2 min... up to 15 minutes.
LOGIN_FREE_FAILURES = 5
LOGIN_BACKOFF_BASE_SECONDS = 30
LOGIN_BACKOFF_MAX_SECONDS = 15 * 60
LOGIN_PAIR_MEMORY_SECONDS = 24 * 3600  # failures of a pair are forgotten a day after the last
# Many people may share one address (a town hall, a NAT): generous, only against spraying.
LOGIN_PER_CLIENT = Limit("login-client", attempts=100, window_seconds=15 * 60)
RESET_PER_ACCOUNT = Limit("reset-account", attempts=3, window_seconds=60 * 60)
RESET_PER_ADDRESS = Limit("reset-ip", attempts=10, window_seconds=60 * 60)


def _now() -> float:
    return time.time()


def client_address(request) -> str:
    """The client's address; behind proxies, the one the outermost trusted proxy recorded.

    Each proxy appends the address of its peer to X-Forwarded-For, so with N trusted proxies
    the client is the N-th entry from the right; anything further left was sent by the client
    and is ignored. IPv6 clients are grouped by /64 (one subscriber's usual allocation).
    """
    address = request.META.get("REMOTE_ADDR") or "unknown"
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _key(name: str, subject: str) -> str:
    # Hashed: keys stay short and free of characters some cache backends refuse.
    return f"throttle:{name}:" + hashlib.sha256(subject.lower().encode()).hexdigest()


def _increment(key: str, timeout: int) -> int:
    if cache.add(key, 1, timeout=timeout):
        return 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=timeout)
        return 1
    cache.touch(key, timeout)  # BaseCache.incr() (database cache) resets the expiry
    return count


# --- fixed windows (password reset, per-client login limit) -----------------------------------


def is_blocked(limit: Limit, subject: str) -> bool:
    return (cache.get(_key(limit.name, subject)) or 0) >= limit.attempts


def record_attempt(limit: Limit, subject: str) -> int:
    return _increment(_key(limit.name, subject), limit.window_seconds)


def reset(limit: Limit, subject: str) -> None:
    cache.delete(_key(limit.name, subject))


# --- login ----------------------------------------------------------------------------------


def _pair(email: str, address: str) -> str:
    return f"{email.strip().lower()}\n{address}"


def login_wait_seconds(email: str, address: str) -> int:
    """Seconds this client must wait before trying this account again (0: go ahead)."""
    if is_blocked(LOGIN_PER_CLIENT, address):
        return LOGIN_PER_CLIENT.window_seconds
    until = cache.get(_key("login-pair-until", _pair(email, address)))
    if until is None:
        return 0
    return max(0, math.ceil(until - _now()))


def login_failed(email: str, address: str) -> None:
    pair = _pair(email, address)
    failures = _increment(_key("login-pair", pair), LOGIN_PAIR_MEMORY_SECONDS)
    if failures > LOGIN_FREE_FAILURES:
        exponent = min(failures - LOGIN_FREE_FAILURES - 1, 16)
        delay = min(LOGIN_BACKOFF_BASE_SECONDS * 2**exponent, LOGIN_BACKOFF_MAX_SECONDS)
        cache.set(_key("login-pair-until", pair), _now() + delay, timeout=delay + 60)
    record_attempt(LOGIN_PER_CLIENT, address)


def login_succeeded(email: str, address: str) -> None:
    pair = _pair(email, address)
    cache.delete_many([_key("login-pair", pair), _key("login-pair-until", pair)])
