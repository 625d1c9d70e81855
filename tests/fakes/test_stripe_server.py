"""The fake Stripe API, driven by the real ``stripe`` library (no mocking)."""

import json
import time
import urllib.error
import urllib.request

import pytest
import stripe

from .stripe_server import FakeStripe, make_event, parse_params, sign_payload, signed_webhook

SECRET = "whsec_test_secret"


def session_params(**overrides):
    params = {
        "mode": "payment",
        "line_items": [
            {
                "price_data": {
                    "currency": "eur",
                    "unit_amount": 12000,
                    "product_data": {"name": "Registration"},
                },
                "quantity": 2,
            },
            {
                "price_data": {
                    "currency": "eur",
                    "unit_amount": 2550,
                    "product_data": {"name": "Dinner"},
                },
                "quantity": 1,
            },
        ],
        "client_reference_id": "reg-42",
        "customer_email": "ada@example.org",
        "metadata": {"order_id": "42", "0": "digit keys stay keys"},
        "success_url": "https://congress.test/paid?session_id={CHECKOUT_SESSION_ID}",
        "cancel_url": "https://congress.test/cancelled",
        "payment_intent_data": {"metadata": {"order_id": "42"}},
    }
    params.update(overrides)
    return params


@pytest.fixture(scope="module")
def fake():
    with FakeStripe() as server:
        yield server


@pytest.fixture
def stripe_fake(fake):
    fake.reset()
    return fake


@pytest.fixture
def client(stripe_fake):
    return stripe.StripeClient(
        "sk_test_x", base_addresses={"api": stripe_fake.url}, max_network_retries=0
    )


def paid_session(client, fake, **overrides):
    session = client.v1.checkout.sessions.create(params=session_params(**overrides))
    fake.complete_session(session.id)
    return client.v1.checkout.sessions.retrieve(session.id)


# --------------------------------------------------------------------------- checkout


def test_create_session_shape_and_encoding(client, stripe_fake):
    session = client.v1.checkout.sessions.create(
        params=session_params(), options={"idempotency_key": "k1"}
    )

    assert isinstance(session, stripe.checkout.Session)
    assert session.id.startswith("cs_test_")
    assert session.object == "checkout.session"
    assert session.status == "open"
    assert session.payment_status == "unpaid"
    assert session.amount_total == 2 * 12000 + 2550
    assert session.currency == "eur"
    assert session.client_reference_id == "reg-42"
    assert session.customer_email == "ada@example.org"
    assert session.metadata["order_id"] == "42"
    assert session.metadata["0"] == "digit keys stay keys"
    assert session.mode == "payment"
    assert session.payment_intent is None
    assert session.livemode is False
    assert session.url == f"{stripe_fake.url}/pay/{session.id}"
    assert session.success_url.endswith("{CHECKOUT_SESSION_ID}")
    assert session.expires_at - session.created == 24 * 3600

    (request,) = stripe_fake.find_requests("POST", "/v1/checkout/sessions")
    method, path, params, headers = request
    assert (method, path) == ("POST", "/v1/checkout/sessions")
    assert params["line_items"][1]["price_data"]["product_data"]["name"] == "Dinner"
    assert params["line_items"][0]["quantity"] == "2"
    assert headers["Idempotency-Key"] == "k1"
    assert headers["idempotency-key"] == "k1"
    assert headers["Authorization"] == "Bearer sk_test_x"

    items = client.v1.checkout.sessions.line_items.list(session.id)
    assert [(i.description, i.quantity, i.amount_total) for i in items.data] == [
        ("Registration", 2, 24000),
        ("Dinner", 1, 2550),
    ]


