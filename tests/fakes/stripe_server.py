"""A local fake of the few Stripe API endpoints the project uses.

The test suite drives the *real* ``stripe`` library against this server, so request
encoding, error handling and idempotency keys are exercised exactly as in production::

    with FakeStripe() as fake:
        client = stripe.StripeClient(
            "sk_test_x", base_addresses={"api": fake.url}, max_network_retries=0
        )
        session = client.v1.checkout.sessions.create(params={...})
        fake.complete_session(session.id)          # the customer "pays"
        event = make_event("checkout.session.completed", fake.sessions[session.id])
        payload, header = signed_webhook(event, "whsec_test")

Endpoints (form-encoded bodies, JSON answers shaped like Stripe's objects):

* ``POST /v1/checkout/sessions``, ``GET /v1/checkout/sessions/{id}``,
  ``POST /v1/checkout/sessions/{id}/expire``, ``GET /v1/checkout/sessions/{id}/line_items``
* ``POST /v1/refunds``, ``GET /v1/refunds/{id}``
* ``GET /v1/payment_intents/{id}`` (payment intents exist once a session is completed)
* ``GET /pay/{id}``: a tiny hosted "checkout page" (no auth) whose buttons complete the
  session and redirect to ``success_url`` (with ``{CHECKOUT_SESSION_ID}`` substituted), or go
  back to ``cancel_url``; for browser journeys.

Every ``/v1`` request needs ``Authorization: Bearer sk_test_...`` (or exactly ``api_key`` when
one is given to the constructor). ``Idempotency-Key`` is honoured for POSTs: the same key with
the same parameters replays the first (successful) answer, with different parameters or on a
different endpoint it is a 400 ``idempotency_error``. Simulated failures (``fail_next``) and
validation errors are not saved under the key, so a retry with the same key can succeed.

Events: completing or expiring a session (``complete_session``/``expire_session`` or the pay
page) and creating a refund append an event to ``.events``. When ``webhook_url`` and
``webhook_secret`` are set, the events made by ``complete_session``/``expire_session``/the pay
page are also POSTed there, signed, synchronously (refund events never are, since they are made
while the app is waiting on the API call); see ``deliver``.
"""

from __future__ import annotations

import html
import json
import re
import secrets
import socketserver
import string
import threading
import time
import traceback
import urllib.error
import urllib.request
from collections import deque
from collections.abc import Callable, Mapping
from copy import deepcopy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, NamedTuple
from urllib.parse import parse_qsl, urlsplit

import stripe

__all__ = [
    "FakeStripe",
    "RecordedRequest",
    "make_event",
    "sign_payload",
    "signed_webhook",
]

_ALPHANUM = string.ascii_letters + string.digits


def _new_id(prefix: str, length: int = 24) -> str:
    return prefix + "".join(secrets.choice(_ALPHANUM) for _ in range(length))


def _api_version() -> str:
    return getattr(stripe, "api_version", None) or "2026-10-28.endive"


# --------------------------------------------------------------------------- params


def _known_keys(class_name: str, fallback: set[str] | None = None) -> set[str] | None:
    """Parameter names the installed ``stripe`` library knows for one request shape.

    Read from the library's own ``TypedDict``s, so the fake rejects exactly the unknown
    parameters Stripe would (``parameter_unknown``). ``None`` means "do not check".
    """
    try:
        from stripe._request_options import RequestOptions

        options = set(RequestOptions.__annotations__)
    except ImportError:  # pragma: no cover - a future library layout
        options = {"api_key", "idempotency_key", "stripe_account", "stripe_version", "headers"}
    for module_name in ("stripe.params.checkout", "stripe.params"):
        try:
            module = __import__(module_name, fromlist=[class_name])
            cls = getattr(module, class_name)
        except (ImportError, AttributeError):
            continue
        return set(getattr(cls, "__annotations__", {})) - options
    return fallback


_SESSION_KEYS = _known_keys("SessionCreateParams")
_LINE_ITEM_KEYS = _known_keys("SessionCreateParamsLineItem")
_PRICE_DATA_KEYS = _known_keys("SessionCreateParamsLineItemPriceData")
_PRODUCT_DATA_KEYS = _known_keys("SessionCreateParamsLineItemPriceDataProductData")
_PAYMENT_INTENT_DATA_KEYS = _known_keys("SessionCreateParamsPaymentIntentData")
_REFUND_KEYS = _known_keys("RefundCreateParams")

_KEY_RE = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
_PART_RE = re.compile(r"\[([^\[\]]*)\]")
# Keys whose children are free-form strings, never array indices.
_FREE_FORM = {"metadata"}


def _split_key(key: str) -> list[str]:
    match = _KEY_RE.match(key)
    if not match:
        return [key]
    return [match.group(1), *_PART_RE.findall(match.group(2))]


