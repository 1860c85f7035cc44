#!/usr/bin/env python3
"""Writes COUNT DPoP proofs (RFC 9449 §4.2), one per line, for POST to HTU, signed ES256 by one new P-256 key:
what a DPoP client sends, made in advance because wrk cannot sign. Each has its own jti; iat is now.

    bench/dpop-proofs.py COUNT HTU OUT
"""
import base64, json, os, sys, time
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


count, htu, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
key = ec.generate_private_key(ec.SECP256R1())
numbers = key.public_key().public_numbers()
jwk = {"kty": "EC", "crv": "P-256", "x": b64(numbers.x.to_bytes(32, "big")), "y": b64(numbers.y.to_bytes(32, "big"))}
header = b64(json.dumps({"typ": "dpop+jwt", "alg": "ES256", "jwk": jwk}, separators=(",", ":")).encode())
now = int(time.time())
with open(out, "w") as f:
    for _ in range(count):
        claims = {"jti": b64(os.urandom(16)), "htm": "POST", "htu": htu, "iat": now}
        signing_input = header + "." + b64(json.dumps(claims, separators=(",", ":")).encode())
        r, s = decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256())))
        f.write(signing_input + "." + b64(r.to_bytes(32, "big") + s.to_bytes(32, "big")) + "\n")