def test_idempotency_key_replays_and_rejects_other_params(client, stripe_fake):
    first = client.v1.checkout.sessions.create(
        params=session_params(), options={"idempotency_key": "k1"}
    )
    again = client.v1.checkout.sessions.create(
        params=session_params(), options={"idempotency_key": "k1"}
    )
    assert again.id == first.id
    assert again.last_response.headers["Idempotent-Replayed"] == "true"
    assert len(stripe_fake.sessions) == 1

    with pytest.raises(stripe.IdempotencyError) as excinfo:
        client.v1.checkout.sessions.create(
            params=session_params(client_reference_id="other"),
            options={"idempotency_key": "k1"},
        )
    assert excinfo.value.http_status == 400
    assert excinfo.value.error.type == "idempotency_error"

    other = client.v1.checkout.sessions.create(
        params=session_params(), options={"idempotency_key": "k2"}
    )
    assert other.id != first.id
    # Without an explicit key the library sends a fresh one on every POST.
    assert client.v1.checkout.sessions.create(params=session_params()).id not in {
        first.id,
        other.id,
    }


def test_retrieve_and_unknown_session(client, stripe_fake):
    created = client.v1.checkout.sessions.create(params=session_params())
    fetched = client.v1.checkout.sessions.retrieve(created.id)
    assert fetched.id == created.id
    assert fetched.to_dict() == created.to_dict()

    with pytest.raises(stripe.InvalidRequestError) as excinfo:
        client.v1.checkout.sessions.retrieve("cs_test_nope")
    error = excinfo.value
    assert error.http_status == 404
    assert error.code == "resource_missing"
    assert error.param == "id"
    assert error.json_body["error"]["type"] == "invalid_request_error"
    assert "cs_test_nope" in error.user_message


def test_validation_errors(client):
    with pytest.raises(stripe.InvalidRequestError) as excinfo:
        client.v1.checkout.sessions.create(params=session_params(mode=None))
    assert (excinfo.value.code, excinfo.value.param) == ("parameter_missing", "mode")

    with pytest.raises(stripe.InvalidRequestError) as excinfo:
        client.v1.checkout.sessions.create(params=session_params(bogus="x"))
    assert (excinfo.value.code, excinfo.value.param) == ("parameter_unknown", "bogus")

    items = session_params()["line_items"]
    del items[0]["quantity"]
    with pytest.raises(stripe.InvalidRequestError) as excinfo:
        client.v1.checkout.sessions.create(params=session_params(line_items=items))
    assert excinfo.value.param == "line_items[0][quantity]"


def test_complete_and_expire(client, stripe_fake):
    session = client.v1.checkout.sessions.create(params=session_params())
    completed = stripe_fake.complete_session(session.id)
    assert completed["status"] == "complete"
    assert completed["payment_status"] == "paid"
    assert completed["payment_intent"].startswith("pi_")
    assert completed["customer_details"]["email"] == "ada@example.org"

    fetched = client.v1.checkout.sessions.retrieve(
        session.id, params={"expand": ["payment_intent"]}
    )
    assert fetched.payment_intent.id == completed["payment_intent"]
    assert fetched.payment_intent.amount_received == 26550
    assert fetched.payment_intent.metadata["order_id"] == "42"
    assert [e["type"] for e in stripe_fake.events] == ["checkout.session.completed"]

    with pytest.raises(ValueError):
        stripe_fake.complete_session(session.id)

    other = client.v1.checkout.sessions.create(params=session_params())
    expired = client.v1.checkout.sessions.expire(other.id)
    assert (expired.status, expired.url) == ("expired", None)
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.checkout.sessions.expire(other.id)

    third = client.v1.checkout.sessions.create(params=session_params())
    assert stripe_fake.expire_session(third.id)["status"] == "expired"
    assert client.v1.checkout.sessions.retrieve(third.id).status == "expired"


def test_sessions_expire_with_the_clock(stripe_fake):
    now = [1_800_000_000]
    with FakeStripe(clock=lambda: now[0]) as fake:
        client = stripe.StripeClient(
            "sk_test_x", base_addresses={"api": fake.url}, max_network_retries=0
        )
        session = client.v1.checkout.sessions.create(
            params=session_params(expires_at=now[0] + 3600)
        )
        now[0] += 3600
        assert client.v1.checkout.sessions.retrieve(session.id).status == "expired"


# --------------------------------------------------------------------------- refunds


