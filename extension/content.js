// The content script: finds compose editors (contenteditable and <textarea>), puts a Review button at each, and shows
// the review in a small panel. It reads only the editor and its compose window's subject field, and sends nothing
// until the user presses Review (or turns on check-as-you-type). Calls go through the service worker.
"use strict";

(() => {
  if (globalThis.__reviewerExtension) return; // injected twice (e.g. after an update): keep the first
  globalThis.__reviewerExtension = true;

  // Score rows and category labels come from the service's GET /v1/rubrics (through the service worker), so a
  // brand's own rubric shows up here; a category the service did not list gets a fallback label and colour.
  const PALETTE = ["#2563eb", "#9333ea", "#0f766e", "#db2777", "#92400e", "#4f46e5", "#4d7c0f", "#c2410c", "#0e7490"];
  const FALLBACK_COLOUR = "#6b7280";
  const CHANNELS = ["email", "sms", "push", "chat", "ivr"];
  const PAUSE_MS = 1500; // check-as-you-type waits for this pause in typing...
  const MIN_INTERVAL_MS = 5000; // ...and never runs more often than this
  const BLOCKS = new Set([
    "ADDRESS", "ARTICLE", "ASIDE", "BLOCKQUOTE", "DD", "DETAILS", "DIV", "DL", "DT", "FIELDSET", "FIGCAPTION",
    "FIGURE", "FOOTER", "FORM", "H1", "H2", "H3", "H4", "H5", "H6", "HEADER", "HR", "LI", "MAIN", "NAV", "OL", "P",
    "PRE", "SECTION", "SUMMARY", "TABLE", "TBODY", "TFOOT", "THEAD", "TR", "UL",
  ]);
  const SKIPPED = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT"]);
  const SUBJECT = 'input[name="subjectbox"], input[name*="subject" i], input[aria-label*="subject" i], input[placeholder*="subject" i]';
  const EDITORS = 'textarea, [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"]';
  const LEVELS = ["minor", "minor", "revise", "severe", "severe"]; // by severity 0-4

  // ---------------------------------------------------------------------------------------------------------------
  // Plain text of an editor, as the service counts it: text nodes as they are (no-break spaces as spaces), <br> and
  // block boundaries as "\n". Offsets are UTF-16 code units, like the service's start_utf16/end_utf16.

  const isField = (el) => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;

  function collapsible(node) {
    if (!/^\s*$/.test(node.data) || !/[\n\t]/.test(node.data)) return false;
    const space = getComputedStyle(node.parentElement).whiteSpace;
    return space === "normal" || space === "nowrap"; // source indentation the browser does not render
  }

  function textModel(root) {
    if (isField(root)) return { root, text: root.value, pieces: null };
    let text = "";
    let pendingBreak = false;
    const pieces = []; // {start, end, node} per text node; {start, end, before, after} per newline
    const indexIn = (node) => Array.prototype.indexOf.call(node.parentNode.childNodes, node);
    const newline = (before, after) => {
      pieces.push({ start: text.length, end: text.length + 1, before, after });
      text += "\n";
    };
    const breakBefore = (node) => {
      if (pendingBreak && text && !text.endsWith("\n")) {
        const at = [node.parentNode, indexIn(node)];
        newline(at, at);
      }
      pendingBreak = false;
    };
    const walk = (parent) => {
      for (const node of parent.childNodes) {
        if (node.nodeType === Node.TEXT_NODE) {
          if (!node.data || collapsible(node)) continue;
          breakBefore(node);
          pieces.push({ start: text.length, end: text.length + node.data.length, node });
          text += node.data.replace(/\u00a0/g, " ");
        } else if (node.nodeType === Node.ELEMENT_NODE && !SKIPPED.has(node.tagName)) {
          if (node.tagName === "BR") {
            breakBefore(node);
            const i = indexIn(node);
            newline([parent, i], [parent, i + 1]);
            continue;
          }
          const block = BLOCKS.has(node.tagName);
          if (block) pendingBreak = true; // a block starts on a new line...
          walk(node);
          if (block) pendingBreak = true; // ...and so does what follows it
        }
      }
    };
    walk(root);
    return { root, text, pieces };
  }

  // The DOM point of a text offset; `end` picks the point that closes a span rather than opens one.
  function pointAt(model, offset, end) {
    for (const p of model.pieces) {
      if (p.node) {
        if (offset > p.start && offset < p.end) return [p.node, offset - p.start];
        if (!end && offset === p.start) return [p.node, 0];
        if (end && offset === p.end) return [p.node, p.end - p.start];
      } else {
        if (!end && offset === p.start) return p.before;
        if (end && offset === p.end) return p.after;
      }
    }
    const last = model.pieces[model.pieces.length - 1];
    if (!last) return [model.root, 0];
    return last.node ? [last.node, last.end - last.start] : last.after;
  }

  function rangeOf(model, start, end) {
    const range = document.createRange();
    range.setStart(...pointAt(model, start, false));
    range.setEnd(...pointAt(model, end, true));
    return range;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Editing through execCommand, so the editor hears real input events and its undo stack keeps working.

  let applying = false; // our own edits are not "the user changed the draft"

  // Select [start, end) of the editor's text, or all of it when no span is given.
  function select(editor, start = null, end = null) {
    editor.focus();
    if (isField(editor)) {
      if (start === null) editor.select();
      else editor.setSelectionRange(start, end);
      return;
    }
    let range;
    if (start === null) {
      range = document.createRange();
      range.selectNodeContents(editor);
    } else {
      range = rangeOf(textModel(editor), start, end);
    }
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  // Replace the selection as typing would; "" deletes it.
  function insert(text) {
    applying = true;
    try {
      return text === "" ? document.execCommand("delete") : document.execCommand("insertText", false, text);
    } finally {
      applying = false;
    }
  }

  function replaceSpan(editor, start, end, replacement) {
    select(editor, start, end);
    return insert(replacement);
  }

  function replaceAll(editor, text) {
    select(editor);
    return insert(text);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // The UI lives in one shadow root, so the page's styles and ours never mix.

  const host = document.createElement("reviewer-extension");
  host.id = "reviewer-extension-root";
  const shadow = host.attachShadow({ mode: "open" });
  shadow.innerHTML = `
<style>
  :host { all: initial; }
  * { box-sizing: border-box; font-family: system-ui, sans-serif; }
  .review-btn { position: fixed; z-index: 2147483646; font-size: 12px; white-space: nowrap; padding: 3px 10px; border-radius: 999px;
    border: 1px solid #1d4ed8; background: #2563eb; color: #fff; cursor: pointer; box-shadow: 0 1px 3px rgba(0,0,0,.25); }
  .review-btn[data-verdict="pass"] { background: #15803d; border-color: #166534; }
  .review-btn[data-verdict="revise"] { background: #d97706; border-color: #b45309; }
  .review-btn[data-verdict="block"] { background: #c62828; border-color: #991b1b; }
  button:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #93c5fd; outline-offset: 1px; }
  .panel { position: fixed; z-index: 2147483647; top: 16px; right: 16px; width: 360px; max-height: calc(100vh - 32px);
    overflow: auto; background: #fff; color: #1f2937; border: 1px solid #cbd5e1; border-radius: 10px; padding: 10px 12px;
    box-shadow: 0 8px 24px rgba(0,0,0,.18); font-size: 13px; line-height: 1.4; }
  .panel[hidden] { display: none; }
  header { display: flex; justify-content: space-between; align-items: center; font-size: 14px; }
  .close { border: 0; background: none; font-size: 18px; cursor: pointer; color: #4b5563; }
  .dest { color: #4b5563; margin: 4px 0 8px; font-size: 12px; word-break: break-all; }
  label { display: block; margin: 4px 0; }
  select, textarea { font-size: 12px; width: 100%; }
  textarea { font-family: ui-monospace, monospace; min-height: 70px; }
  .actions { display: flex; gap: 6px; margin: 6px 0; flex-wrap: wrap; }
  .actions button, .apply { font-size: 12px; padding: 4px 10px; border-radius: 6px; border: 1px solid #1d4ed8;
    background: #2563eb; color: #fff; cursor: pointer; }
  .secondary { background: #fff !important; color: #1d4ed8 !important; }
  .error { background: #fef2f2; color: #991b1b; border: 1px solid #fecaca; border-radius: 6px; padding: 6px 8px; margin: 6px 0; }
  .error[hidden], [hidden] { display: none; }
  .verdict { display: inline-block; font-weight: 700; padding: 2px 10px; border-radius: 999px; margin: 4px 0; }
  .verdict.pass { background: #dcfce7; color: #166534; } .verdict.revise { background: #fef3c7; color: #92400e; }
  .verdict.block { background: #fee2e2; color: #991b1b; }
  ul.scores { list-style: none; padding: 0; margin: 4px 0; display: flex; gap: 10px; flex-wrap: wrap; }
  ul.scores li { border-left: 3px solid #cbd5e1; padding-left: 5px; }
  ul.scores li.unscored { color: #6b7280; }
  .category { font-weight: 600; }
  ol.findings { padding-left: 18px; margin: 6px 0; }
  ol.findings li { margin: 4px 0; }
  ol.findings li.none { list-style: none; margin-left: -18px; }
  .finding { all: unset; cursor: pointer; display: block; }
  .finding:focus-visible { outline: 2px solid #93c5fd; }
  .meta { color: #6b7280; font-size: 11px; }
  .detail { background: #eff6ff; border-radius: 6px; padding: 6px 8px; margin: 6px 0; }
  pre.rewrite { white-space: pre-wrap; background: #f8fafc; border: 1px solid #e2e8f0; padding: 6px; border-radius: 6px;
    max-height: 160px; overflow: auto; font-size: 12px; }
  .mirror { position: fixed; z-index: 2147483645; pointer-events: none; overflow: hidden; color: transparent;
    white-space: pre-wrap; overflow-wrap: break-word; }
  .mirror mark { font: inherit; letter-spacing: inherit; padding: 0; color: transparent; background: rgba(217,119,6,.12); text-decoration: underline wavy #d97706 2px; }
  .mirror mark.severe { background: rgba(198,40,40,.12); text-decoration-color: #c62828; }
  .mirror mark.minor { background: none; text-decoration: underline dotted #2563eb 2px; }
</style>
<section class="panel" role="dialog" aria-label="Reviewer" hidden>
  <header><strong>Reviewer</strong><button class="close" type="button" aria-label="Close the reviewer panel">×</button></header>
  <p class="dest">Sends the draft to <b data-ref="dest"></b> <span data-ref="when"></span>.</p>
  <label>Customer context <select data-ref="profile"></select></label>
  <textarea data-ref="paste" aria-label="Pasted context (JSON)" placeholder='{"consent": {"marketing_email": true}}' hidden></textarea>
  <label>Channel <select data-ref="channel"></select></label>
  <div class="actions"><button type="button" data-ref="again">Review again</button>
    <button type="button" class="secondary" data-ref="options">Options</button></div>
  <p data-ref="status" role="status" aria-live="polite"></p>
  <div class="error" data-ref="error" role="alert" hidden></div>
  <div data-ref="verdict" class="verdict" hidden></div>
  <ul class="scores" data-ref="scores" aria-label="Scores"></ul>
  <div class="detail" data-ref="detail" hidden></div>
  <ol class="findings" data-ref="findings" aria-label="Findings"></ol>
  <div data-ref="rewrite" hidden>
    <p data-ref="rewrite-state"></p>
    <pre class="rewrite" data-ref="rewrite-text"></pre>
    <button type="button" class="apply" data-ref="apply-rewrite">Apply rewrite</button>
  </div>
</section>`;
  const ui = Object.fromEntries([...shadow.querySelectorAll("[data-ref]")].map((el) => [el.dataset.ref, el]));
  const panel = shadow.querySelector(".panel");
  for (const channel of CHANNELS) ui.channel.append(new Option(channel, channel));
  document.documentElement.append(host);

  let settings = { serviceUrl: "", checkAsYouType: false, profiles: [] };
  let catalogue = { serviceUrl: null, rubrics: [], categories: new Map() };
  let session = null; // {editor, subjectField, findings, rewrite, ranges: Map(finding -> Range)}
  let port = null;

  async function refreshSettings() {
    try {
      settings = await chrome.runtime.sendMessage({ type: "public-settings" });
    } catch {
      // the extension was updated or removed underneath this page: keep the last known settings
    }
    ui.dest.textContent = settings.serviceUrl;
    ui.when.textContent = settings.checkAsYouType ? "as you type (after a pause) and when you press Review" : "only when you press Review";
    const chosen = ui.profile.value;
    ui.profile.replaceChildren(new Option("No customer context", ""));
    settings.profiles.forEach((p, i) => ui.profile.append(new Option(p.name, String(i))));
    ui.profile.append(new Option("Paste context JSON…", "paste"));
    if ([...ui.profile.options].some((o) => o.value === chosen)) ui.profile.value = chosen;
  }

  // The configured service's rubrics and categories; on failure the rows come from the scores a review returns.
  async function refreshCatalogue() {
    let answer;
    try {
      answer = await chrome.runtime.sendMessage({ type: "catalogue" });
    } catch {
      return; // the extension was updated or removed underneath this page
    }
    if (!answer || !answer.ok) {
      if (answer && answer.serviceUrl !== catalogue.serviceUrl) catalogue = { serviceUrl: null, rubrics: [], categories: new Map() };
      return;
    }
    const categories = new Map();
    for (const c of [...answer.rubrics, ...answer.categories]) {
      if (!categories.has(c.id)) categories.set(c.id, { id: c.id, title: c.title || titleOf(c.id), description: c.description || "" });
    }
    [...categories.values()].forEach((c, i) => {
      c.colour = PALETTE[i % PALETTE.length];
    });
    catalogue = { serviceUrl: answer.serviceUrl, rubrics: answer.rubrics, categories };
    if (session) renderScores(session.scores);
  }

  function known() {
    return catalogue.serviceUrl === settings.serviceUrl ? catalogue : { rubrics: [], categories: new Map() };
  }

  function titleOf(id) {
    const words = String(id).replace(/_/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function category(id) {
    return known().categories.get(id) || { id, title: titleOf(id), description: "", colour: FALLBACK_COLOUR };
  }

  function anchorLabel(rubricId, score) {
    const rubric = known().rubrics.find((r) => r.id === rubricId);
    const anchor = rubric && rubric.scale && rubric.scale[String(score)];
    return anchor ? anchor.label : "";
  }

  function chosenContext() {
    const choice = ui.profile.value;
    if (choice === "") return {};
    if (choice !== "paste") return settings.profiles[Number(choice)].context;
    const raw = ui.paste.value.trim();
    if (!raw) return {};
    let context;
    try {
      context = JSON.parse(raw);
    } catch (error) {
      throw new Error(`The pasted context is not valid JSON: ${error.message}`);
    }
    if (!context || typeof context !== "object" || Array.isArray(context)) {
      throw new Error("The pasted context must be a JSON object.");
    }
    return context;
  }

  ui.profile.addEventListener("change", () => {
    ui.paste.hidden = ui.profile.value !== "paste";
  });
  shadow.querySelector(".close").addEventListener("click", closePanel);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closePanel();
  });
  ui.options.addEventListener("click", () => chrome.runtime.sendMessage({ type: "open-options" }));
  ui.again.addEventListener("click", () => session && review(session.editor));

  function closePanel() {
    panel.hidden = true;
    if (session) session.editor.focus();
  }

  function setStatus(text) {
    ui.status.textContent = text;
  }

  function showError(text) {
    ui.error.textContent = text;
    ui.error.hidden = !text;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Highlights: CSS.highlights for contenteditable editors; for <textarea>s (whose text has no DOM) a transparent
  // mirror drawn over the field.

  const highlightNames = ["reviewer-severe", "reviewer-revise", "reviewer-minor", "reviewer-active"];
  const canHighlight = typeof CSS !== "undefined" && "highlights" in CSS && typeof Highlight === "function";
  let mirror = null;

  function clearPaint() {
    if (canHighlight) for (const name of highlightNames) CSS.highlights.delete(name);
    if (mirror) mirror.remove();
    mirror = null;
  }

  function bodyFindings() {
    return session.findings.filter((f) => f.field !== "subject");
  }

  function paint() {
    clearPaint();
    if (!session) return;
    const model = textModel(session.editor);
    session.ranges = new Map();
    const live = bodyFindings().filter((f) => model.text.slice(f.start_utf16, f.end_utf16) === f.quote);
    if (isField(session.editor)) {
      paintMirror(session.editor, model.text, live);
      return;
    }
    if (!canHighlight) return;
    const groups = { severe: [], revise: [], minor: [] };
    for (const f of live) {
      const range = rangeOf(model, f.start_utf16, f.end_utf16);
      session.ranges.set(f, range);
      groups[LEVELS[f.severity]].push(range);
    }
    for (const [level, ranges] of Object.entries(groups)) {
      if (ranges.length) CSS.highlights.set(`reviewer-${level}`, new Highlight(...ranges));
    }
  }

  function paintMirror(field, text, findings) {
    mirror = document.createElement("div");
    mirror.className = "mirror";
    mirror.setAttribute("aria-hidden", "true");
    const style = getComputedStyle(field);
    for (const prop of ["font", "letterSpacing", "lineHeight", "padding", "borderStyle", "borderWidth", "textAlign", "tabSize"]) {
      mirror.style[prop] = style[prop];
    }
    mirror.style.borderColor = "transparent";
    let pos = 0;
    for (const f of [...findings].sort((a, b) => a.start_utf16 - b.start_utf16)) {
      if (f.start_utf16 < pos) continue; // overlapping spans: the panel lists all of them
      mirror.append(text.slice(pos, f.start_utf16));
      const mark = document.createElement("mark");
      mark.className = LEVELS[f.severity];
      mark.textContent = text.slice(f.start_utf16, f.end_utf16);
      mirror.append(mark);
      pos = f.end_utf16;
    }
    mirror.append(text.slice(pos) + "\n");
    shadow.append(mirror);
    placeMirror();
  }

  function placeMirror() {
    if (!mirror || !session) return;
    const rect = session.editor.getBoundingClientRect();
    Object.assign(mirror.style, { left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px` });
    mirror.scrollTop = session.editor.scrollTop;
  }

  function markActive(finding) {
    if (!canHighlight) return;
    const range = session && session.ranges.get(finding);
    if (range) CSS.highlights.set("reviewer-active", new Highlight(range));
    else CSS.highlights.delete("reviewer-active");
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Rendering the review.

  // One row per installed rubric, then one per scored rubric the list did not name.
  function renderScores(scores) {
    ui.scores.replaceChildren();
    const ids = known().rubrics.map((r) => r.id);
    for (const id of Object.keys(scores)) if (!ids.includes(id)) ids.push(id);
    for (const rubric of ids) {
      const cat = category(rubric);
      const item = document.createElement("li");
      const s = scores[rubric];
      item.dataset.rubric = rubric;
      item.style.borderLeftColor = cat.colour;
      if (!s) item.textContent = `${cat.title} …/4`;
      else if (s.unscored_reason) {
        item.textContent = `${cat.title} not scored`;
        item.classList.add("unscored");
      } else {
        const anchor = anchorLabel(rubric, s.score);
        item.textContent = `${cat.title} ${s.score}/4` + (anchor ? ` · ${anchor}` : "");
      }
      item.title = [cat.description, s && s.rationale].filter(Boolean).join("\n");
      ui.scores.append(item);
    }
  }

  function categoryLabel(f) {
    const cat = category(f.category);
    const label = document.createElement("span");
    label.className = "category";
    label.dataset.category = f.category;
    label.style.color = cat.colour;
    label.textContent = cat.title;
    return label;
  }

  function renderVerdict(verdict) {
    ui.verdict.hidden = false;
    ui.verdict.className = `verdict ${verdict}`;
    ui.verdict.textContent = { pass: "Pass", revise: "Revise", block: "Block" }[verdict];
    const button = buttons.get(session.editor);
    if (button) {
      button.dataset.verdict = verdict;
      button.textContent = `Review · ${ui.verdict.textContent}`;
    }
    place();
  }

  function suggestionText(f) {
    if (f.suggestion === null || f.suggestion === undefined) return "No text edit fixes this on its own.";
    return f.suggestion === "" ? "Suggestion: remove it." : `Suggestion: “${f.suggestion}”.`;
  }

  function renderFindings() {
    ui.findings.replaceChildren();
    if (!session.findings.length && !ui.verdict.hidden) {
      const none = document.createElement("li");
      none.className = "none";
      none.textContent = "No findings.";
      ui.findings.append(none);
    }
    for (const f of session.findings) {
      const item = document.createElement("li");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "finding";
      button.textContent = `“${f.quote}” — ${f.message}`;
      const meta = document.createElement("div");
      meta.className = "meta";
      meta.append(categoryLabel(f), ` ${f.severity}/4 · ${f.field === "subject" ? "subject" : "body"}`);
      button.append(meta);
      button.addEventListener("click", () => showDetail(f));
      item.append(button);
      ui.findings.append(item);
    }
  }

  function showDetail(f) {
    ui.detail.hidden = false;
    ui.detail.replaceChildren();
    const what = document.createElement("div");
    what.append(categoryLabel(f), ` (${f.severity}/4): ${f.message}`);
    const suggestion = document.createElement("div");
    suggestion.textContent = suggestionText(f);
    ui.detail.append(what, suggestion);
    if (f.suggestion !== null && f.suggestion !== undefined) {
      const apply = document.createElement("button");
      apply.type = "button";
      apply.className = "apply";
      apply.textContent = f.suggestion === "" ? `Remove “${f.quote}”` : `Replace with “${f.suggestion}”`;
      apply.addEventListener("click", () => applySuggestion(f));
      ui.detail.append(apply);
    }
    markActive(f);
  }

  function renderRewrite(rewrite) {
    session.rewrite = rewrite;
    ui.rewrite.hidden = !rewrite;
    if (!rewrite) return;
    ui["rewrite-state"].textContent = rewrite.verified
      ? "Suggested rewrite (verified: it passes review):"
      : `Suggested rewrite (not verified: still ${rewrite.verdict}):`;
    ui["rewrite-text"].textContent = rewrite.text;
  }

  function onEvent(name, data) {
    if (name === "rules") {
      session.findings = data.findings;
      session.scores = data.scores;
      renderScores(data.scores);
      setStatus("Rule checks done; waiting for the judge…");
    } else if (name === "rubric") {
      session.findings = session.findings.concat(data.findings);
      session.scores = { ...session.scores, [data.rubric]: data.score };
      renderScores(session.scores);
    } else if (name === "rewrite") {
      renderRewrite(data.rewrite);
    } else if (name === "result") {
      session.findings = data.findings;
      session.scores = data.scores;
      renderScores(data.scores);
      renderVerdict(data.verdict);
      renderRewrite(data.rewrite);
      const degraded = data.meta.degraded ? " The LLM judge was unavailable: rules only." : "";
      setStatus(`Reviewed by ${settings.serviceUrl} (${data.meta.judge} judge).${degraded}`);
    }
    renderFindings();
    paint();
    placePanel();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Reviewing and applying.

  async function review(editor, { automatic = false } = {}) {
    await refreshSettings();
    if (!automatic) openPanel();
    showError("");
    const body = textModel(editor).text;
    if (!body.trim()) {
      openPanel();
      showError("The editor is empty: write the draft first.");
      return;
    }
    let context;
    try {
      context = chosenContext();
    } catch (error) {
      openPanel();
      showError(error.message);
      return;
    }
    const subjectField = subjectFor(editor);
    const message = { channel: ui.channel.value, body };
    if (subjectField && subjectField.value.trim()) message.subject = subjectField.value;
    if (port) port.disconnect(); // a newer review replaces one still running
    clearPaint();
    session = { editor, subjectField, findings: [], scores: {}, rewrite: null, ranges: new Map() };
    refreshCatalogue(); // a service restarted with another rubric set shows its rows; the review need not wait
    ui.verdict.hidden = true;
    ui.detail.hidden = true;
    renderScores({});
    renderFindings();
    renderRewrite(null);
    setStatus(`Reviewing with ${settings.serviceUrl}…`);
    const current = chrome.runtime.connect({ name: "review" });
    port = current;
    current.onMessage.addListener((msg) => {
      if (port !== current) return;
      if (msg.type === "event") onEvent(msg.event, msg.data);
      else if (msg.type === "error") {
        openPanel();
        setStatus("");
        showError(msg.message);
      } else if (msg.type === "done") {
        current.disconnect();
        port = null;
      }
    });
    current.postMessage({ type: "review", request: { message, context } });
  }

  function applySuggestion(f) {
    const field = f.field === "subject" ? session.subjectField : session.editor;
    const text = field ? textModel(field).text : "";
    if (text.slice(f.start_utf16, f.end_utf16) !== f.quote) {
      showError("The draft changed since the review: press Review again first.");
      return;
    }
    replaceSpan(field, f.start_utf16, f.end_utf16, f.suggestion);
    // Later findings in the same field move by the change in length; overlapping ones no longer apply.
    const delta = f.suggestion.length - (f.end_utf16 - f.start_utf16);
    session.findings = session.findings.flatMap((g) => {
      if (g === f) return [];
      if ((g.field === "subject") !== (f.field === "subject") || g.end_utf16 <= f.start_utf16) return [g];
      if (g.start_utf16 < f.end_utf16) return [];
      return [{ ...g, start_utf16: g.start_utf16 + delta, end_utf16: g.end_utf16 + delta }];
    });
    ui.detail.hidden = true;
    renderFindings();
    paint();
    setStatus("Suggestion applied (undo with Ctrl+Z). Review again to re-score the draft.");
  }

  ui["apply-rewrite"].addEventListener("click", () => {
    const { rewrite, editor, subjectField } = session;
    // The subject first: the body's change is then the latest on the page's undo stack, so Ctrl+Z in the editor
    // takes back the body.
    if (rewrite.subject && subjectField) replaceAll(subjectField, rewrite.subject);
    replaceAll(editor, rewrite.text);
    session.findings = [];
    ui.detail.hidden = true;
    renderFindings();
    renderRewrite(null);
    paint();
    setStatus("Rewrite applied (undo with Ctrl+Z). Review again to check your edits.");
  });

  function subjectFor(editor) {
    for (let node = editor.parentElement; node && node !== document.documentElement; node = node.parentElement) {
      const found = node.querySelector(SUBJECT);
      if (found && found !== editor) return found;
    }
    return null;
  }

  // Clicking (or moving the caret) into a flagged span shows its finding.
  function findingAtCaret(editor) {
    if (!session || session.editor !== editor) return null;
    if (isField(editor)) {
      const at = editor.selectionStart;
      return bodyFindings().find((f) => f.start_utf16 <= at && at <= f.end_utf16) || null;
    }
    const selection = getSelection();
    if (!selection.rangeCount) return null;
    const { startContainer, startOffset } = selection.getRangeAt(0);
    for (const [finding, range] of session.ranges) {
      if (range.isPointInRange(startContainer, startOffset)) return finding;
    }
    return null;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Editors: found at load, when they appear later, and when they are replaced.

  const buttons = new Map(); // editor -> its Review button
  const timers = new WeakMap();
  let lastAutomatic = 0;

  function scheduleAutomatic(editor) {
    clearTimeout(timers.get(editor));
    const wait = Math.max(PAUSE_MS, lastAutomatic + MIN_INTERVAL_MS - Date.now());
    timers.set(editor, setTimeout(() => {
      lastAutomatic = Date.now();
      review(editor, { automatic: true });
    }, wait));
  }

  function attach(editor) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "review-btn";
    button.textContent = "Review";
    button.title = "Review this draft (Alt+Shift+R). Sends it to your reviewer service.";
    button.addEventListener("mousedown", (event) => event.preventDefault()); // keep the editor's selection
    button.addEventListener("click", () => review(editor));
    shadow.append(button);
    buttons.set(editor, button);
    editor.addEventListener("input", () => {
      if (applying) return;
      if (session && session.editor === editor && session.findings.length) {
        session.findings = session.findings.filter((f) => f.field === "subject");
        clearPaint();
        renderFindings();
        setStatus("The draft changed: review it again.");
      }
      if (settings.checkAsYouType) scheduleAutomatic(editor);
    });
    const onCaret = () => {
      const finding = findingAtCaret(editor);
      if (finding) {
        openPanel();
        showDetail(finding);
      }
    };
    editor.addEventListener("click", onCaret);
    editor.addEventListener("keyup", (event) => {
      if (event.key.startsWith("Arrow")) onCaret();
    });
    editor.addEventListener("keydown", (event) => {
      if (event.altKey && event.shiftKey && event.code === "KeyR") {
        event.preventDefault();
        review(editor);
      }
    });
    if (isField(editor)) editor.addEventListener("scroll", placeMirror);
  }

  function usable(el) {
    if (el instanceof HTMLTextAreaElement) return !el.disabled && !el.readOnly;
    return el.isContentEditable && !(el.parentElement && el.parentElement.isContentEditable);
  }

  function scan() {
    for (const [editor, button] of buttons) {
      if (!editor.isConnected) {
        button.remove();
        buttons.delete(editor);
        if (session && session.editor === editor) {
          clearPaint();
          session = null;
          panel.hidden = true;
        }
      }
    }
    for (const el of document.querySelectorAll(EDITORS)) if (!buttons.has(el) && usable(el)) attach(el);
    place();
  }

  function place() {
    for (const [editor, button] of buttons) {
      const rect = editor.getBoundingClientRect();
      const visible = rect.width >= 80 && rect.height >= 16 && rect.bottom > 0 && rect.top < innerHeight;
      button.hidden = !visible;
      if (visible) {
        button.style.left = `${Math.max(0, rect.right - button.offsetWidth - 8)}px`;
        button.style.top = `${Math.max(0, rect.bottom - button.offsetHeight - 8)}px`;
      }
    }
    placeMirror();
    placePanel();
  }

  // Beside the editor under review when there is room (Gmail's compose sits bottom right), else top right.
  function placePanel() {
    if (panel.hidden || !session) return;
    const rect = session.editor.getBoundingClientRect();
    const width = panel.offsetWidth + 16;
    const top = `${Math.max(16, Math.min(rect.top, innerHeight - panel.offsetHeight - 16))}px`;
    if (rect.left >= width) Object.assign(panel.style, { left: `${rect.left - width}px`, right: "auto", top });
    else if (innerWidth - rect.right >= width) Object.assign(panel.style, { left: `${rect.right + 16}px`, right: "auto", top });
    else Object.assign(panel.style, { left: "auto", right: "16px", top: "16px" });
  }

  function openPanel() {
    panel.hidden = false;
    placePanel();
  }

  let scanQueued = false;
  new MutationObserver((mutations) => {
    if (scanQueued || mutations.every((m) => host.contains(m.target))) return;
    scanQueued = true;
    requestAnimationFrame(() => {
      scanQueued = false;
      scan();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
  addEventListener("scroll", place, { capture: true, passive: true });
  addEventListener("resize", place, { passive: true });
  addEventListener("focus", refreshSettings);

  refreshSettings();
  scan();
})();
