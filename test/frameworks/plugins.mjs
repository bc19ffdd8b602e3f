// web-test-runner plugins for the framework guides (docs/frameworks/*, test/frameworks-*.test.ts):
// - `careslot` and `careslot/define` resolve to the sources, as a bundler resolves them in an app;
// - `vue` is Vue's full browser build (it carries the template compiler the Vue snippet needs);
// - `.svelte` files are compiled with svelte/compiler when the browser asks for them;
// - `/__raw?file=docs/…` answers a guide file's text unchanged, for the test that compares docs/frameworks.md
//   with the files.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { compile } from 'svelte/compiler';

const root = fileURLToPath(new URL('../../', import.meta.url));

const aliases = {
  careslot: '/src/index.ts',
  'careslot/define': '/src/define.ts',
  vue: '/node_modules/vue/dist/vue.esm-browser.js',
};

export function frameworksPlugin() {
  return {
    name: 'careslot-frameworks',
    resolveImport({ source }) {
      return aliases[source];
    },
    resolveMimeType(context) {
      if (context.path.endsWith('.svelte')) return 'js';
    },
    async serve(context) {
      if (context.path !== '/__raw') return;
      const file = context.URL.searchParams.get('file') ?? '';
      if (!/^docs\/[\w./-]+$/.test(file) || file.includes('..')) return { status: 404, body: 'not a docs file' };
      return { body: await readFile(root + file, 'utf8'), type: 'text/plain' };
    },
    transform(context) {
      if (!context.path.endsWith('.svelte')) return;
      const { js } = compile(context.body, { filename: context.path, generate: 'client', dev: true });
      return { body: js.code };
    },
  };
}
