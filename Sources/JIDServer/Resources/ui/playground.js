// The playground at /: every form calls the service's own API (same origin) and shows the answer. Texts come from
// /ui/messages (the same catalogs as the API's messages for people); the language is ?lang=, else the browser's.

const languages = ["en", "fr", "de", "es", "ru", "zh-Hans"];
let language = "en";
let texts = {};

const $ = (id) => document.getElementById(id);
const t = (key, fallback) => texts[key] ?? fallback ?? key;

function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === "class") node.className = value;
    else if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

function pickLanguage() {
  const asked = new URLSearchParams(location.search).get("lang");
  const candidates = asked ? [asked] : [...(navigator.languages || []), navigator.language];
  for (const candidate of candidates) {
    if (!candidate) continue;
    const exact = languages.find((tag) => tag.toLowerCase() === candidate.toLowerCase());
    if (exact) return exact;
    const primary = candidate.split("-")[0].toLowerCase();
    const match = languages.find((tag) => tag.split("-")[0] === primary);
    if (match) return match;
  }
  return "en";
}

// The texts of the language chosen last: a choice made while an earlier one's texts are on their way wins, whichever
// answer arrives first. Resolves to whether these texts were put on the page.
let textsWanted = 0;
async function loadTexts(tag) {
  const wanted = ++textsWanted;
  const response = await fetch(`/ui/messages?lang=${encodeURIComponent(tag)}`);
  if (!response.ok) throw new Error(`status ${response.status}`);
  const answer = await response.json();
  if (wanted !== textsWanted) return false;
  language = answer.language;
  texts = answer.messages;
  document.documentElement.lang = language;
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const text = texts[node.dataset.i18n];
    if (text) node.textContent = text;
  }
  document.title = t("ui.title");
  $("language").value = language;
  return true;
}

// Problems (RFC 9457) and unreachable services, in one sentence.
async function failure(response) {
  if (!response) return element("p", { class: "problem", text: t("ui.error.unreachable") });
  let detail = `${response.status}`;
  try {
    const problem = await response.json();
    detail = problem.detail || problem.title || detail;
  } catch {}
  return element("p", { class: "problem", text: `${t("ui.error.refused")} ${detail}` });
}

async function call(path, options) {
  try {
    const response = await fetch(path, options);
    if (!response.ok) return { problem: await failure(response) };
    return { answer: await response.json() };
  } catch {
    return { problem: await failure(null) };
  }
}

