#!/usr/bin/env python3
"""Seeding and sanity checks for bench/validate.sh (standard library only).

  seed.py seed  BASE LICENSES OUT   registers users and activates LICENSES licenses,
                                    writing "token<TAB>clientId" lines to OUT
  seed.py users BASE COUNT OUT      registers COUNT users, writing "email<TAB>password" lines
  seed.py check BASE TOKENS N       validates N seeded tokens and fails unless all are VALID
"""
import http.client
import json
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlparse

# sign-ups stay on the default plan (only an admin adds seats): the bench scripts start the servers with
# HL_LICENSE_SEATS_FREE=100, enterprise's seats
SEATS_PER_USER = 100
PASSWORD = "bench password 0123"
_local = threading.local()


def post(base, path, body, token=None):
    """POST as JSON; a 503 (no hashing slot free on a loaded machine) is retried after its Retry-After."""
    if not hasattr(_local, "conn"):
        url = urlparse(base)
        _local.conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    for attempt in range(20):
        _local.conn.request("POST", path, json.dumps(body), headers)
        response = _local.conn.getresponse()
        payload = response.read()
        if response.status != 503 or attempt == 19:
            return response.status, json.loads(payload) if payload else None
        time.sleep(int(response.getheader("Retry-After", "1")))


def register(base, run):
    email = f"bench-{run}-{uuid.uuid4()}@bench.test"
    status, body = post(base, "/api/v1/auth/register", {"email": email, "password": PASSWORD})
    if status != 201:
        raise SystemExit(f"register failed: {status} {body}")
    return email


def activate(base, email, client_id):
    for _ in range(20):
        status, body = post(base, "/api/v1/licenses/activate",
                            {"email": email, "password": PASSWORD, "clientId": client_id})
        if status not in (429, 503):
            break
        time.sleep(1)
    if status != 201:
        raise SystemExit(f"activate failed: {status} {body}")
    return body["token"], client_id


def seed(base, licenses, out):
    run = uuid.uuid4().hex[:8]
    users = -(-licenses // SEATS_PER_USER)
    with ThreadPoolExecutor(16) as pool:
        emails = list(pool.map(lambda _: register(base, run), range(users)))
        # consecutive jobs on different accounts: the login throttle bounds the checks in flight per account
        jobs = [(emails[i % users], f"bench-{run}-{i}") for i in range(licenses)]
        results = list(pool.map(lambda job: activate(base, *job), jobs))
    with open(out, "w") as f:
        for token, client_id in results:
            f.write(f"{token}\t{client_id}\n")


def users(base, count, out):
    run = uuid.uuid4().hex[:8]
    with ThreadPoolExecutor(16) as pool:
        emails = list(pool.map(lambda _: register(base, run), range(count)))
    with open(out, "w") as f:
        for email in emails:
            f.write(f"{email}\t{PASSWORD}\n")


def check(base, tokens, n):
    with open(tokens) as f:
        lines = [line.rstrip("\n").split("\t") for line in f][:n]
    for token, client_id in lines:
        status, body = post(base, "/api/v1/licenses/validate", {"token": token, "clientId": client_id})
        if status != 200 or body["code"] != "VALID":
            raise SystemExit(f"validation check failed: {status} {body}")


if __name__ == "__main__":
    command, base = sys.argv[1], sys.argv[2]
    if command == "seed":
        seed(base, int(sys.argv[3]), sys.argv[4])
    elif command == "users":
        users(base, int(sys.argv[3]), sys.argv[4])
    elif command == "check":
        check(base, sys.argv[3], int(sys.argv[4]))
    else:
        raise SystemExit(__doc__)
