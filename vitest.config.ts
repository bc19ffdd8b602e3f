import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
// @ts-expect-error plain ESM helper without types
import { CHROMIUM_ARGS, HOW_TO_GET_CHROMIUM, findChromium } from './scripts/chromium.mjs';

/**
 * Every story is a test (render + play function + axe), in real headless Chromium:
 *   npx vitest run --project storybook
 * `npm test` runs it after web-test-runner. Chromium comes from scripts/chromium.mjs.
 */
const executablePath: string | undefined = await findChromium();
if (!executablePath) throw new Error(HOW_TO_GET_CHROMIUM);

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        plugins: [storybookTest({ configDir: fileURLToPath(new URL('./.storybook', import.meta.url)) })],
        test: {
          name: 'storybook',
          testTimeout: 20_000,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath, args: CHROMIUM_ARGS },
              contextOptions: { timezoneId: 'America/Los_Angeles', locale: 'en-US' },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
