"""Differential oracle: does Python's service_identity accept a certificate for a DNS-ID or an SRV-ID?

Reads lines "FILE<TAB>dns|srv<TAB>IDENTIFIER" on standard input and prints "match" or "no-match" for each.
"""
import sys

from cryptography import x509
from service_identity import VerificationError
from service_identity.cryptography import extract_patterns
from service_identity.hazmat import DNS_ID, SRV_ID, verify_service_identity

for line in sys.stdin:
    path, kind, identifier = line.rstrip("\n").split("\t")
    with open(path, "rb") as handle:
        certificate = x509.load_pem_x509_certificate(handle.read())
    reference = DNS_ID(identifier) if kind == "dns" else SRV_ID(identifier)
    try:
        verify_service_identity(extract_patterns(certificate), obligatory_ids=[reference], optional_ids=[])
        print("match")
    except VerificationError:
        print("no-match")
    except Exception as error:  # an identifier the library refuses to build
        print(f"error {type(error).__name__}")
