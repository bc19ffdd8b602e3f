import type { StorybookConfig } from '@storybook/web-components-vite';
import type { Plugin } from 'vite';
// @ts-expect-error plain ESM helper without types
import { connectContractServers } from '../test/servers/index.mjs';

/**
 * The contract servers (test/servers/<backend>/server.mjs) answer under /mock/<backend>/ on Storybook's
 * own origin, in `npm run storybook` and in the story tests (vitest reuses this viteFinal). A static
 * build (`npm run build-storybook`) has no server: there the backend stories show their error state.
 */
function contractServers(): Plugin {
  return {
    name: 'careslot-contract-servers',
    async configureServer(server) {
      server.middlewares.use(await connectContractServers());
    },
  };
}

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(config) {
    return { ...config, plugins: [...(config.plugins ?? []), contractServers()] };
  },
};

export default config;
