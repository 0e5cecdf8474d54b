// Settings shared by the service worker and the options page. Kept in chrome.storage.local (never sync: the API
// key stays on this machine). Content scripts never read storage: they ask the service worker for what they may see.
"use strict";

const DEFAULT_SETTINGS = Object.freeze({
  serviceUrl: "http://127.0.0.1:8000",
  apiKey: "",
  sites: [
    "https://mail.google.com/*",
    "https://outlook.live.com/*",
    "https://outlook.office.com/*",
    "https://outlook.office365.com/*",
  ],
  checkAsYouType: false,
  timeoutSeconds: 30,
  profiles: [], // [{name, context}]: saved customer contexts
});

const API_VERSION = 1; // the /v1 API this extension speaks

// A match pattern the browser accepts for content scripts: scheme://host/path, host may start with "*.".
const SITE_PATTERN = /^(https?|\*):\/\/(\*|(\*\.)?[^/*:]+)\/.*$/;

async function loadSettings() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULT_SETTINGS));
  return { ...DEFAULT_SETTINGS, ...stored };
}

// "http://127.0.0.1:8000/" -> "http://127.0.0.1:8000"; throws a readable error for anything that is not http(s).
function normaliseServiceUrl(raw) {
  let url;
  try {
    url = new URL(String(raw).trim());
  } catch {
    throw new Error(`"${raw}" is not a URL; use e.g. http://127.0.0.1:8000`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`The service URL must start with http:// or https://, not ${url.protocol}`);
  }
  return url.origin + url.pathname.replace(/\/+$/, "");
}

// The origin pattern the browser needs permission for to call the service from the service worker.
function serviceOriginPattern(serviceUrl) {
  const url = new URL(serviceUrl);
  return `${url.protocol}//${url.hostname}/*`;
}
