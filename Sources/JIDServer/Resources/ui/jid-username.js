// <jid-username domain="chat.example" endpoint="https://jid.example.net/v1/signup/check">
//   <input name="username">
// </jid-username>
//
// Checks the username field of a signup form with jid-service's /v1/signup/check as the person types (debounced),
// shows the answer in an aria-live region, sets aria-invalid and the field's validity (so the form is not sent
// with a name the service refused), and offers the suggested name as a button. When the service cannot be
// reached (down, slow, or this page's origin not on its CORS allow-list) it says nothing and leaves the field a
// plain input: the server that creates the account checks the name again in any case.
//
// Attributes: domain (required), endpoint (default /v1/signup/check on this page's origin), lang (default: the
// nearest lang attribute), delay (ms, default 300), timeout (ms, default 4000).

const sheet = new CSSStyleSheet();
sheet.replaceSync(`
jid-username { display: block; }
jid-username .jid-username-message { min-height: 1.4em; margin: 0.25em 0; }
jid-username[data-state="invalid"] .jid-username-message { color: #a4161a; }
jid-username[data-state="valid"] .jid-username-message { color: #1b5e20; }
jid-username .jid-username-suggestion { margin: 0 0 0.5em; }
jid-username .jid-username-suggestion[hidden] { display: none; }
`);
let sheetAdopted = false;

let counter = 0;

class JIDUsername extends HTMLElement {
  #input = null;
  #message = null;
  #suggestion = null;
  #timer = 0;
  #controller = null;
  #sequence = 0;
  #onInput = () => this.#schedule();
  #onBlur = () => this.#checkNow();

  connectedCallback() {
    if (this.#input) return;
    const input = this.querySelector("input");
    if (!input) return;
    if (!sheetAdopted) {
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
      sheetAdopted = true;
    }
    this.#input = input;
    const id = `jid-username-${++counter}`;
    this.#message = document.createElement("div");
    this.#message.id = `${id}-message`;
    this.#message.className = "jid-username-message";
    this.#message.setAttribute("aria-live", "polite");
    this.#suggestion = document.createElement("button");
    this.#suggestion.type = "button";
    this.#suggestion.className = "jid-username-suggestion";
    this.#suggestion.hidden = true;
    this.#suggestion.addEventListener("click", () => {
      const name = this.#suggestion.dataset.name;
      if (!name) return;
      input.value = name;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
      this.#checkNow();
    });
    input.after(this.#message, this.#suggestion);
    const described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    input.setAttribute("aria-describedby", [...described, this.#message.id].join(" "));
    input.addEventListener("input", this.#onInput);
    input.addEventListener("blur", this.#onBlur);
    if (input.value) this.#schedule();
  }

  disconnectedCallback() {
    if (!this.#input) return;
    this.#input.removeEventListener("input", this.#onInput);
    this.#input.removeEventListener("blur", this.#onBlur);
    clearTimeout(this.#timer);
    this.#controller?.abort();
  }

  #schedule() {
    clearTimeout(this.#timer);
    const delay = Number(this.getAttribute("delay") ?? 300);
    this.#timer = setTimeout(() => this.#checkNow(), Number.isFinite(delay) ? delay : 300);
  }

  #language() {
    return this.getAttribute("lang") || this.closest("[lang]")?.getAttribute("lang") || "";
  }

  async #checkNow() {
    clearTimeout(this.#timer);
    const input = this.#input;
    const username = input.value;
    const sequence = ++this.#sequence;
    this.#controller?.abort();
    if (username === "") {
      this.#show("", "", null);
      return;
    }
    const controller = new AbortController();
    this.#controller = controller;
    const timeout = Number(this.getAttribute("timeout") ?? 4000);
    const timer = setTimeout(() => controller.abort(), Number.isFinite(timeout) ? timeout : 4000);
    this.setAttribute("aria-busy", "true");
    try {
      const body = { username, domain: this.getAttribute("domain") || "" };
      const lang = this.#language();
      if (lang) body.lang = lang;
      const response = await fetch(this.getAttribute("endpoint") || "/v1/signup/check", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal: controller.signal,
        credentials: "omit",
        mode: "cors",
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const answer = await response.json();
      if (sequence !== this.#sequence) return;
      const suggestion = answer.ok ? null : answer.suggestion;
      this.#show(answer.ok ? "valid" : "invalid", answer.userMessage || "", suggestion, answer.language);
    } catch {
      // Unreachable, refused by CORS, timed out or aborted by a newer check: a plain input again.
      if (sequence === this.#sequence) this.#show("unavailable", "", null);
    } finally {
      clearTimeout(timer);
      if (sequence === this.#sequence) this.removeAttribute("aria-busy");
    }
  }

  #show(state, text, suggestion, language) {
    const input = this.#input;
    if (state) this.dataset.state = state;
    else delete this.dataset.state;
    this.#message.textContent = text;
    if (language) this.#message.lang = language;
    if (state === "invalid") {
      input.setAttribute("aria-invalid", "true");
      input.setCustomValidity(text);
    } else {
      input.removeAttribute("aria-invalid");
      input.setCustomValidity("");
    }
    if (suggestion && suggestion !== input.value) {
      this.#suggestion.dataset.name = suggestion;
      this.#suggestion.textContent = `→ ${suggestion}`;
      this.#suggestion.setAttribute("aria-label", `${suggestion}`);
      this.#suggestion.hidden = false;
    } else {
      delete this.#suggestion.dataset.name;
      this.#suggestion.hidden = true;
    }
    this.dispatchEvent(new CustomEvent("jid-username-checked", { detail: { state, message: text, suggestion } }));
  }
}

if (!customElements.get("jid-username")) customElements.define("jid-username", JIDUsername);
export { JIDUsername };