const post = (path, body) =>
  call(path, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

// The input with the character an error points at marked (offset counts Unicode scalars).
function marked(input, offset) {
  const characters = Array.from(input);
  if (offset === null || offset === undefined || offset < 0 || offset >= characters.length) {
    return element("code", { class: "input", text: input });
  }
  return element(
    "code",
    { class: "input" },
    characters.slice(0, offset).join(""),
    element("mark", { text: characters[offset] }),
    characters.slice(offset + 1).join(""),
  );
}

function partsTable(result) {
  const rows = [
    ["ui.part.localpart", result.localpart],
    ["ui.part.domainpart", result.domainpart],
    ["ui.part.domainAscii", result.domainAscii],
    ["ui.part.resourcepart", result.resourcepart],
  ].filter(([, value]) => value !== null && value !== undefined);
  return element(
    "dl",
    { class: "parts" },
    ...rows.flatMap(([key, value]) => [element("dt", { text: t(key) }), element("dd", {}, element("code", { text: value }))]),
  );
}

// Check as you type.
let checkTimer = 0;
let checkSequence = 0;
async function check() {
  const input = $("check-input");
  const value = input.value;
  const result = $("check-result");
  const sequence = ++checkSequence;
  if (value === "") {
    result.replaceChildren();
    input.removeAttribute("aria-invalid");
    return;
  }
  const { answer, problem } = await call(
    `/v1/jid/parse?jid=${encodeURIComponent(value)}&lang=${encodeURIComponent(language)}`,
  );
  if (sequence !== checkSequence) return;
  if (problem) {
    result.replaceChildren(problem);
    return;
  }
  if (answer.valid) {
    input.removeAttribute("aria-invalid");
    result.replaceChildren(
      element("p", { class: "valid" }, `${t("ui.check.valid")} `, element("code", { text: answer.jid })),
      partsTable(answer),
    );
    return;
  }
  input.setAttribute("aria-invalid", "true");
  const children = [element("p", { class: "invalid", text: t("ui.check.invalid") })];
  for (const error of answer.errors) {
    children.push(
      element(
        "div",
        { class: "error" },
        marked(answer.input, error.offset),
        element("p", { class: "message", text: error.userMessage || error.message }),
        error.codePoint ? element("p", { class: "detail", text: `${error.codePoint} ${error.name || ""} · ${error.code}` }) : null,
      ),
    );
  }
  if (answer.suggestion) {
    const button = element("button", { type: "button", class: "suggestion" }, `${t("ui.check.use")} `, element("code", { text: answer.suggestion }));
    button.addEventListener("click", () => {
      input.value = answer.suggestion;
      input.focus();
      check();
    });
    children.push(button);
  }
  result.replaceChildren(...children);
}

async function compare(event) {
  event.preventDefault();
  const { answer, problem } = await post("/v1/jid/compare", { a: $("compare-a").value, b: $("compare-b").value });
  const result = $("compare-result");
  if (problem) return result.replaceChildren(problem);
  const verdict = answer.equal ? "ui.compare.equal" : answer.bareEqual ? "ui.compare.bareEqual" : "ui.compare.different";
  const side = (r) => element("li", {}, element("code", { text: r.input }), " → ", r.valid ? element("code", { text: r.jid }) : t("ui.check.invalid"));
  result.replaceChildren(element("p", { text: t(verdict) }), element("ul", {}, side(answer.a), side(answer.b)));
}

async function confusable(event) {
  event.preventDefault();
  const a = $("confusable-a").value;
  const b = $("confusable-b").value;
  const [pair, scoreA, scoreB] = await Promise.all([
    post("/v1/confusables/compare", { a, b }),
    post("/v1/confusables/score", { jid: a }),
    post("/v1/confusables/score", { jid: b }),
  ]);
  const result = $("confusable-result");
  if (pair.problem) return result.replaceChildren(pair.problem);
  const answer = pair.answer;
  const children = [element("p", { class: answer.confusable ? "invalid" : "valid", text: t(answer.confusable ? "ui.confusable.yes" : "ui.confusable.no") })];
  // Evidence side by side: each differing character, what it looks like and its script (from the scores).
  const scripts = new Map();
  for (const score of [scoreA.answer, scoreB.answer]) {
    for (const reason of score?.reasons || []) {
      for (const evidence of reason.evidence || []) scripts.set(evidence.character, evidence.script);
    }
  }
  const script = (character) => scripts.get(character) ?? (/[\p{Script=Latin}]/u.test(character) ? "Latn" : /[\p{Script=Cyrillic}]/u.test(character) ? "Cyrl" : /[\p{Script=Greek}]/u.test(character) ? "Grek" : /[\p{Script=Cherokee}]/u.test(character) ? "Cher" : "");
  const codePoint = (character) => "U+" + character.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
  for (const part of answer.parts || []) {
    const rows = (part.differences || []).map((d) =>
      element(
        "tr",
        {},
        element("td", { text: String(d.index + 1) }),
        element("td", {}, element("code", { text: d.a }), ` ${codePoint(d.a)} ${script(d.a)}`),
        element("td", {}, element("code", { text: d.b }), ` ${codePoint(d.b)} ${script(d.b)}`),
        element("td", {}, element("code", { text: d.aLooksLike })),
      ),
    );
    if (rows.length === 0) continue;
    children.push(
      element(
        "table",
        { class: "evidence" },
        element("caption", { text: t(`ui.part.${part.part}`) }),
        element(
          "thead",
          {},
          element("tr", {}, ...["ui.confusable.position", "ui.compare.first", "ui.compare.second", "ui.confusable.looksLike"].map((key) => element("th", { scope: "col", text: t(key) }))),
        ),
        element("tbody", {}, ...rows),
      ),
    );
  }
  for (const [input, score] of [[a, scoreA.answer], [b, scoreB.answer]]) {
    if (!score) continue;
    children.push(element("p", {}, element("code", { text: input }), ` · ${t("ui.confusable.score")} ${score.score} (${score.verdict})`));
  }
  result.replaceChildren(...children);
}

async function migration(event) {
  event.preventDefault();
  const lines = $("migration-lines").value.split(/\r?\n/).filter((line) => line !== "").slice(0, 1000);
  const { answer, problem } = await post("/v1/migration/check", { jids: lines });
  const result = $("migration-result");
  if (problem) return result.replaceChildren(problem);
  const rows = answer.records.map((record) =>
    element(
      "tr",
      {},
      element("td", { text: String(record.line) }),
      element("td", {}, element("code", { text: record.input })),
      element("td", {}, record.rfc6122.valid ? element("code", { text: record.rfc6122.jid }) : "—"),
      element("td", {}, record.rfc7622.valid ? element("code", { text: record.rfc7622.jid }) : "—"),
      element("td", { text: record.status }),
      element("td", { text: record.reasons.map((reason) => reason.detail).join(" ") }),
    ),
  );
  const children = [
    element(
      "table",
      {},
      element("thead", {}, element("tr", {}, ...[["ui.migration.line"], ["ui.check.label"], ["ui.migration.before", " (RFC 6122)"], ["ui.migration.after", " (RFC 7622)"], ["ui.migration.status"], ["ui.migration.reasons"]].map(([key, standard]) => element("th", { scope: "col", text: t(key) + (standard || "") })))),
      element("tbody", {}, ...rows),
    ),
  ];
  for (const collision of answer.collisions || []) {
    children.push(element("p", {}, `${t("ui.migration.collision")} ${collision.kind}: `, element("code", { text: collision.inputs.join(", ") }), ` → ${collision.key}`));
  }
  result.replaceChildren(...children);
}

function checksList(checks) {
  return element(
    "ul",
    { class: "checks" },
    ...(checks || []).map((c) => element("li", { class: `check-${c.status}` }, element("strong", { text: `${c.status}` }), ` ${c.id}: ${c.message || ""}`)),
  );
}

async function verify(event) {
  event.preventDefault();
  const { answer, problem } = await post("/v1/tls/verify", { domain: $("verify-domain").value, chainPem: $("verify-pem").value });
  const result = $("verify-result");
  if (problem) return result.replaceChildren(problem);
  result.replaceChildren(
    element("p", { class: answer.authenticated ? "valid" : "invalid" }, `${t("ui.tls.verdict")} `, element("strong", { text: answer.verdict })),
    checksList(answer.checks),
  );
}

async function probe(event) {
  event.preventDefault();
  const result = $("probe-result");
  result.replaceChildren(element("p", { text: t("ui.checking") }));
  const { answer, problem } = await post("/v1/tls/probe", { domain: $("probe-domain").value });
  if (problem) return result.replaceChildren(problem);
  const grade = answer.grade ?? "—";
  result.replaceChildren(
    element("p", {}, `${t("ui.tls.grade")} `, element("strong", { text: grade })),
    answer.unreachable ? element("p", { class: "problem", text: answer.unreachable.message }) : null,
    checksList(answer.checks),
  );
}

async function start() {
  try {
    await loadTexts(pickLanguage());
  } catch {}
  $("language").addEventListener("change", async (event) => {
    const tag = event.target.value;
    const url = new URL(location.href);
    url.searchParams.set("lang", tag);
    history.replaceState(null, "", url);
    let shown = false;
    try {
      shown = await loadTexts(tag);
    } catch {}
    if (shown && $("check-input").value) check();
  });
  $("check-input").addEventListener("input", () => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, 150);
  });
  $("compare-form").addEventListener("submit", compare);
  $("confusable-form").addEventListener("submit", confusable);
  $("migration-form").addEventListener("submit", migration);
  $("verify-form").addEventListener("submit", verify);
  $("probe-form").addEventListener("submit", probe);
  document.body.dataset.ready = "true";
}

start();
