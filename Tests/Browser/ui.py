#!/usr/bin/env python3
"""The web page and the signup widget in a real browser (Debian's headless Chromium through chromedriver).

    ui.py test JID_BINARY             the checks the README's test command runs (exit 0 when all hold)
    ui.py screenshots JID_BINARY DIR  the pictures in docs/: playground and widget, desktop and phone width

Starts its own servers: `jid serve` with a registry holding `apple` and this script's page origin on its CORS
allow-list, a second `jid serve` without it, and a static server for a signup page of another origin.
"""

import contextlib
import http.server
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROMIUM = next((p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if os.path.exists(p)), None)
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Servers:
    """Two jid servers (with and without CORS for the other origin) and a static server for that origin."""

    def __init__(self, jid):
        self.directory = tempfile.mkdtemp(prefix="jid-ui-")
        self.api = free_port()
        self.closed = free_port()
        self.page = free_port()
        self.origin = f"http://127.0.0.1:{self.page}"
        registry = os.path.join(self.directory, "registry.txt")
        with open(registry, "w") as f:
            f.write("apple\njuliet\n")
        common = ["serve", "--log-level", "error", "--registry", registry, "--signup-rate", "0"]
        self.processes = [
            subprocess.Popen([jid, *common, "--port", str(self.api), "--cors-origin", self.origin]),
            subprocess.Popen([jid, *common, "--port", str(self.closed)]),
        ]
        site = os.path.join(self.directory, "site")
        os.mkdir(site)
        for name, port in (("allowed.html", self.api), ("refused.html", self.closed)):
            with open(os.path.join(site, name), "w") as f:
                f.write(signup_page(f"http://127.0.0.1:{port}"))
        handler = lambda *args: QuietHandler(*args, directory=site)
        self.static = http.server.ThreadingHTTPServer(("127.0.0.1", self.page), handler)
        threading.Thread(target=self.static.serve_forever, daemon=True).start()
        for port in (self.api, self.closed):
            wait_ready(f"http://127.0.0.1:{port}/readyz")

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=10)
        self.static.shutdown()
        shutil.rmtree(self.directory, ignore_errors=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def signup_page(service):
    """A signup form of another site: it imports the widget from the service and asks the service."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Another site's signup form</title>
<link rel="icon" href="data:,">
<script type="module" src="{service}/ui/jid-username.js"></script></head>
<body><main><h1>Join</h1><form>
<label for="u">Username</label>
<jid-username domain="example.com" endpoint="{service}/v1/signup/check" delay="100">
<input id="u" name="username"></jid-username>
<button>Sign up</button></form></main></body></html>
"""


def self_signed_pem(domain):
    with tempfile.TemporaryDirectory() as directory:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
             "-keyout", os.path.join(directory, "key.pem"), "-out", os.path.join(directory, "cert.pem"),
             "-subj", f"/CN={domain}", "-addext", f"subjectAltName=DNS:{domain}", "-days", "30"],
            check=True, capture_output=True)
        with open(os.path.join(directory, "cert.pem")) as f:
            return f.read()


def wait_ready(url, seconds=20):
    deadline = time.time() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.time() > deadline:
            raise SystemExit(f"{url} did not answer")
        time.sleep(0.1)


def browser(width=1280, height=900):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--lang=en-US", "--hide-scrollbars",
                     "--no-proxy-server", "--disable-background-networking", "--disable-component-update"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def phone(driver, on=True):
    """A phone's viewport (390 × 844 CSS pixels, touch, mobile layout): headless windows cannot be that narrow."""
    if on:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    else:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def console_errors(driver):
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


class Checks:
    def __init__(self):
        self.failures = []
        self.passed = 0

    def expect(self, condition, what):
        if condition:
            self.passed += 1
            print(f"ok   {what}")
        else:
            self.failures.append(what)
            print(f"FAIL {what}")


def wait_for(driver, condition, seconds):
    try:
        return WebDriverWait(driver, seconds, poll_frequency=0.05).until(lambda d: condition(d))
    except Exception:
        return None


def text_of(driver, css):
    elements = driver.find_elements(By.CSS_SELECTOR, css)
    return elements[0].text if elements else ""


