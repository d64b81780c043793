"""Creates users and activates licenses through the HTTP API; prints activations/s; writes the tokens.

Standard library only, so that the benchmark needs nothing but Python 3 and wrk.
"""
import argparse
import json
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor


def post(base, path, body):
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--licenses", type=int, default=10000)
    parser.add_argument("--seats", type=int, default=100, help="seats of the plan used")
    parser.add_argument("--plan", default="enterprise")
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()

    run = uuid.uuid4().hex[:8]
    password = "bench-password-" + run
    users = [f"bench-{run}-{n}@example.test" for n in range((args.licenses + args.seats - 1) // args.seats)]
    for email in users:
        status, body = post(args.base, "/api/v1/auth/register", {"email": email, "password": password, "plan": args.plan})
        if status != 201:
            raise SystemExit(f"register {email}: HTTP {status} {body}")

    def activate(n):
        email = users[n // args.seats]
        status, body = post(args.base, "/api/v1/licenses/activate",
                            {"email": email, "password": password, "clientId": f"bench-{run}-machine-{n}"})
        if status != 201:
            raise SystemExit(f"activate #{n}: HTTP {status} {body}")
        return body["token"]

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        tokens = list(pool.map(activate, range(args.licenses)))
    elapsed = time.monotonic() - started
    with open(args.out, "w") as out:
        out.write("\n".join(tokens) + "\n")
    print(f"RESULT activations={args.licenses} seconds={elapsed:.3f} rps={args.licenses / elapsed:.1f} "
          f"concurrency={args.concurrency}")


if __name__ == "__main__":
    main()
