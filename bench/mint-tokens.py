#!/usr/bin/env python3
"""License tokens for bench/recorder.sh, signed offline (python3-cryptography) with the bench's own key.

  mint-tokens.py KEY.pem COUNT OUT [WORKERS]

Writes "token<TAB>clientId" lines for licenses 1..COUNT as bench/recorder.sh seeds them in SQL
(id md5('license' || i)::uuid, client 'client-' || i): the claims LicenseTokens.issue writes, RS256, the
kid the server computes for the public key (its RFC 7638 SHA-256 thumbprint). Signing is the slow part
(~1 ms a token a core), hence the workers.
"""
import base64
import hashlib
import json
import sys
import time
import uuid
from multiprocessing import Pool

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

_key = None
_header = None
_now = int(time.time())


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def uint(n):
    return b64(n.to_bytes((n.bit_length() + 7) // 8, "big"))


def init(path):
    global _key, _header
    with open(path, "rb") as f:
        _key = serialization.load_pem_private_key(f.read(), None)
    numbers = _key.public_key().public_numbers()
    thumbprint = json.dumps({"e": uint(numbers.e), "kty": "RSA", "n": uint(numbers.n)}, separators=(",", ":"))
    kid = b64(hashlib.sha256(thumbprint.encode()).digest())
    _header = b64(json.dumps({"kid": kid, "typ": "JWT", "alg": "RS256"}, separators=(",", ":")).encode())


def token(i):
    license_id = str(uuid.UUID(hashlib.md5(f"license{i}".encode()).hexdigest()))
    user_id = str(uuid.UUID(hashlib.md5(f"user{i % 10000 + 1}".encode()).hexdigest()))
    client = f"client-{i}"
    claims = {"iss": "hybrid-license", "aud": "hybrid-license-client", "sub": license_id, "iat": _now,
              "exp": _now + 365 * 86400, "licenseId": license_id, "userId": user_id, "clientId": client,
              "plan": "enterprise", "status": "active"}
    signing_input = _header + "." + b64(json.dumps(claims, separators=(",", ":")).encode())
    signature = _key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64(signature)}\t{client}\n"


def main():
    key, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    workers = int(sys.argv[4]) if len(sys.argv) > 4 else 2
    with Pool(workers, initializer=init, initargs=(key,)) as pool, open(out + ".part", "w") as f:
        for n, line in enumerate(pool.imap(token, range(1, count + 1), chunksize=2000), 1):
            f.write(line)
            if n % 100000 == 0:
                print(f"mint-tokens: {n} of {count}", file=sys.stderr, flush=True)
    import os
    os.replace(out + ".part", out)


if __name__ == "__main__":
    main()