def parse_params(pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """Turn Stripe's form encoding (``a[b][0][c]=v``) back into nested dicts and lists."""
    root: dict[str, Any] = {}
    for key, value in pairs:
        parts = _split_key(key)
        node = root
        for index, part in enumerate(parts):
            if part == "":  # ``expand[]=x`` style: append
                part = str(len(node))
            if index == len(parts) - 1:
                node[part] = value
            else:
                child = node.get(part)
                if not isinstance(child, dict):
                    child = {}
                    node[part] = child
                node = child
    return _listify(root)


def _listify(value: Any, key: str | None = None) -> Any:
    if not isinstance(value, dict):
        return value
    converted = {k: _listify(v, k) for k, v in value.items()}
    if key not in _FREE_FORM and converted and all(k.isdigit() for k in converted):
        return [converted[k] for k in sorted(converted, key=int)]
    return converted


# --------------------------------------------------------------------------- errors


class _ApiError(Exception):
    def __init__(
        self,
        status: int,
        message: str,
        *,
        type: str = "invalid_request_error",  # noqa: A002 - Stripe's field name
        code: str | None = None,
        param: str | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.body: dict[str, Any] = {"type": type, "message": message}
        if code:
            self.body["code"] = code
            self.body["doc_url"] = "https://stripe.com/docs/error-codes/" + code.replace("_", "-")
        if param:
            self.body["param"] = param

    def payload(self) -> dict[str, Any]:
        return {"error": self.body}


def _missing(param: str) -> _ApiError:
    return _ApiError(
        400, f"Missing required param: {param}.", code="parameter_missing", param=param
    )


def _no_such(kind: str, object_id: str, param: str) -> _ApiError:
    return _ApiError(
        404 if param == "id" else 400,
        f"No such {kind}: '{object_id}'",
        code="resource_missing",
        param=param,
    )


def _invalid(param: str, message: str, code: str = "parameter_invalid") -> _ApiError:
    return _ApiError(400, message, code=code, param=param)


def _reject_unknown(params: Mapping[str, Any], known: set[str] | None, prefix: str = "") -> None:
    if known is None or not isinstance(params, Mapping):
        return
    for key in params:
        if key not in known:
            name = f"{prefix}[{key}]" if prefix else key
            raise _ApiError(
                400, f"Received unknown parameter: {name}", code="parameter_unknown", param=name
            )


def _int(value: Any, param: str, *, required: bool = False, minimum: int | None = None) -> int:
    if value is None or value == "":
        if required:
            raise _missing(param)
        raise _invalid(param, f"Invalid integer: {value!r}", "parameter_invalid_integer")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise _invalid(param, f"Invalid integer: {value}", "parameter_invalid_integer") from None
    if minimum is not None and number < minimum:
        raise _invalid(
            param,
            f"This value must be greater than or equal to {minimum}.",
            "parameter_invalid_integer",
        )
    return number


def _dict(value: Any, param: str) -> dict[str, Any]:
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise _invalid(param, f"Invalid object: {param} must be a hash.")
    return value


def _metadata(value: Any, param: str = "metadata") -> dict[str, str]:
    data = _dict(value, param)
    if len(data) > 50:
        raise _invalid(param, "Metadata can have at most 50 keys.")
    cleaned = {}
    for key, item in data.items():
        if not isinstance(item, str):
            raise _invalid(f"{param}[{key}]", "Metadata values must be strings.")
        if len(key) > 40:
            raise _invalid(f"{param}[{key}]", "Metadata keys can be at most 40 characters long.")
        if len(item) > 500:
            raise _invalid(f"{param}[{key}]", "Metadata values can be at most 500 characters long.")
        if item != "":  # an empty value unsets the key
            cleaned[key] = item
    return cleaned


def _url(value: Any, param: str) -> str | None:
    if value in (None, ""):
        return None
    parts = urlsplit(str(value))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise _invalid(param, "Not a valid URL", "url_invalid")
    return str(value)


# --------------------------------------------------------------------------- recording


class _Headers(dict):
    """A ``dict`` of request headers whose look-ups ignore case."""

    def _find(self, key: object) -> object:
        if isinstance(key, str) and not dict.__contains__(self, key):
            for name in self:
                if name.lower() == key.lower():
                    return name
        return key

    def __getitem__(self, key: object) -> Any:
        return dict.__getitem__(self, self._find(key))

    def __contains__(self, key: object) -> bool:
        return dict.__contains__(self, self._find(key))

    def get(self, key: object, default: Any = None) -> Any:
        return dict.get(self, self._find(key), default)


class RecordedRequest(NamedTuple):
    """One request the fake received: unpacks as ``(method, path, params, headers)``."""

    method: str
    path: str
    params: dict[str, Any]
    headers: dict[str, str]


# --------------------------------------------------------------------------- server


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = True

    def __init__(self, address: tuple[str, int], fake: FakeStripe) -> None:
        self.fake = fake
        super().__init__(address, _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind() does a reverse DNS look-up (getfqdn); not needed here.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = str(host)
        self.server_port = port


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "FakeStripe/1.0"
    # HTTP/1.0: one request per connection, so no keep-alive socket outlives a test.
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def do_DELETE(self) -> None:  # noqa: N802
        self._dispatch("DELETE")

    def _dispatch(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = _Headers(self.headers.items())
        status, response_headers, payload = self.server.fake._handle_http(
            method, self.path, headers, body
        )
        self.send_response(status)
        for name, value in response_headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Connection", "close")
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(payload)


_SESSION_PATH = re.compile(r"^/v1/checkout/sessions/([^/]+)$")
_SESSION_EXPIRE_PATH = re.compile(r"^/v1/checkout/sessions/([^/]+)/expire$")
_SESSION_ITEMS_PATH = re.compile(r"^/v1/checkout/sessions/([^/]+)/line_items$")
_REFUND_PATH = re.compile(r"^/v1/refunds/([^/]+)$")
_PAYMENT_INTENT_PATH = re.compile(r"^/v1/payment_intents/([^/]+)$")
_PAY_PATH = re.compile(r"^/pay/([^/]+)$")

_FAILURE_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", None),
    402: ("card_error", "card_declined"),
    403: ("invalid_request_error", None),
    404: ("invalid_request_error", "resource_missing"),
    409: ("invalid_request_error", "lock_timeout"),
    429: ("invalid_request_error", "rate_limit"),
}

_HTML = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    "<title>FakeStripe checkout</title></head><body><main>{body}</main></body></html>"
)


class FakeStripe:
    """An in-memory Stripe API on ``127.0.0.1`` (a free port), served from a daemon thread.

    Use as a context manager, or call ``stop()``. All state lives in plain dicts guarded by one
    lock: ``sessions``, ``refunds``, ``payment_intents`` (id -> Stripe-shaped object),
    ``events`` (list of event payloads), ``requests`` (list of ``RecordedRequest``),
    ``deliveries`` (list of ``(event_id, status_or_error)``) and ``errors`` (tracebacks of bugs in
    the fake itself, answered as 500).
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        clock: Callable[[], float] = time.time,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.api_key = api_key
        self.webhook_url = webhook_url
        self.webhook_secret = webhook_secret
        self.clock = clock
        self._lock = threading.RLock()
        self.sessions: dict[str, dict[str, Any]] = {}
        self.refunds: dict[str, dict[str, Any]] = {}
        self.payment_intents: dict[str, dict[str, Any]] = {}
        self.events: list[dict[str, Any]] = []
        self.requests: list[RecordedRequest] = []
        self.deliveries: list[tuple[str, int | str]] = []
        self.errors: list[str] = []
        self._line_items: dict[str, list[dict[str, Any]]] = {}
        self._refunded: dict[str, int] = {}
        # payment_intent_data given at session creation, used when the session is paid.
        self._intent_data: dict[str, dict[str, Any]] = {}
        self._idempotency: dict[tuple[str, str], dict[str, Any]] = {}
        self._failures: deque[int] = deque()

        self._server = _Server((host, port), self)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"FakeStripe:{self.port}",
            daemon=True,
        )
        self._thread.start()
        self._stopped = False

    # ----------------------------------------------------------------- lifecycle

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{self._server.server_address[0]}:{self.port}"

    def stop(self) -> None:
        """Stop serving, close the listening socket and join the threads (idempotent)."""
        if self._stopped:
            return
        self._stopped = True
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeStripe:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<FakeStripe {self.url} sessions={len(self.sessions)}>"

    def reset(self) -> None:
        """Forget every object, request, event and pending failure (the server keeps running)."""
        with self._lock:
            for store in (
                self.sessions,
                self.refunds,
                self.payment_intents,
                self._line_items,
                self._refunded,
                self._intent_data,
                self._idempotency,
            ):
                store.clear()
            for log in (self.events, self.requests, self.deliveries, self.errors):
                log.clear()
            self._failures.clear()

    # ----------------------------------------------------------------- test control

    def fail_next(self, status: int = 500, n: int = 1) -> None:
        """Answer the next ``n`` ``/v1`` requests with an HTTP ``status`` error (Stripe's shape).

        Nothing is executed and nothing is saved under the request's idempotency key.
        """
        with self._lock:
            self._failures.extend([status] * n)

    def complete_session(
        self, session_id: str, *, email: str | None = None, name: str | None = None
    ) -> dict[str, Any]:
        """The customer pays: ``status="complete"``, ``payment_status="paid"``, a ``pi_...``.

        Returns a copy of the session; records (and maybe delivers) a
        ``checkout.session.completed`` event. Raises ``KeyError``/``ValueError`` when the
        session is unknown or not open.
        """
        with self._lock:
            session = self._session(session_id)
            if session["status"] != "open":
                raise ValueError(f"session {session_id} is {session['status']}, not open")
            now = self._now()
            email = email or session["customer_email"] or "customer@example.com"
            session.update(
                status="complete",
                url=None,
                customer_details={
                    "address": None,
                    "business_name": None,
                    "email": email,
                    "individual_name": None,
                    "name": name,
                    "phone": None,
                    "tax_exempt": "none",
                    "tax_ids": [],
                },
            )
            if session["mode"] == "payment":
                intent_data = self._intent_data.pop(session_id, {})
                intent = {
                    "id": _new_id("pi_"),
                    "object": "payment_intent",
                    "amount": session["amount_total"],
                    "amount_capturable": 0,
                    "amount_received": session["amount_total"],
                    "canceled_at": None,
                    "cancellation_reason": None,
                    "capture_method": "automatic",
                    "client_secret": None,
                    "created": now,
                    "currency": session["currency"],
                    "customer": None,
                    "description": intent_data.get("description"),
                    "last_payment_error": None,
                    "latest_charge": _new_id("ch_"),
                    "livemode": False,
                    "metadata": _metadata(intent_data.get("metadata")),
                    "next_action": None,
                    "payment_method": _new_id("pm_"),
                    "payment_method_types": ["card"],
                    "receipt_email": intent_data.get("receipt_email"),
                    "status": "succeeded",
                }
                client_secret = f"{intent['id']}_secret_{_new_id('', 25)}"
                intent["client_secret"] = client_secret
                self.payment_intents[intent["id"]] = intent
                self._refunded[intent["id"]] = 0
                session.update(payment_intent=intent["id"], payment_status="paid")
            else:
                session["payment_status"] = "no_payment_required"
            event = self._record_event("checkout.session.completed", session)
            result = deepcopy(session)
        self._auto_deliver(event)
        return result

    def expire_session(self, session_id: str) -> dict[str, Any]:
        """Expire an open session, as if ``expires_at`` had passed; returns a copy."""
        with self._lock:
            session = self._session(session_id)
            if session["status"] != "open":
                raise ValueError(f"session {session_id} is {session['status']}, not open")
            event = self._expire(session)
            result = deepcopy(session)
        self._auto_deliver(event)
        return result

    def line_items(self, session_id: str) -> list[dict[str, Any]]:
        """The stored ``item`` objects of a session."""
        with self._lock:
            self._session(session_id)
            return deepcopy(self._line_items[session_id])

    def find_requests(
        self, method: str | None = None, path: str | None = None
    ) -> list[RecordedRequest]:
        """Recorded requests filtered by method and/or exact path (or a path prefix ending '/')."""
        with self._lock:
            return [
                r
                for r in self.requests
                if (method is None or r.method == method.upper())
                and (
                    path is None
                    or r.path == path
                    or (path.endswith("/") and r.path.startswith(path))
                )
            ]

    def deliver(
        self, event: dict[str, Any], *, url: str | None = None, secret: str | None = None
    ) -> int:
        """POST ``event`` signed to ``url`` (default ``webhook_url``); returns the HTTP status."""
        url = url or self.webhook_url
        secret = secret or self.webhook_secret
        if not url or not secret:
            raise ValueError("deliver() needs a url and a secret (or webhook_url/webhook_secret)")
        payload, header = signed_webhook(event, secret)
        request = urllib.request.Request(  # noqa: S310 - a test URL
            url,
            data=payload,
            method="POST",
            headers={"Content-Type": "application/json", "Stripe-Signature": header},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as exc:
            status = exc.code
            exc.close()
        with self._lock:
            self.deliveries.append((event["id"], status))
        return status

    # ----------------------------------------------------------------- internals

    def _now(self) -> int:
        return int(self.clock())

    def _session(self, session_id: str) -> dict[str, Any]:
        session = self.sessions.get(session_id)
        if session is None:
            raise KeyError(f"no such checkout session: {session_id!r}")
        self._maybe_expire(session)
        return session

    def _maybe_expire(self, session: dict[str, Any]) -> None:
        if session["status"] == "open" and self._now() >= session["expires_at"]:
            self._expire(session)

    def _expire(self, session: dict[str, Any]) -> dict[str, Any]:
        session.update(status="expired", url=None)
        return self._record_event("checkout.session.expired", session)

    def _record_event(self, type: str, obj: dict[str, Any]) -> dict[str, Any]:  # noqa: A002
        event = make_event(type, deepcopy(obj), created=self._now())
        self.events.append(event)
        return event

    def _auto_deliver(self, event: dict[str, Any]) -> None:
        if not (self.webhook_url and self.webhook_secret):
            return
        try:
            self.deliver(event)
        except Exception as exc:  # noqa: BLE001 - recorded for the test to inspect
            with self._lock:
                self.deliveries.append((event["id"], repr(exc)))

    # ----------------------------------------------------------------- HTTP

    def _handle_http(
        self, method: str, raw_path: str, headers: _Headers, body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(raw_path)
        path = parts.path
        try:
            pairs = parse_qsl(parts.query, keep_blank_values=True)
            if body:
                pairs += parse_qsl(body.decode("utf-8"), keep_blank_values=True)
            params = parse_params(pairs)
        except Exception:  # noqa: BLE001
            params = {}
        if path.startswith("/pay/"):
            return self._handle_pay_page(method, path, params)
        if path == "/favicon.ico":  # the browser asks the hosted payment page for one
            return 204, {}, b""
        request_id = _new_id("req_", 14)
        response_headers = {
            "Content-Type": "application/json",
            "Request-Id": request_id,
            "Stripe-Version": headers.get("Stripe-Version") or _api_version(),
        }
        key = headers.get("Idempotency-Key")
        if key and method == "POST":
            response_headers["Idempotency-Key"] = key
        try:
            with self._lock:
                self.requests.append(RecordedRequest(method, path, params, headers))
                if self._failures:
                    raise self._simulated_failure(self._failures.popleft())
                api_key = self._authenticate(headers)
                if key and method == "POST":
                    scope = (api_key, key)
                    saved = self._idempotency.get(scope)
                    if saved is not None:
                        if saved["path"] != path:
                            raise _ApiError(
                                400,
                                "Keys for idempotent requests can only be used for the same "
                                f"endpoint they were first used for ('{path}' vs "
                                f"'{saved['path']}'). Try using a key other than '{key}' if "
                                "you meant to execute a different request.",
                                type="idempotency_error",
                            )
                        if saved["params"] != params:
                            raise _ApiError(
                                400,
                                "Keys for idempotent requests can only be used with the same "
                                "parameters they were first used with. Try using a key other "
                                f"than '{key}' if you meant to execute a different request.",
                                type="idempotency_error",
                            )
                        response_headers["Idempotent-Replayed"] = "true"
                        response_headers["Original-Request"] = saved["request_id"]
                        return saved["status"], response_headers, saved["body"]
                status, obj = self._route(method, path, params)
                payload = json.dumps(obj).encode()
                if key and method == "POST":
                    self._idempotency[(api_key, key)] = {
                        "path": path,
                        "params": deepcopy(params),
                        "status": status,
                        "body": payload,
                        "request_id": request_id,
                    }
                return status, response_headers, payload
        except _ApiError as exc:
            exc.body.setdefault(
                "request_log_url", f"https://dashboard.stripe.com/test/logs/{request_id}"
            )
            return exc.status, response_headers, json.dumps(exc.payload()).encode()
        except Exception:  # noqa: BLE001 - a bug in the fake: make it visible
            self.errors.append(traceback.format_exc())
            error = _ApiError(500, "FakeStripe crashed; see FakeStripe.errors", type="api_error")
            return 500, response_headers, json.dumps(error.payload()).encode()

    def _simulated_failure(self, status: int) -> _ApiError:
        type_, code = _FAILURE_TYPES.get(status, ("api_error", None))
        return _ApiError(
            status,
            f"Simulated HTTP {status} error (FakeStripe.fail_next).",
            type=type_,
            code=code,
        )

    def _authenticate(self, headers: _Headers) -> str:
        authorization = headers.get("Authorization") or ""
        if not authorization:
            raise _ApiError(
                401,
                "You did not provide an API key. You need to provide your API key in the "
                "Authorization header, using Bearer auth (e.g. 'Authorization: Bearer "
                "YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, "
                "or we can help at https://support.stripe.com/.",
            )
        scheme, _, token = authorization.partition(" ")
        token = token.strip()
        valid = scheme.lower() == "bearer" and (
            token == self.api_key if self.api_key else token.startswith("sk_test_")
        )
        if not valid:
            shown = token[:8] + "*" * max(len(token) - 12, 0) + token[-4:] if token else ""
            raise _ApiError(
                401,
                f"Invalid API Key provided: {shown}",
                code="api_key_invalid" if token else None,
            )
        return token

    def _route(self, method: str, path: str, params: dict[str, Any]) -> tuple[int, Any]:
        if path == "/v1/checkout/sessions" and method == "POST":
            return 200, self._create_session(params)
        if (match := _SESSION_PATH.match(path)) and method == "GET":
            return 200, self._render_session(self._get_session(match[1]), params)
        if (match := _SESSION_EXPIRE_PATH.match(path)) and method == "POST":
            return 200, self._render_session(self._api_expire(match[1]), params)
        if (match := _SESSION_ITEMS_PATH.match(path)) and method == "GET":
            return 200, self._line_items_list(match[1])
        if path == "/v1/refunds" and method == "POST":
            return 200, self._render_refund(self._create_refund(params), params)
        if (match := _REFUND_PATH.match(path)) and method == "GET":
            refund = self.refunds.get(match[1])
            if refund is None:
                raise _no_such("refund", match[1], "id")
            return 200, self._render_refund(refund, params)
        if (match := _PAYMENT_INTENT_PATH.match(path)) and method == "GET":
            intent = self.payment_intents.get(match[1])
            if intent is None:
                raise _no_such("payment_intent", match[1], "id")
            return 200, deepcopy(intent)
        raise _ApiError(
            404,
            f"Unrecognized request URL ({method}: {path}). Please see https://stripe.com/docs "
            "or we can help at https://support.stripe.com/.",
        )

    # ----------------------------------------------------------------- checkout sessions

    def _get_session(self, session_id: str) -> dict[str, Any]:
        session = self.sessions.get(session_id)
        if session is None:
            raise _no_such("checkout.session", session_id, "id")
        self._maybe_expire(session)
        return session

    def _api_expire(self, session_id: str) -> dict[str, Any]:
        session = self._get_session(session_id)
        if session["status"] != "open":
            raise _ApiError(400, 'Only Checkout Sessions with a status in ["open"] can be expired.')
        self._expire(session)
        return session

    def _render_session(self, session: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
        obj = deepcopy(session)
        expand = params.get("expand") or []
        if "payment_intent" in expand and obj["payment_intent"]:
            obj["payment_intent"] = deepcopy(self.payment_intents[obj["payment_intent"]])
        if "line_items" in expand:
            obj["line_items"] = self._line_items_list(obj["id"])
        return obj

    def _line_items_list(self, session_id: str) -> dict[str, Any]:
        self._get_session(session_id)
        return {
            "object": "list",
            "data": deepcopy(self._line_items[session_id]),
            "has_more": False,
            "url": f"/v1/checkout/sessions/{session_id}/line_items",
        }

    def _create_session(self, p: dict[str, Any]) -> dict[str, Any]:
        _reject_unknown(p, _SESSION_KEYS)
        mode = p.get("mode")
        if not mode:
            raise _missing("mode")
        if mode not in ("payment", "setup", "subscription"):
            raise _invalid(
                "mode", f"Invalid mode: must be one of payment, setup, or subscription ({mode})"
            )
        raw_items = p.get("line_items") or []
        if not isinstance(raw_items, list):
            raise _invalid("line_items", "Invalid array")
        if mode != "setup" and not raw_items:
            raise _missing("line_items")
        now = self._now()
        items = [self._line_item(i, item, now) for i, item in enumerate(raw_items)]
        currencies = {item["currency"] for item in items}
        currency = (p.get("currency") or "").lower() or (min(currencies) if currencies else None)
        if len(currencies) > 1 or (currencies and currency not in currencies):
            raise _invalid(
                "line_items", "All line items must have the same currency as the session."
            )
        if mode == "setup" and not currency:
            raise _missing("currency")

        expires_at = now + 24 * 3600
        if p.get("expires_at") not in (None, ""):
            expires_at = _int(p["expires_at"], "expires_at")
            if expires_at > now + 24 * 3600:
                raise _invalid(
                    "expires_at",
                    "The `expires_at` timestamp must be less than 24 hours from Checkout "
                    "Session creation.",
                )
            if expires_at < now + 30 * 60:
                raise _invalid(
                    "expires_at",
                    "The `expires_at` timestamp must be at least 30 minutes from Checkout "
                    "Session creation.",
                )
        email = p.get("customer_email") or None
        if email is not None and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            raise _invalid("customer_email", f"Invalid email address: {email}", "email_invalid")
        reference = p.get("client_reference_id") or None
        if reference is not None and len(reference) > 200:
            raise _invalid(
                "client_reference_id", "client_reference_id must be at most 200 characters."
            )
        intent_data = _dict(p.get("payment_intent_data"), "payment_intent_data")
        _reject_unknown(intent_data, _PAYMENT_INTENT_DATA_KEYS, "payment_intent_data")
        _metadata(intent_data.get("metadata"), "payment_intent_data[metadata]")
        if intent_data and mode != "payment":
            raise _invalid(
                "payment_intent_data",
                "You can only specify `payment_intent_data` in `payment` mode.",
            )

        total = sum(item["amount_total"] for item in items) if items else None
        session_id = _new_id("cs_test_", 58)
        session = {
            "id": session_id,
            "object": "checkout.session",
            "adaptive_pricing": None,
            "after_expiration": None,
            "allow_promotion_codes": _bool(p.get("allow_promotion_codes")),
            "amount_subtotal": total,
            "amount_total": total,
            "automatic_tax": {
                "enabled": False,
                "liability": None,
                "provider": None,
                "status": None,
            },
            "billing_address_collection": p.get("billing_address_collection"),
            "cancel_url": _url(p.get("cancel_url"), "cancel_url"),
            "client_reference_id": reference,
            "client_secret": None,
            "collected_information": None,
            "consent": None,
            "consent_collection": None,
            "created": now,
            "currency": currency,
            "currency_conversion": None,
            "custom_fields": [],
            "custom_text": {
                "after_submit": None,
                "shipping_address": None,
                "submit": None,
                "terms_of_service_acceptance": None,
            },
            "customer": p.get("customer") or None,
            "customer_creation": p.get("customer_creation")
            or ("if_required" if mode == "payment" else None),
            "customer_details": None,
            "customer_email": email,
            "discounts": [],
            "expires_at": expires_at,
            "invoice": None,
            "invoice_creation": None,
            "livemode": False,
            "locale": p.get("locale") or None,
            "metadata": _metadata(p.get("metadata")),
            "mode": mode,
            "payment_intent": None,
            "payment_link": None,
            "payment_method_collection": "if_required" if mode == "subscription" else None,
            "payment_method_configuration_details": None,
            "payment_method_options": {},
            "payment_method_types": p.get("allowed_payment_method_types") or ["card"],
            "payment_status": "unpaid" if mode != "setup" else "no_payment_required",
            "phone_number_collection": {"enabled": False},
            "recovered_from": None,
            "saved_payment_method_options": None,
            "setup_intent": None,
            "shipping_address_collection": None,
            "shipping_cost": None,
            "shipping_options": [],
            "status": "open",
            "submit_type": p.get("submit_type") or None,
            "subscription": None,
            "success_url": _url(p.get("success_url"), "success_url"),
            "total_details": {"amount_discount": 0, "amount_shipping": 0, "amount_tax": 0},
            "ui_mode": p.get("ui_mode") or "hosted_page",
            "url": f"{self.url}/pay/{session_id}",
            "wallet_options": None,
        }
        self.sessions[session_id] = session
        self._line_items[session_id] = items
        if intent_data:
            self._intent_data[session_id] = deepcopy(intent_data)
        return deepcopy(session)

    def _line_item(self, index: int, item: Any, now: int) -> dict[str, Any]:
        prefix = f"line_items[{index}]"
        if not isinstance(item, dict):
            raise _invalid(prefix, f"Invalid object: {prefix} must be a hash.")
        _reject_unknown(item, _LINE_ITEM_KEYS, prefix)
        quantity = _int(item.get("quantity"), f"{prefix}[quantity]", required=True, minimum=1)
        if item.get("price"):
            raise _no_such("price", item["price"], f"{prefix}[price]")
        price_data = item.get("price_data")
        if not price_data:
            raise _ApiError(
                400,
                f"You must specify either `price` or `price_data` in `{prefix}`.",
                code="parameter_missing",
                param=prefix,
            )
        price_data = _dict(price_data, f"{prefix}[price_data]")
        _reject_unknown(price_data, _PRICE_DATA_KEYS, f"{prefix}[price_data]")
        currency = str(price_data.get("currency") or "").lower()
        if not currency:
            raise _missing(f"{prefix}[price_data][currency]")
        if not re.fullmatch(r"[a-z]{3}", currency):
            raise _invalid(f"{prefix}[price_data][currency]", f"Invalid currency: {currency}")
        unit_amount = _int(
            price_data.get("unit_amount"),
            f"{prefix}[price_data][unit_amount]",
            required=True,
            minimum=0,
        )
        product_data = _dict(price_data.get("product_data"), f"{prefix}[price_data][product_data]")
        _reject_unknown(product_data, _PRODUCT_DATA_KEYS, f"{prefix}[price_data][product_data]")
        if not product_data and not price_data.get("product"):
            raise _missing(f"{prefix}[price_data][product_data]")
        if product_data and not product_data.get("name"):
            raise _missing(f"{prefix}[price_data][product_data][name]")
        product = price_data.get("product") or _new_id("prod_", 14)
        name = product_data.get("name") or product
        amount = unit_amount * quantity
        return {
            "id": _new_id("li_"),
            "object": "item",
            "amount_discount": 0,
            "amount_subtotal": amount,
            "amount_tax": 0,
            "amount_total": amount,
            "currency": currency,
            "description": name,
            "metadata": _metadata(item.get("metadata"), f"{prefix}[metadata]"),
            "price": {
                "id": _new_id("price_"),
                "object": "price",
                "active": False,
                "billing_scheme": "per_unit",
                "created": now,
                "currency": currency,
                "livemode": False,
                "lookup_key": None,
                "metadata": {},
                "nickname": None,
                "product": product,
                "recurring": None,
                "tax_behavior": price_data.get("tax_behavior") or "unspecified",
                "type": "one_time",
                "unit_amount": unit_amount,
                "unit_amount_decimal": str(unit_amount),
            },
            "quantity": quantity,
        }

    # ----------------------------------------------------------------- refunds

    def _render_refund(self, refund: dict[str, Any], params: dict[str, Any]) -> dict[str, Any]:
        obj = deepcopy(refund)
        if "payment_intent" in (params.get("expand") or []) and obj["payment_intent"]:
            obj["payment_intent"] = deepcopy(self.payment_intents[obj["payment_intent"]])
        return obj

    def _create_refund(self, p: dict[str, Any]) -> dict[str, Any]:
        _reject_unknown(p, _REFUND_KEYS)
        intent_id = p.get("payment_intent") or None
        charge_id = p.get("charge") or None
        if intent_id is None and charge_id is None:
            raise _ApiError(
                400,
                "One of the following params should be provided for this request: "
                "payment_intent or charge.",
                code="parameter_missing",
            )
        if intent_id is not None:
            intent = self.payment_intents.get(intent_id)
            if intent is None:
                raise _no_such("payment_intent", intent_id, "payment_intent")
        else:
            intent = next(
                (pi for pi in self.payment_intents.values() if pi["latest_charge"] == charge_id),
                None,
            )
            if intent is None:
                raise _no_such("charge", charge_id, "charge")
        charge_id = intent["latest_charge"]
        remaining = intent["amount_received"] - self._refunded[intent["id"]]
        if remaining <= 0:
            raise _ApiError(
                400,
                f"Charge {charge_id} has already been refunded.",
                code="charge_already_refunded",
            )
        amount = remaining
        if p.get("amount") not in (None, ""):
            amount = _int(p["amount"], "amount", minimum=1)
        if amount > remaining:
            currency = intent["currency"]
            raise _ApiError(
                400,
                f"Refund amount ({_money(amount, currency)}) is greater than unrefunded amount "
                f"on charge ({_money(remaining, currency)})",
                code="amount_too_large",
                param="amount",
            )
        reason = p.get("reason") or None
        if reason not in (None, "duplicate", "fraudulent", "requested_by_customer"):
            raise _invalid(
                "reason",
                "Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer",
            )
        refund = {
            "id": _new_id("re_"),
            "object": "refund",
            "amount": amount,
            "balance_transaction": _new_id("txn_"),
            "charge": charge_id,
            "created": self._now(),
            "currency": intent["currency"],
            "description": None,
            "destination_details": {
                "card": {"reference_status": "pending", "type": "refund"},
                "type": "card",
            },
            "metadata": _metadata(p.get("metadata")),
            "payment_intent": intent["id"],
            "reason": reason,
            "receipt_number": None,
            "source_transfer_reversal": None,
            "status": "succeeded",
            "transfer_reversal": None,
        }
        self.refunds[refund["id"]] = refund
        self._refunded[intent["id"]] += amount
        self._record_event("refund.created", refund)
        return refund

    # ----------------------------------------------------------------- pay page

    def _handle_pay_page(
        self, method: str, path: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, str], bytes]:
        headers = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}
        match = _PAY_PATH.match(path)
        with self._lock:
            session = self.sessions.get(match[1]) if match else None
            if session is not None:
                self._maybe_expire(session)
                session = deepcopy(session)
        if session is None:
            body = "<h1>Checkout session not found</h1>"
            return 404, headers, _HTML.format(body=body).encode()
        session_id = session["id"]
        if method == "POST" and session["status"] == "open":
            if params.get("action") == "pay":
                self.complete_session(session_id, email=params.get("email") or None)
                target = (session["success_url"] or self.url + path).replace(
                    "{CHECKOUT_SESSION_ID}", session_id
                )
                return 303, {**headers, "Location": target}, b""
            if params.get("action") == "cancel" and session["cancel_url"]:
                return 303, {**headers, "Location": session["cancel_url"]}, b""
        total = _money(session["amount_total"] or 0, session["currency"] or "eur")
        if session["status"] == "open":
            email = html.escape(session["customer_email"] or "", quote=True)
            body = (
                f"<h1>Pay {html.escape(total)}</h1>"
                f"<p>Test mode checkout session <code>{html.escape(session_id)}</code></p>"
                f'<form method="post" action="/pay/{html.escape(session_id)}">'
                f'<label for="email">Email</label> '
                f'<input id="email" name="email" type="email" value="{email}"> '
                '<button type="submit" name="action" value="pay">Pay</button> '
                '<button type="submit" name="action" value="cancel">Cancel</button>'
                "</form>"
            )
        else:
            body = f"<h1>This checkout session is {html.escape(session['status'])}</h1>"
        return 200, headers, _HTML.format(body=body).encode()


def _bool(value: Any) -> bool | None:
    if value in (None, ""):
        return None
    return str(value).lower() == "true"


def _money(amount: int, currency: str) -> str:
    symbol = {"eur": "€", "usd": "$", "gbp": "£"}.get(currency.lower())
    value = f"{amount / 100:.2f}"
    return f"{symbol}{value}" if symbol else f"{value} {currency.upper()}"


# --------------------------------------------------------------------------- events


def make_event(
    type: str,  # noqa: A002 - Stripe's field name
    obj: dict[str, Any],
    *,
    event_id: str | None = None,
    created: int | None = None,
) -> dict[str, Any]:
    """An ``event`` payload as Stripe sends it to a webhook endpoint."""
    return {
        "id": event_id or _new_id("evt_"),
        "object": "event",
        "api_version": _api_version(),
        "created": int(time.time()) if created is None else created,
        "data": {"object": obj},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": type,
    }


def sign_payload(payload: bytes | str, secret: str, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header for ``payload`` (``t=...,v1=...``).

    ``stripe.WebhookSignature.generate_signature_header`` takes a ``str``: given ``bytes`` it
    would sign ``"b'...'"``, so bytes are decoded first.
    """
    if isinstance(payload, (bytes, bytearray)):
        payload = bytes(payload).decode("utf-8")
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)


def signed_webhook(
    event: dict[str, Any], secret: str, *, timestamp: int | None = None
) -> tuple[bytes, str]:
    """``(body, Stripe-Signature header)`` ready to POST to a webhook view, e.g.
    ``client.post(url, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=header)``.
    """
    payload = json.dumps(event).encode("utf-8")
    return payload, sign_payload(payload, secret, timestamp)