def test_refunds(client, stripe_fake):
    session = paid_session(client, stripe_fake)
    refund = client.v1.refunds.create(
        params={
            "payment_intent": session.payment_intent,
            "amount": 2550,
            "metadata": {"order_id": "42"},
        },
        options={"idempotency_key": "refund-42-1"},
    )
    assert refund.id.startswith("re_")
    assert refund.object == "refund"
    assert (refund.status, refund.amount, refund.currency) == ("succeeded", 2550, "eur")
    assert refund.payment_intent == session.payment_intent
    assert refund.metadata["order_id"] == "42"

    replay = client.v1.refunds.create(
        params={
            "payment_intent": session.payment_intent,
            "amount": 2550,
            "metadata": {"order_id": "42"},
        },
        options={"idempotency_key": "refund-42-1"},
    )
    assert replay.id == refund.id
    assert len(stripe_fake.refunds) == 1
    assert client.v1.refunds.retrieve(refund.id).amount == 2550

    with pytest.raises(stripe.InvalidRequestError) as excinfo:
        client.v1.refunds.create(params={"payment_intent": session.payment_intent, "amount": 24001})
    assert (excinfo.value.code, excinfo.value.param) == ("amount_too_large", "amount")

    rest = client.v1.refunds.create(params={"payment_intent": session.payment_intent})
    assert rest.amount == 24000
    with pytest.raises(stripe.InvalidRequestError) as excinfo:
        client.v1.refunds.create(params={"payment_intent": session.payment_intent, "amount": 1})
    assert excinfo.value.code == "charge_already_refunded"

    with pytest.raises(stripe.InvalidRequestError) as excinfo:
        client.v1.refunds.create(params={"payment_intent": "pi_unknown"})
    assert (excinfo.value.code, excinfo.value.param) == ("resource_missing", "payment_intent")

    with pytest.raises(stripe.InvalidRequestError) as excinfo:
        client.v1.refunds.retrieve("re_unknown")
    assert excinfo.value.http_status == 404


# --------------------------------------------------------------------------- failures


@pytest.mark.parametrize("api_key", ["sk_live_x", "pk_test_x", "nonsense"])
def test_bad_api_key(stripe_fake, api_key):
    client = stripe.StripeClient(
        api_key, base_addresses={"api": stripe_fake.url}, max_network_retries=0
    )
    with pytest.raises(stripe.AuthenticationError) as excinfo:
        client.v1.checkout.sessions.create(params=session_params())
    assert excinfo.value.http_status == 401
    assert not stripe_fake.sessions


def test_missing_authorization_header(stripe_fake):
    request = urllib.request.Request(f"{stripe_fake.url}/v1/checkout/sessions/cs_test_x")
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        urllib.request.urlopen(request, timeout=5)
    with excinfo.value as response:
        assert response.code == 401
        assert "did not provide an API key" in json.load(response)["error"]["message"]


def test_fail_next(client, stripe_fake):
    stripe_fake.fail_next(500)
    with pytest.raises(stripe.APIError) as excinfo:
        client.v1.checkout.sessions.create(
            params=session_params(), options={"idempotency_key": "k-retry"}
        )
    assert excinfo.value.http_status == 500
    assert not stripe_fake.sessions
    # The failure was not saved under the key: a retry goes through.
    session = client.v1.checkout.sessions.create(
        params=session_params(), options={"idempotency_key": "k-retry"}
    )
    assert session.status == "open"

    stripe_fake.fail_next(status=503, n=2)
    for _ in range(2):
        with pytest.raises(stripe.APIError):
            client.v1.checkout.sessions.retrieve(session.id)
    assert client.v1.checkout.sessions.retrieve(session.id).id == session.id


def test_library_retries_against_fail_next(stripe_fake):
    client = stripe.StripeClient(
        "sk_test_x", base_addresses={"api": stripe_fake.url}, max_network_retries=2
    )
    stripe_fake.fail_next(status=409)
    session = client.v1.checkout.sessions.create(params=session_params())
    assert session.status == "open"
    first, second = stripe_fake.find_requests("POST", "/v1/checkout/sessions")
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"]


# --------------------------------------------------------------------------- pay page