def no_horizontal_scroll(driver):
    return driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def axe_violations(driver):
    from axe_selenium_python import Axe
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    return [v for v in results["violations"] if v["impact"] in ("serious", "critical")]


def run_tests(jid):
    checks = Checks()
    servers = Servers(jid)
    base = f"http://127.0.0.1:{servers.api}"
    driver = browser()
    try:
        # The playground: a check as you type, the character marked, the suggestion one click away.
        driver.get(base + "/")
        wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true", 5)
        field = driver.find_element(By.ID, "check-input")
        started = time.monotonic()
        field.send_keys("henriⅣ@example.com")
        typed = time.monotonic()
        shown = wait_for(driver, lambda d: "compatibility" in text_of(d, "#check-result .message")
                         or "ROMAN NUMERAL FOUR" in text_of(d, "#check-result"), 5)
        elapsed = time.monotonic() - typed
        checks.expect(shown and elapsed < 1.0,
                      f"henriⅣ@example.com: the message within a second of the last key ({elapsed:.2f} s; typing took {typed - started:.2f} s)")
        checks.expect(text_of(driver, "#check-result mark") == "Ⅳ", "the offending character is marked")
        checks.expect(field.get_attribute("aria-invalid") == "true", "the field is aria-invalid")
        suggestion = driver.find_elements(By.CSS_SELECTOR, "#check-result button.suggestion")
        checks.expect(suggestion and "henriiv@example.com" in suggestion[0].text, "the suggestion henriiv@example.com is offered")
        if suggestion:
            suggestion[0].click()
            valid = wait_for(driver, lambda d: "henriiv@example.com" in text_of(d, "#check-result .valid"), 2)
            checks.expect(valid is not None and field.get_attribute("value") == "henriiv@example.com"
                          and field.get_attribute("aria-invalid") is None, "clicking the suggestion makes it valid")
        # Lookalikes with the evidence side by side.
        driver.find_element(By.ID, "confusable-a").send_keys("apple@example.com")
        driver.find_element(By.ID, "confusable-b").send_keys("аpple@example.com")
        driver.find_element(By.CSS_SELECTOR, "#confusable-form button").click()
        evidence = wait_for(driver, lambda d: "U+0430" in text_of(d, "#confusable-result table.evidence"), 3)
        checks.expect(evidence is not None and "Cyrl" in text_of(driver, "#confusable-result table.evidence"),
                      "lookalikes: U+0430 and its script shown beside U+0061")
        # The migration check for pasted lines.
        driver.find_element(By.ID, "migration-lines").send_keys("Straße@example.com\nstrasse@example.com")
        driver.find_element(By.CSS_SELECTOR, "#migration-form button").click()
        migrated = wait_for(driver, lambda d: "canonical-changed" in text_of(d, "#migration-result"), 3)
        checks.expect(migrated is not None and "split" in text_of(driver, "#migration-result"),
                      "migration: Straße is canonical-changed and splits from strasse "
                      + repr(text_of(driver, "#migration-result")))
        # TLS: a pasted self-signed chain is not trusted; a probe of a loopback target is refused with the reason.
        pem = self_signed_pem("chat.example")
        driver.find_element(By.ID, "verify-domain").send_keys("chat.example")
        driver.execute_script("document.getElementById('verify-pem').value = arguments[0]", pem)
        driver.find_element(By.CSS_SELECTOR, "#verify-form button").click()
        verdict = wait_for(driver, lambda d: text_of(d, "#verify-result strong"), 3)
        checks.expect(verdict == "untrusted", f"TLS verify: a self-signed chain is untrusted ({verdict!r})")
        driver.find_element(By.ID, "probe-domain").send_keys("127.0.0.1")
        driver.find_element(By.CSS_SELECTOR, "#probe-form button").click()
        refused = wait_for(driver, lambda d: "refused" in text_of(d, "#probe-result .problem"), 5)
        checks.expect(refused is not None, "TLS probe: a loopback target is refused, and the page says why "
                      + repr(text_of(driver, "#probe-result")))
        errors = [e for e in console_errors(driver) if "/v1/tls/probe - Failed to load resource" not in e["message"]]
        checks.expect(errors == [], f"playground: no console errors (but the refused probe's 403) {errors}")
        violations = axe_violations(driver)
        checks.expect(violations == [], "playground: axe finds no serious or critical violation "
                      + json.dumps([v["id"] for v in violations]))

        # French: the page and the messages.
        driver.get(base + "/?lang=fr")
        french = wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text == "Vérificateur d’adresses XMPP", 5)
        checks.expect(french is not None, "?lang=fr: the heading is French")
        checks.expect(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr", "?lang=fr: <html lang=fr>")
        driver.find_element(By.ID, "check-input").send_keys("henriⅣ@example.com")
        message = wait_for(driver, lambda d: text_of(d, "#check-result .message"), 3)
        checks.expect(message and message.startswith("Un nom d’utilisateur ne peut pas contenir « Ⅳ »"),
                      f"the message is French: {message!r}")
        # The switcher back to English. (Typing "English" into the select is type-ahead, which picks Español on the
        # way and ends wherever its timing leaves it: a person picks the option.)
        Select(driver.find_element(By.ID, "language")).select_by_visible_text("English")
        english = wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text == "XMPP address checker"
                           and "lang=en" in d.current_url
                           and text_of(d, "#check-result .message").startswith("Usernames cannot contain"), 3)
        checks.expect(english is not None, "the language switcher changes the page and the message to English: "
                      + repr((driver.find_element(By.TAG_NAME, "h1").text, driver.current_url,
                              text_of(driver, "#check-result .message"))))
        # Two choices within one round trip (type-ahead makes them): the page ends in the last one chosen, even when
        # the first one's texts arrive after it (the Spanish catalog is held back 600 ms here).
        driver.execute_script("""
            const original = window.fetch;
            window.fetch = (url, options) => String(url).includes("/ui/messages?lang=es")
                ? new Promise((resolve) => setTimeout(() => resolve(original(url, options)), 600))
                : original(url, options);""")
        switcher = Select(driver.find_element(By.ID, "language"))
        switcher.select_by_value("es")
        switcher.select_by_value("en")
        time.sleep(1.2)
        last = (driver.find_element(By.TAG_NAME, "h1").text, text_of(driver, "#check-result .message"))
        checks.expect(last[0] == "XMPP address checker" and last[1].startswith("Usernames cannot contain"),
                      f"Español then English at once: the page stays in English {last!r}")
        checks.expect(console_errors(driver) == [], "French page: no console errors")

        # The widget demo (same origin): a lookalike of a registered name, then the keyboard alone.
        driver.get(base + "/ui/widget-demo.html")
        username = wait_for(driver, lambda d: d.find_element(By.ID, "username"), 3)
        username.send_keys("аpple")
        warning = wait_for(driver, lambda d: "looks too much like" in text_of(d, ".jid-username-message"), 3)
        checks.expect(warning is not None, "widget: аpple against a registry holding apple shows a lookalike warning")
        checks.expect(username.get_attribute("aria-invalid") == "true", "widget: aria-invalid")
        checks.expect(driver.execute_script("return !arguments[0].checkValidity()", username),
                      "widget: the form will not send a refused name")
        live = driver.find_element(By.CSS_SELECTOR, ".jid-username-message").get_attribute("aria-live")
        described = username.get_attribute("aria-describedby") or ""
        checks.expect(live == "polite" and "message" in described, "widget: aria-live region that describes the field")
        violations = axe_violations(driver)
        checks.expect(violations == [], "widget demo: axe finds no serious or critical violation "
                      + json.dumps([v["id"] for v in violations]))
        username.clear()
        username.send_keys("henriⅣ")
        wait_for(driver, lambda d: d.find_element(By.CSS_SELECTOR, ".jid-username-suggestion").is_displayed(), 3)
        username.send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        checks.expect(focused.get_attribute("class") == "jid-username-suggestion", "keyboard: Tab reaches the suggestion")
        focused.send_keys(Keys.ENTER)
        fixed = wait_for(driver, lambda d: d.find_element(By.ID, "username").get_attribute("value") == "henriiv"
                         and d.find_element(By.TAG_NAME, "jid-username").get_attribute("data-state") == "valid", 3)
        checks.expect(fixed is not None, "keyboard: Enter on the suggestion takes it, and it is available")
        checks.expect(console_errors(driver) == [], "widget demo: no console errors")

        # Phone width: nothing wider than the screen.
        phone(driver)
        for path in ("/", "/ui/widget-demo.html"):
            driver.get(base + path)
            wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete", 3)
            width = driver.execute_script("return window.innerWidth")
            checks.expect(width == 390 and no_horizontal_scroll(driver),
                          f"{path} at phone width ({width} px): no horizontal scrolling")
        driver.get(base + "/")
        driver.find_element(By.ID, "check-input").send_keys("henriⅣ@example.com/a very long resource " + "x" * 80)
        wait_for(driver, lambda d: text_of(d, "#check-result .message"), 3)
        checks.expect(no_horizontal_scroll(driver), "a long result at phone width: no horizontal scrolling")
        phone(driver, False)

        # Another origin, allowed by the CORS list.
        driver.get(f"{servers.origin}/allowed.html")
        field = wait_for(driver, lambda d: d.find_element(By.ID, "u"), 3)
        field.send_keys("henriⅣ")
        shown = wait_for(driver, lambda d: "ROMAN NUMERAL FOUR" in text_of(d, ".jid-username-message"), 3)
        checks.expect(shown is not None, "another origin on the allow-list: the widget works")
        errors = console_errors(driver)
        checks.expect(errors == [], f"another origin on the allow-list: no console errors {errors}")

        # Another origin not on the list: the browser refuses the answer and the widget says nothing.
        driver.get(f"{servers.origin}/refused.html")
        field = wait_for(driver, lambda d: d.find_element(By.ID, "u"), 3)
        field.send_keys("henriⅣ")
        state = wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "jid-username").get_attribute("data-state") == "unavailable", 5)
        checks.expect(state is not None and text_of(driver, ".jid-username-message") == ""
                      and field.get_attribute("aria-invalid") is None
                      and driver.execute_script("return arguments[0].checkValidity()", field),
                      "another origin not on the list: no answer shown, a plain input again")
        errors = console_errors(driver)
        checks.expect(errors and all("CORS" in e["message"] or "Failed to load resource" in e["message"] for e in errors),
                      "…and the only console errors are the browser's CORS refusal")

        # The service down: a plain input.
        driver.get(base + "/ui/widget-demo.html")
        driver.execute_script("document.querySelector('jid-username').setAttribute('endpoint', arguments[0])",
                              f"http://127.0.0.1:{free_port()}/v1/signup/check")
        username = wait_for(driver, lambda d: d.find_element(By.ID, "username"), 3)
        username.send_keys("henriⅣ")
        state = wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "jid-username").get_attribute("data-state") == "unavailable", 5)
        checks.expect(state is not None and username.get_attribute("aria-invalid") is None,
                      "the service down: the widget leaves a plain input")
    finally:
        driver.quit()
        servers.stop()
    print(f"{checks.passed} passed, {len(checks.failures)} failed")
    return 1 if checks.failures else 0


