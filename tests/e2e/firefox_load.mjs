// Loads the unpacked extension into Debian's Firefox ESR through WebDriver BiDi (puppeteer-core from npm) and
// prints {"id": ..., "browser": ...}; a manifest Firefox rejects makes installExtension throw (exit code 1).
import puppeteer from "puppeteer-core";

const [extension, executablePath] = process.argv.slice(2);
const browser = await puppeteer.launch({ browser: "firefox", executablePath, headless: true, args: ["--no-remote"] });
try {
  const id = await browser.installExtension(extension);
  console.log(JSON.stringify({ id, browser: await browser.version() }));
} finally {
  await browser.close();
}
