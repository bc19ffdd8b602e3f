import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, HOW_TO_GET_CHROMIUM, findChromium } from './scripts/chromium.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { frameworksPlugin } from './test/frameworks/plugins.mjs';
import { contractServerMiddleware } from './test/servers/index.mjs';

const executablePath = await findChromium();
if (!executablePath) {
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['development', 'browser'] },
  rootDir: '.',
  concurrency: 2,
  concurrentBrowsers: 1,
  testsFinishTimeout: 300_000,
  browserStartTimeout: 60_000,
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 10_000 } },
  plugins: [
    // Vue, Svelte and Angular guides (docs/frameworks.md): aliases, .svelte compiling, raw doc files.
    frameworksPlugin(),
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) }),
  ],
  // The contract servers (test/servers/*) answer under /mock/<backend>/ on the test server's own origin.
  middleware: [await contractServerMiddleware()],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
      createBrowserContext: ({ browser }) => browser.newContext({ timezoneId: 'America/Los_Angeles', locale: 'en-US' }),
    }),
  ],
  reporters: [defaultReporter(), summaryReporter(fileURLToPath(new URL('./.tmp/wtr-summary.json', import.meta.url)))],
};
