#!/usr/bin/env bash
# Takes the pictures of the web page that the README shows (docs/screenshots/): the playground and the signup
# widget at desktop and phone width, in Debian's headless Chromium (apt-get install chromium chromium-driver),
# driven by Tests/Browser/ui.py with the jid binary given (default: a release build).
set -euo pipefail
cd "$(dirname "$0")/.."
jid=${1:-}
if [ -z "$jid" ]; then
    swift build -c release --static-swift-stdlib --product jid
    jid=.build/release/jid
fi
[ -d .venv ] || python3 -m venv .venv
. .venv/bin/activate
pip install -q selenium==4.51.0 axe-selenium-python==2.1.6
python3 Tests/Browser/ui.py screenshots "$jid" docs/screenshots
