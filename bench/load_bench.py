"""Drive concurrent clients at the running site and print throughput and latency.

Run through bench/load.sh (which starts PostgreSQL, seeds, and starts gunicorn). Each scenario
runs CLIENTS threads for DURATION seconds, every thread with its own keep-alive connection,
and reports requests per second, p50 / p95 latency and errors, next to the same figures for a
trivial Django view (/healthz/) served by the same server in the same run.
"""

import argparse
import http.client
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

DEMO_PASSWORD = "congres-demo-2024"


@dataclass
class Scenario:
    name: str
    path: str
    login: str | None = None  # demo account email
    cookies: str = field(default="", repr=False)
    # Send back the ETag of a first answer (If-None-Match): a client that holds the page
    # already gets a 304 while it has not changed.
    conditional: bool = False


def login_cookies(base: str, email: str) -> str:
    """Log in through the real form (CSRF included) and return the Cookie header."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.request("GET", "/account/login/")
    response = conn.getresponse()
    body = response.read().decode()
    csrf_cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    form = urlencode({"username": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token})
    conn.request(
        "POST",
        "/account/login/",
        body=form,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={csrf_cookie}",
            "Referer": base + "/account/login/",
        },
    )
    response = conn.getresponse()
    response.read()
    session = re.search(r"sessionid=([^;]+)", response.getheader("Set-Cookie", ""))
    if response.status != 302 or session is None:
        raise SystemExit(f"login failed for {email}: HTTP {response.status}")
    return f"csrftoken={csrf_cookie}; sessionid={session.group(1)}"


def discover(base: str) -> dict:
    """A session and a track of the seeded edition, read from the programme's links."""
    url = urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    conn.request("GET", f"{EDITION}/programme/")
    body = conn.getresponse().read().decode()
    return {
        "session": re.search(r"/programme/sessions/(\d+)/", body).group(1),
        "track": re.search(r'session-card track-(?!none")([\w-]+)"', body).group(1),
    }


