// The extension's service worker (an event page in Firefox). Every call to the reviewer service goes through here:
// content scripts cannot call another origin, and they never see the API key. Listeners are registered at the top
// level because the worker is stopped when idle and woken by the next event.
"use strict";

if (typeof DEFAULT_SETTINGS === "undefined") importScripts("settings.js"); // Firefox loads it via "scripts"

const SCRIPT_ID = "reviewer-editors";

// ---- content scripts on the configured sites ----

let syncing = Promise.resolve();

// (Re)register the content script on every configured site the browser has granted; report the rest.
function syncContentScripts() {
  syncing = syncing.catch(() => {}).then(async () => {
    const { sites } = await loadSettings();
    const granted = [];
    for (const site of sites) {
      if (await chrome.permissions.contains({ origins: [site] })) granted.push(site);
    }
    const existing = await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
    if (existing.length) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    if (granted.length) {
      await chrome.scripting.registerContentScripts([
        { id: SCRIPT_ID, matches: granted, js: ["content.js"], css: ["content.css"], runAt: "document_idle" },
      ]);
    }
    return { registered: granted, missing: sites.filter((s) => !granted.includes(s)) };
  });
  return syncing;
}

chrome.runtime.onInstalled.addListener(() => syncContentScripts());
chrome.runtime.onStartup.addListener(() => syncContentScripts());
chrome.action.onClicked.addListener(() => chrome.runtime.openOptionsPage());

// ---- calls to the service ----

function headersFor(settings) {
  const headers = { "Content-Type": "application/json", Accept: "text/event-stream, application/json" };
  if (settings.apiKey) headers.Authorization = `Bearer ${settings.apiKey}`;
  return headers;
}

async function errorFrom(response, url) {
  let body = {};
  try {
    body = await response.json();
  } catch {
    // not JSON: a proxy or another server answered
  }
  const said = body.message || response.statusText || "no message";
  switch (response.status) {
    case 401:
      return { code: "unauthorized", message: `The service at ${url} rejected the API key (401): ${said} Set the key in the extension's options.` };
    case 403:
      return { code: "forbidden", message: `The service at ${url} refused this client (403): ${said}` };
    case 429: {
      const retry = response.headers.get("Retry-After");
      return { code: "rate_limited", message: `Too many reviews: the service's rate limit is reached (429). Try again in ${retry || "a few"} s.` };
    }
    case 413:
    case 422:
      return { code: body.code || "invalid_request", message: `The service refused the draft (${response.status}): ${said}` };
    default:
      return { code: body.code || "http_error", message: `The service at ${url} answered ${response.status}: ${said}` };
  }
}

async function* serverSentEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = "message";
      let data = "";
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data += line.slice(6);
      }
      yield { event, data: data ? JSON.parse(data) : null };
    }
  }
}

// Review one request, posting {type: "event", event, data} for each streamed event, or {type: "error"}, then
// {type: "done"}. Falls back to POST /v1/reviews on a service without the stream route.
async function review(port, request) {
  const settings = await loadSettings();
  const url = settings.serviceUrl;
  const controller = new AbortController();
  let timedOut = false;
  let closed = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, settings.timeoutSeconds * 1000);
  port.onDisconnect.addListener(() => {
    closed = true;
    controller.abort();
  });
  const post = (message) => {
    if (!closed) port.postMessage(message);
  };
  const init = { method: "POST", headers: headersFor(settings), body: JSON.stringify(request), signal: controller.signal };
  try {
    let response = await fetch(`${url}/v1/reviews:stream`, init);
    if (response.status === 404 || response.status === 405) response = await fetch(`${url}/v1/reviews`, init);
    if (!response.ok) {
      post({ type: "error", ...(await errorFrom(response, url)) });
    } else if ((response.headers.get("Content-Type") || "").startsWith("text/event-stream")) {
      for await (const { event, data } of serverSentEvents(response)) {
        if (event === "error") post({ type: "error", code: data.code, message: `The review failed: ${data.message}` });
        else post({ type: "event", event, data });
      }
    } else {
      post({ type: "event", event: "result", data: await response.json() });
    }
  } catch (error) {
    if (timedOut) {
      post({ type: "error", code: "timeout", message: `The service at ${url} did not answer within ${settings.timeoutSeconds} s. Try again, or raise the timeout in the options.` });
    } else if (!closed) {
      post({ type: "error", code: "unreachable", message: `Cannot reach the reviewer service at ${url}. Check that it is running and that the URL in the extension's options is right.` });
    }
  } finally {
    clearTimeout(timer);
    post({ type: "done" });
  }
}

chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== "review") return;
  port.onMessage.addListener((message) => {
    if (message.type === "review") review(port, message.request);
  });
});

// ---- the connection test behind the options page's button ----

async function fetchWithin(url, init, seconds) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), seconds * 1000);
  try {
    return await fetch(url, { ...init, signal: controller.signal });
  } finally {
    clearTimeout(timer);
  }
}

async function testConnection(rawUrl, apiKey) {
  let url;
  try {
    url = normaliseServiceUrl(rawUrl);
  } catch (error) {
    return { ok: false, code: "bad_url", message: error.message };
  }
  if (!(await chrome.permissions.contains({ origins: [serviceOriginPattern(url)] }))) {
    return { ok: false, code: "no_permission", message: `The extension may not call ${url} yet: press Save to grant it.` };
  }
  let health;
  try {
    health = await fetchWithin(`${url}/healthz`, {}, 5);
  } catch {
    return { ok: false, code: "unreachable", message: `Unreachable: nothing answers at ${url}. Start the service (reviewer serve) or correct the URL.` };
  }
  if (!health.ok) {
    return { ok: false, code: "not_reviewer", message: `${url}/healthz answered ${health.status}: this is not a reviewer service, or the URL has a wrong path.` };
  }
  const headers = apiKey ? { Authorization: `Bearer ${apiKey}` } : {};
  const info = await fetchWithin(`${url}/v1/info`, { headers }, 5);
  if (info.status === 401) {
    const said = (await info.json().catch(() => ({}))).message || "";
    return { ok: false, code: "unauthorized", message: apiKey ? `401: the service rejected this API key. ${said}` : `401: the service needs an API key. ${said}` };
  }
  if (info.status === 404) {
    return { ok: false, code: "wrong_version", message: `Wrong version: ${url} has no /v1/info, so it is not a reviewer service speaking API v${API_VERSION}. Update the service.` };
  }
  if (!info.ok) return { ok: false, ...(await errorFrom(info, url)) };
  const about = await info.json().catch(() => ({}));
  if (about.service !== "reviewer") {
    return { ok: false, code: "not_reviewer", message: `${url} answers, but it is not a reviewer service.` };
  }
  if (about.api_version !== API_VERSION) {
    const update = about.api_version > API_VERSION ? "Update the extension." : "Update the service.";
    return { ok: false, code: "wrong_version", message: `Wrong version: the service speaks API v${about.api_version}; this extension speaks v${API_VERSION}. ${update}` };
  }
  const model = about.model ? ` (${about.model})` : "";
  return { ok: true, code: "ok", message: `Connected: reviewer ${about.version}, API v${about.api_version}, judge ${about.judge}${model}.` };
}

// ---- the installed rubrics and finding categories, for the panel's score rows and labels ----

// GET /v1/rubrics of the configured service: what the panel shows a row for, so a brand's own rubric appears there.
async function catalogue() {
  const settings = await loadSettings();
  const url = settings.serviceUrl;
  try {
    const headers = settings.apiKey ? { Authorization: `Bearer ${settings.apiKey}` } : {};
    const response = await fetchWithin(`${url}/v1/rubrics`, { headers }, 5);
    if (!response.ok) return { ok: false, serviceUrl: url, message: `${url}/v1/rubrics answered ${response.status}` };
    const body = await response.json();
    return { ok: true, serviceUrl: url, rubrics: body.rubrics || [], categories: body.categories || [] };
  } catch (error) {
    return { ok: false, serviceUrl: url, message: `Cannot read the rubrics of ${url}: ${error.message}` };
  }
}

// ---- one-off messages from the options page and the content script ----

chrome.runtime.onMessage.addListener((message, sender, reply) => {
  const handlers = {
    // what a content script may know: never the API key
    "public-settings": async () => {
      const s = await loadSettings();
      return { serviceUrl: s.serviceUrl, checkAsYouType: s.checkAsYouType, profiles: s.profiles };
    },
    catalogue,
    "test-connection": () => testConnection(message.serviceUrl, message.apiKey),
    "sync-sites": () => syncContentScripts(),
    "open-options": () => chrome.runtime.openOptionsPage(),
  };
  const handler = handlers[message.type];
  if (!handler) return false;
  handler().then(reply, (error) => reply({ ok: false, code: "internal", message: String(error) }));
  return true; // the reply comes asynchronously
});