def test_pay_page_completes_and_redirects(client, stripe_fake):
    session = client.v1.checkout.sessions.create(params=session_params())
    with urllib.request.urlopen(session.url, timeout=5) as page:
        assert b"Pay" in page.read()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as excinfo:
        opener.open(session.url, data=b"action=pay", timeout=5)
    with excinfo.value as response:
        assert response.code == 303
        assert response.headers["Location"] == (
            f"https://congress.test/paid?session_id={session.id}"
        )
    assert stripe_fake.sessions[session.id]["payment_status"] == "paid"


def test_webhook_delivery(client, stripe_fake):
    received = []

    from http.server import BaseHTTPRequestHandler, HTTPServer
    from threading import Thread

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            stripe.Webhook.construct_event(body, self.headers["Stripe-Signature"], SECRET)
            received.append(json.loads(body))
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    with HTTPServer(("127.0.0.1", 0), Receiver) as receiver:
        thread = Thread(target=receiver.serve_forever, kwargs={"poll_interval": 0.05})
        thread.start()
        try:
            stripe_fake.webhook_url = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
            stripe_fake.webhook_secret = SECRET
            session = client.v1.checkout.sessions.create(params=session_params())
            stripe_fake.complete_session(session.id)
        finally:
            stripe_fake.webhook_url = stripe_fake.webhook_secret = None
            receiver.shutdown()
            thread.join()
    assert [e["type"] for e in received] == ["checkout.session.completed"]
    assert received[0]["data"]["object"]["id"] == session.id
    assert stripe_fake.deliveries == [(received[0]["id"], 200)]


# --------------------------------------------------------------------------- webhooks


def test_signed_event_verifies():
    event = make_event("checkout.session.completed", {"id": "cs_test_1", "object": "x"})
    assert event["id"].startswith("evt_")
    assert event["object"] == "event"
    assert event["livemode"] is False
    assert event["api_version"] == stripe.api_version

    payload = json.dumps(event)
    header = sign_payload(payload, SECRET)
    assert header.startswith("t=") and ",v1=" in header
    verified = stripe.Webhook.construct_event(payload, header, SECRET)
    assert verified.id == event["id"]
    assert verified.type == "checkout.session.completed"
    assert verified.data.object.id == "cs_test_1"

    body, header = signed_webhook(event, SECRET)
    assert stripe.Webhook.construct_event(body, header, SECRET).id == event["id"]
    # bytes and str sign the same way
    assert sign_payload(body, SECRET, 123) == sign_payload(body.decode(), SECRET, 123)


def test_wrong_secret_or_tampering_is_rejected():
    payload = json.dumps(make_event("refund.created", {"id": "re_1"}, event_id="evt_1"))
    header = sign_payload(payload, SECRET)
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(payload, header, "whsec_other")
    with pytest.raises(stripe.SignatureVerificationError):
        stripe.Webhook.construct_event(payload.replace("re_1", "re_2"), header, SECRET)


def test_old_timestamp_is_rejected():
    payload = json.dumps(make_event("refund.created", {"id": "re_1"}))
    header = sign_payload(payload, SECRET, timestamp=int(time.time()) - 600)
    with pytest.raises(stripe.SignatureVerificationError, match="tolerance"):
        stripe.Webhook.construct_event(payload, header, SECRET, tolerance=300)
    # ... while the same header passes with a laxer tolerance.
    assert stripe.Webhook.construct_event(payload, header, SECRET, tolerance=900)


def test_parse_params_nested_keys():
    pairs = [
        ("line_items[0][price_data][currency]", "eur"),
        ("line_items[0][quantity]", "1"),
        ("line_items[1][quantity]", "3"),
        ("metadata[order_id]", "7"),
        ("metadata[1]", "kept"),
        ("expand[]", "payment_intent"),
        ("expand[]", "line_items"),
        ("mode", "payment"),
    ]
    assert parse_params(pairs) == {
        "line_items": [{"price_data": {"currency": "eur"}, "quantity": "1"}, {"quantity": "3"}],
        "metadata": {"order_id": "7", "1": "kept"},
        "expand": ["payment_intent", "line_items"],
        "mode": "payment",
    }


def test_stop_is_clean_and_idempotent():
    fake = FakeStripe()
    url = fake.url
    fake.stop()
    fake.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/pay/x", timeout=2)