def run(base: str, scenario: Scenario, clients: int, duration: float) -> dict:
    url = urlsplit(base)
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop_at = time.perf_counter() + duration

    def worker():
        nonlocal errors
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
        headers = {"Cookie": scenario.cookies} if scenario.cookies else {}
        if scenario.conditional:
            conn.request("GET", scenario.path, headers=headers)
            first = conn.getresponse()
            first.read()
            if first.getheader("ETag"):
                headers["If-None-Match"] = first.getheader("ETag")
        mine, failed = [], 0
        while time.perf_counter() < stop_at:
            start = time.perf_counter()
            try:
                conn.request("GET", scenario.path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200 or (scenario.conditional and response.status == 304)
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
            mine.append(time.perf_counter() - start)
            failed += not ok
        with lock:
            latencies.extend(mine)
            errors += failed

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {
        "name": scenario.name,
        "requests": len(latencies),
        "rps": len(latencies) / elapsed,
        "p50": q[49] * 1000,
        "p95": q[94] * 1000,
        "errors": errors,
    }


EDITION = "/congresses/congres-solidarites-2024"
API = "/api/v1/congresses/congres-solidarites-2024"
SCENARIOS = [
    Scenario("trivial view (/healthz/)", "/healthz/"),
    Scenario("home page", "/"),
    Scenario("public programme", f"{EDITION}/programme/"),
    Scenario("public programme (If-None-Match)", f"{EDITION}/programme/", conditional=True),
    Scenario("programme, logged in (moderator)", f"{EDITION}/programme/", login="animateur@demo.congres-solidarites.fr"),
    Scenario("programme iCal", f"{EDITION}/programme.ics"),
    Scenario("session detail", f"{EDITION}/programme/sessions/{{session}}/"),
    Scenario("track page", f"{EDITION}/tracks/{{track}}/"),
    Scenario("public policy proposals", f"{EDITION}/policy-proposals/"),
    Scenario("policy proposals, page 2", f"{EDITION}/policy-proposals/?page=2"),
    Scenario("organisations directory", "/organisations/"),
    Scenario("organisations directory, page 2", "/organisations/?page=2"),
    Scenario("registration form (manager)", f"{EDITION}/register/", login="asso@demo.congres-solidarites.fr"),
    Scenario("review ranking (organiser)", f"{EDITION}/staff/ranking/", login="organisateur@demo.congres-solidarites.fr"),
    Scenario("registrations board (organiser)", "/staff/congres-solidarites-2024/registrations/", login="organisateur@demo.congres-solidarites.fr"),
    Scenario("my programme (moderator)", f"{EDITION}/programme/mine/", login="animateur@demo.congres-solidarites.fr"),
    Scenario("API: programme sessions", f"{API}/sessions/"),
    Scenario("API: organisations", "/api/v1/organisations/"),
]  # fmt: skip


def all_at_once(base: str, people: list, request) -> tuple[float, dict[int, int], list[float]]:
    """One thread per person, all released together, one request each (`request(person)` gives
    the method, path and body): the time for all, the answers by status, the latencies."""
    url = urlsplit(base)
    barrier = threading.Barrier(len(people))
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def attempt(person):
        method, path, body = request(person)
        headers = {"Authorization": f"Token {person[0]}", "Content-Type": "application/json"}
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
        barrier.wait()
        start = time.perf_counter()
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
        with lock:
            results.append((status, time.perf_counter() - start))
        conn.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    statuses: dict[int, int] = {}
    for status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    return elapsed, dict(sorted(statuses.items())), sorted(t for _, t in results)


def quantiles(latencies: list[float]) -> str:
    q = statistics.quantiles(latencies, n=100)
    return (
        f"p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms"
    )


def rush(base: str, tokens_file: str) -> None:
    """Everyone at once for the last places: one POST each. First, as its floor, the same
    people at once reading their (empty) list of orders: the same token authentication,
    throttling and API framework, without the order."""
    import json

    people = [line.split() for line in open(tokens_file) if line.strip()]
    path = "/api/v1/congresses/rush/orders/"
    elapsed, statuses, latencies = all_at_once(base, people, lambda p: ("GET", path, None))
    print(f"\nFloor: the same {len(people)} people at once reading their orders (GET, no order)")
    print(
        f"  all answered in {elapsed:.1f} s, by status {statuses}; latency {quantiles(latencies)}"
    )

    def order(person):
        token, email, tariff = person
        delegate = {"full_name": email.split("@")[0], "email": email}
        return "POST", path, json.dumps({"tariff": int(tariff), "delegates": [delegate]})

    elapsed, statuses, latencies = all_at_once(base, people, order)
    print(f"\nRegistration rush: {len(people)} simultaneous attempts in {elapsed:.1f} s")
    print(f"  responses by status: {statuses}  (201 = place taken, 400 = full)")
    errors = sum(n for s, n in statuses.items() if s >= 500 or s == 0)
    print(f"  server errors (5xx or no answer): {errors}")
    print(f"  latency {quantiles(latencies)}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--rush-tokens", help="file written by bench/prepare_rush.py")
    parser.add_argument(
        "--only",
        default="",
        help="run only the scenarios whose name holds one of these comma-separated words "
        "(the trivial view always runs, as the baseline)",
    )
    args = parser.parse_args()
    if args.only:
        words = [w.strip().lower() for w in args.only.split(",") if w.strip()]
        SCENARIOS[1:] = [s for s in SCENARIOS[1:] if any(w in s.name.lower() for w in words)]
    found = discover(args.base)
    for scenario in SCENARIOS:
        scenario.path = scenario.path.replace("{session}", found["session"])
        scenario.path = scenario.path.replace("{track}", found["track"])
        if scenario.login:
            scenario.cookies = login_cookies(args.base, scenario.login)
    results = [run(args.base, s, args.clients, args.duration) for s in SCENARIOS]
    # The trivial view again at the end: measured only first, right after the seed (PostgreSQL
    # still writing it out), it was once 40 % under its own later figure, which made every
    # « vs trivial » share look better than it was. The baseline is the better of the two.
    last = run(args.base, SCENARIOS[0], args.clients, args.duration)
    last["name"] += ", again"
    results.append(last)
    baseline = max(results[0]["rps"], last["rps"])
    print(f"\n{args.clients} concurrent clients, {args.duration:.0f} s per scenario\n")
    print(
        f"{'scenario':<38} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>7} {'vs trivial':>11}"
    )
    for r in results:
        print(
            f"{r['name']:<38} {r['rps']:>8.1f} {r['p50']:>8.1f} {r['p95']:>8.1f} "
            f"{r['errors']:>7d} {r['rps'] / baseline:>10.0%}"
        )
    if args.rush_tokens:
        rush(args.base, args.rush_tokens)


if __name__ == "__main__":
    main()
