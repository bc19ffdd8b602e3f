// Finds a Chromium for the tests, the benchmark and the dist checks. No tool may download its own browser on
// these machines, so the order is: CHROME_PATH, a system Chromium or Chrome, then the Chromium that ships inside
// the @sparticuz/chromium dev dependency (unpacked once into the temp folder on first use).
import { existsSync } from 'node:fs';

const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** Flags Chromium needs on these machines (root, no GPU, closed network). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The packaged Chromium (Linux x64 only), or undefined where it cannot run. */
async function packagedChromium() {
  if (process.platform !== 'linux' || process.arch !== 'x64') return undefined;
  try {
    const { default: chromium } = await import('@sparticuz/chromium');
    const path = await chromium.executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Chromium to launch: CHROME_PATH if set, else a system browser, else the packaged one.
 * Resolves to undefined when there is none (CHROME_PATH set to a missing file counts as none).
 */
export async function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return SYSTEM_BROWSERS.find((path) => existsSync(path)) ?? (await packagedChromium());
}

export const HOW_TO_GET_CHROMIUM = `No Chromium was found, and careslot's tests run in a real headless Chromium.
On Linux x64, \`npm install\` brings one (the @sparticuz/chromium dev dependency); elsewhere install Chrome or
Chromium, or point CHROME_PATH at an existing binary:
  CHROME_PATH=/path/to/chrome npm test`;
