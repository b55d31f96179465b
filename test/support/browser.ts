/** Debian's Chromium driven by playwright-core (which gives it a fresh profile), with the flags a closed network needs. */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type LocalKawal, startLocal, WEB_DIR } from '../../functions/local/app';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The local stack with the built web app, and a browser page on it: the setup of every browser test. */
export interface BrowserSession {
  kawal: LocalKawal;
  browser: Browser;
  page: Page;
  stop(): Promise<void>;
}

export const BROWSER_PASSWORD = 'rahasia-uji';

export async function startBrowserSession(): Promise<BrowserSession> {
  if (!existsSync(`${WEB_DIR}/index.html`))
    throw new Error(`${WEB_DIR} is missing: run npm run build:web first`);
  const kawal = await startLocal({ port: 0, data: 'memory', demoPassword: BROWSER_PASSWORD });
  const browser = await launchChromium();
  // A context of its own (not browser.newPage's implicit one): axe-core's scanner opens pages in it.
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  return {
    kawal,
    browser,
    page,
    stop: async () => {
      await browser.close();
      await kawal.stop();
    },
  };
}
