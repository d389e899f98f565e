#!/usr/bin/env bash
# Runs schemathesis against a live `jid serve` with every check and at least 200 generated cases per operation.
# Usage: .ci/schemathesis.sh PORT
set -euo pipefail
port=${1:?port}
base="http://127.0.0.1:$port"
export PYTHONPATH="$(dirname "$0")${PYTHONPATH:+:$PYTHONPATH}"
export SCHEMATHESIS_HOOKS=schemathesis_hooks   # NDJSON serializer for /v1/batch

# 1. Every operation but /v1/batch, the TLS ones and the registry's, every check.
st run "$base/openapi.yaml" --checks all --max-examples 200 --exclude-path /v1/batch \
    --exclude-path-regex '^/v1/(registry|tls)/' --generation-deterministic

# 2. /v1/batch, every check but negative_data_rejection: its body is NDJSON text (`type: string`), and the
#    "schema-violating" bodies schemathesis makes (objects, numbers) have no NDJSON form on the wire; any bytes
#    are a valid batch whose bad lines are reported line by line (tested in Tests/JIDServerTests).
st run "$base/openapi.yaml" --checks all --exclude-checks negative_data_rejection --max-examples 200 \
    --include-path /v1/batch --generation-deterministic

# 3. /v1/tls/verify and /v1/tls/pins/{domain}, every check but positive_data_acceptance: whether a body holds a
#    certificate chain depends on the PEM inside a string, which no JSON schema can say, and a chain that holds no
#    certificate is a documented 400 (as is a domain that is no domain, in a body or a path); "track" without the
#    token is a documented 401. Every answer must still be a documented one and never a 5xx.
st run "$base/openapi.yaml" --checks all --exclude-checks positive_data_acceptance --max-examples 200 \
    --include-path-regex '^/v1/tls/(verify|pins)' --generation-deterministic

# 4. /v1/tls/probe, every check but positive_data_acceptance: whether a string is an XMPP domain is no JSON schema's
#    to say (a documented 400), and a domain that is an IP literal in private space is a documented 403. The server
#    runs with DNS pointed at a closed port, so every generated domain is answered without reaching out.
st run "$base/openapi.yaml" --checks all --exclude-checks positive_data_acceptance --max-examples 200 \
    --include-path /v1/tls/probe --generation-deterministic

# 5. The registry's admin routes, with the admin token (the server runs with a token file and a state directory;
#    without the token every answer is 401 or 403, which the tests check), every check but two: whether a string is
#    a name that can be registered is the address rules' to say (a documented 400), and an import body is text or
#    NDJSON (`type: string`) whose bad lines are reported, as for /v1/batch.
st run "$base/openapi.yaml" --checks all --exclude-checks positive_data_acceptance,negative_data_rejection \
    --max-examples 200 --include-path-regex '^/v1/registry' -H "Authorization: Bearer $(cat "${JID_ADMIN_TOKEN_FILE:?}")" \
    --generation-deterministic
