#!/usr/bin/env python3
"""An independent verifier of Hybrid License files, written from docs/license-files.md alone.

Uses Python's standard library and the `cryptography` package (Debian: python3-cryptography).

  verify_license_file.py FILE --keys JWKS [--client-id ID] [--secret SECRET] [--now ISO-INSTANT]
      prints the payload JSON (exit 0) or "refused: <reason>: ..." (exit 1)
  verify_license_file.py --manifest VECTORS.json
      checks every vector of the manifest against its expected outcome; exit 0 when all agree
"""
import base64
import binascii
import datetime
import json
import re
import sys

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MAX_BYTES = 16 * 1024
ARMOR = re.compile(rb"\A\s*-----BEGIN HYBRID LICENSE FILE-----\s*([A-Za-z0-9+/=\s]+?)\s*-----END HYBRID LICENSE FILE-----\s*\Z")
PLAIN, ENCRYPTED = "base64+ed25519", "aes-256-gcm+ed25519"
HKDF_INFO = b"hybrid-license-file/aes-256-gcm"


class Refused(Exception):
    def __init__(self, reason, detail):
        super().__init__(f"refused: {reason}: {detail}")
        self.reason = reason


def b64(text):
    return base64.b64decode(text, validate=True)


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def load_keys(jwks):
    keys = {}
    for jwk in jwks.get("keys", [jwks]):
        if jwk.get("kty") == "OKP" and jwk.get("crv") == "Ed25519":
            keys[jwk["kid"]] = Ed25519PublicKey.from_public_bytes(b64url(jwk["x"]))
    return keys


def machine_key(client_id, secret):
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=client_id.encode("utf-8"),
                info=HKDF_INFO).derive(b64url(secret))


def verify(data, keys, client_id=None, secret=None, now=None):
    now = now or datetime.datetime.now(datetime.timezone.utc)
    if len(data) > MAX_BYTES:
        raise Refused("oversized", f"{len(data)} bytes")
    armor = ARMOR.match(data)
    if not armor:
        raise Refused("malformed", "no armored block")
    try:
        envelope = json.loads(b64(re.sub(rb"\s", b"", armor.group(1))))
        enc, sig, alg, kid = (envelope[k] for k in ("enc", "sig", "alg", "kid"))
        if not all(isinstance(v, str) for v in (enc, sig, alg, kid)):
            raise ValueError("not strings")
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise Refused("malformed", "the envelope is not JSON with enc, sig, alg and kid")
    if alg not in (PLAIN, ENCRYPTED):
        raise Refused("wrong-alg", alg)
    if kid not in keys:
        raise Refused("unknown-kid", kid)
    try:
        body, signature = b64(enc), b64(sig)
    except (binascii.Error, ValueError):
        raise Refused("malformed", "enc or sig is not Base64")
    try:
        keys[kid].verify(signature, b"license/" + enc.encode("ascii"))
    except (InvalidSignature, UnicodeEncodeError):
        raise Refused("bad-signature", "the signature does not match")
    if alg == ENCRYPTED:
        if client_id is None or secret is None:
            raise Refused("secret-required", "encrypted file")
        try:
            body = AESGCM(machine_key(client_id, secret)).decrypt(body[:12], body[12:], None)
        except (InvalidTag, ValueError, binascii.Error):
            raise Refused("wrong-machine", "does not open with this client id and secret")
    try:
        payload = json.loads(body.decode("utf-8"))
        expiry = datetime.datetime.fromisoformat(payload["expiry"].replace("Z", "+00:00"))
        payload_client = payload["clientId"]
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError):
        raise Refused("malformed", "the payload is not JSON with clientId and expiry")
    if client_id is not None and client_id != payload_client:
        raise Refused("wrong-machine", "the file is for another client id")
    if now >= expiry:
        raise Refused("expired", payload["expiry"])
    return body.decode("utf-8")


def instant(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_manifest(path):
    import os
    with open(path, "rb") as f:
        manifest = json.load(f)
    folder = os.path.dirname(os.path.abspath(path))
    with open(os.path.join(folder, manifest["keys"]), "rb") as f:
        keys = load_keys(json.load(f))
    failures = 0
    for vector in manifest["vectors"]:
        with open(os.path.join(folder, vector["file"]), "rb") as f:
            data = f.read()
        try:
            verify(data, keys, vector.get("clientId"), vector.get("secret"), instant(manifest["now"]))
            outcome = "valid"
        except Refused as refused:
            outcome = refused.reason
        agrees = outcome == vector["expect"]
        failures += 0 if agrees else 1
        print(f"{'ok  ' if agrees else 'FAIL'} {vector['file']}: expected {vector['expect']}, got {outcome}")
    return 0 if failures == 0 else 1


def main(argv):
    if len(argv) == 2 and argv[0] == "--manifest":
        return check_manifest(argv[1])
    options = {"--keys": None, "--client-id": None, "--secret": None, "--now": None}
    files = []
    i = 0
    while i < len(argv):
        if argv[i] in options and i + 1 < len(argv):
            options[argv[i]] = argv[i + 1]
            i += 2
        else:
            files.append(argv[i])
            i += 1
    if len(files) != 1 or options["--keys"] is None:
        print(__doc__, file=sys.stderr)
        return 2
    with open(options["--keys"], "rb") as f:
        keys = load_keys(json.load(f))
    with open(files[0], "rb") as f:
        data = f.read(MAX_BYTES + 1)
    now = instant(options["--now"]) if options["--now"] else None
    try:
        print(verify(data, keys, options["--client-id"], options["--secret"], now))
        return 0
    except Refused as refused:
        print(refused, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