def take_screenshots(jid, directory):
    os.makedirs(directory, exist_ok=True)
    servers = Servers(jid)
    base = f"http://127.0.0.1:{servers.api}"
    try:
        for label in ("desktop", "phone"):
            driver = browser(1280, 1100)
            try:
                if label == "phone":
                    phone(driver)
                driver.get(base + "/")
                wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "true", 5)
                driver.find_element(By.ID, "check-input").send_keys("henriⅣ@example.com")
                wait_for(driver, lambda d: text_of(d, "#check-result .message"), 3)
                time.sleep(0.2)
                driver.save_screenshot(os.path.join(directory, f"playground-{label}.png"))
                driver.get(base + "/ui/widget-demo.html")
                username = wait_for(driver, lambda d: d.find_element(By.ID, "username"), 3)
                username.send_keys("аpple")
                wait_for(driver, lambda d: text_of(d, ".jid-username-message"), 3)
                time.sleep(0.2)
                driver.save_screenshot(os.path.join(directory, f"widget-{label}.png"))
            finally:
                driver.quit()
    finally:
        servers.stop()
    print(f"screenshots written to {directory}")
    return 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "test":
        return run_tests(sys.argv[2])
    if len(sys.argv) >= 4 and sys.argv[1] == "screenshots":
        return take_screenshots(sys.argv[2], sys.argv[3])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
