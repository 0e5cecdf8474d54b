// The options page: service URL, API key, sites, check-as-you-type and saved context profiles.
"use strict";

const $ = (id) => document.getElementById(id);
let profiles = [];

function show(output, ok, text) {
  output.className = ok ? "ok" : "bad";
  output.textContent = text;
}

function renderProfiles() {
  const list = $("profiles");
  list.replaceChildren();
  if (!profiles.length) {
    const none = document.createElement("li");
    none.textContent = "No profiles yet.";
    list.append(none);
  }
  profiles.forEach((profile, index) => {
    const item = document.createElement("li");
    item.textContent = `${profile.name} `;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "secondary";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove profile ${profile.name}`);
    remove.addEventListener("click", async () => {
      profiles.splice(index, 1);
      await chrome.storage.local.set({ profiles });
      renderProfiles();
      show($("save-result"), true, `Profile "${profile.name}" removed.`);
    });
    item.append(remove);
    list.append(item);
  });
}

async function load() {
  const s = await loadSettings();
  $("service-url").value = s.serviceUrl;
  $("api-key").value = s.apiKey;
  $("timeout").value = s.timeoutSeconds;
  $("sites").value = s.sites.join("\n");
  $("check-as-you-type").checked = s.checkAsYouType;
  profiles = s.profiles;
  renderProfiles();
}

// Everything in the form, validated; throws an Error whose message says what to fix.
function readForm() {
  const serviceUrl = normaliseServiceUrl($("service-url").value);
  const timeoutSeconds = Number($("timeout").value);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1 || timeoutSeconds > 300) {
    throw new Error("The timeout must be a whole number of seconds from 1 to 300.");
  }
  const sites = $("sites").value.split("\n").map((line) => line.trim()).filter(Boolean);
  sites.forEach((site, index) => {
    if (!SITE_PATTERN.test(site)) {
      throw new Error(`Site line ${index + 1}, "${site}", is not a match pattern like https://mail.google.com/*`);
    }
  });
  return { serviceUrl, apiKey: $("api-key").value.trim(), timeoutSeconds, sites, checkAsYouType: $("check-as-you-type").checked };
}

$("form").addEventListener("submit", async (event) => {
  event.preventDefault();
  let values;
  try {
    values = readForm();
  } catch (error) {
    show($("save-result"), false, error.message);
    return;
  }
  const origins = [serviceOriginPattern(values.serviceUrl), ...values.sites];
  const missing = [];
  for (const origin of origins) if (!(await chrome.permissions.contains({ origins: [origin] }))) missing.push(origin);
  if (missing.length && !(await chrome.permissions.request({ origins: missing }).catch(() => false))) {
    show($("save-result"), false, `Not saved: the browser did not grant access to ${missing.join(", ")}.`);
    return;
  }
  await chrome.storage.local.set(values);
  const sync = await chrome.runtime.sendMessage({ type: "sync-sites" });
  $("service-url").value = values.serviceUrl;
  show($("save-result"), true, `Saved. The Review button appears on ${sync.registered.length} site pattern(s).`);
});

$("test").addEventListener("click", async () => {
  const output = $("test-result");
  show(output, true, "Testing…");
  const result = await chrome.runtime.sendMessage({
    type: "test-connection",
    serviceUrl: $("service-url").value,
    apiKey: $("api-key").value.trim(),
  });
  show(output, result.ok, result.message);
});

$("add-profile").addEventListener("click", async () => {
  const name = $("profile-name").value.trim();
  const output = $("save-result");
  if (!name) return show(output, false, "Give the profile a name.");
  if (profiles.some((p) => p.name === name)) return show(output, false, `A profile named "${name}" exists already.`);
  let context;
  try {
    context = JSON.parse($("profile-context").value);
  } catch (error) {
    return show(output, false, `The context is not valid JSON: ${error.message}`);
  }
  if (!context || typeof context !== "object" || Array.isArray(context)) {
    return show(output, false, 'The context must be a JSON object, e.g. {"consent": {"marketing_email": true}}.');
  }
  profiles.push({ name, context });
  await chrome.storage.local.set({ profiles });
  $("profile-name").value = "";
  $("profile-context").value = "";
  renderProfiles();
  show(output, true, `Profile "${name}" saved.`);
});

load();
