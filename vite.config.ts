import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
// @ts-expect-error plain ESM helper without types
import { connectContractServers } from './test/servers/index.mjs';

/** Serves the contract servers (test/servers/*) under /mock/<backend>/ during `npm start`. */
function contractServers(): Plugin {
  return {
    name: 'careslot-contract-servers',
    async configureServer(server) {
      server.middlewares.use(await connectContractServers());
      // The demo clinic site lives in demo/; send the bare origin there.
      server.middlewares.use((req, res, next) => {
        if (req.url !== '/' && req.url !== '/index.html') return next();
        res.writeHead(302, { Location: '/demo/' });
        res.end();
      });
    },
  };
}

/**
 * The adapter helper modules (src/providers/shared.ts, src/providers/fhir-common/) are compiled into each
 * adapter chunk that imports them, not split into a chunk of their own: a page talks to one backend, so it
 * downloads just the helpers its adapter uses, tree-shaken, with the adapter (budgets in .size-limit.mjs).
 * Each adapter gets its own copy (`…/shared.ts?adapter=<backend>`); the helpers hold no state.
 * A lazy part of an adapter (`<backend>/lazy/*.ts`, loaded with import() when first needed) imports only these
 * helpers and types from the rest of its adapter, and gets its own copy too, so that nothing is split out into
 * a chunk the adapter and its part would share.
 */
function adapterHelpersInline(): Plugin {
  const helper = /\/src\/providers\/(shared\.ts|fhir-common\/[^/]+\.ts)$/;
  // A lazy part of an adapter (src/providers/<backend>/lazy/<part>.ts, its own chunk) gets a copy of its own,
  // `<backend>-<part>`: a helper module shared with the adapter's chunk would become a third chunk.
  const adapterOf = (importer: string) =>
    /[?&]adapter=([\w-]+)/.exec(importer)?.[1] ??
    /\/src\/providers\/(?!fhir-common\/)([\w-]+)\/(?:lazy\/([\w-]+)\.ts)?/
      .exec(importer)
      ?.slice(1)
      .filter(Boolean)
      .join('-');
  return {
    name: 'careslot-adapter-helpers-inline',
    apply: 'build',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      const adapter = importer ? adapterOf(importer.replaceAll('\\', '/')) : undefined;
      if (!adapter) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      if (!resolved || !helper.test(resolved.id.replaceAll('\\', '/'))) return null;
      return `${resolved.id}?adapter=${adapter}`;
    },
  };
}

/**
 * Each language's strings as one small chunk of texts in a fixed order, without their ids: the source keeps
 * readable `{ id: text }` parts (src/locales/<locale>/<area>.ts, what tests and `npm start` use); the build
 * loads `src/locales/<locale>.ts` as `texts` in the order of `src/locales/ids.ts`, which it fills with every id
 * once (in dist/careslot.js). Ids are about 40 % of a language's bytes.
 */
function compactLocales(): Plugin {
  const dir = resolve(import.meta.dirname, 'src/locales');
  const read = (file: string): Record<string, unknown> => {
    const source = readFileSync(file, 'utf8');
    const start = source.indexOf('=', source.indexOf('export const')) + 1;
    const literal = source.slice(start).trim().replace(/;\s*$/, '');
    return new Function(`return (${literal});`)() as Record<string, unknown>;
  };
  const languages = () =>
    readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  const textsOf = (locale: string) =>
    Object.assign({}, ...readdirSync(join(dir, locale)).map((f) => read(join(dir, locale, f)))) as Record<
      string,
      unknown
    >;
  const ids = () => [...new Set(languages().flatMap((l) => Object.keys(textsOf(l))))].sort();
  return {
    name: 'careslot-compact-locales',
    apply: 'build',
    enforce: 'pre',
    load(id) {
      const file = id.replaceAll('\\', '/');
      if (file.endsWith('/src/locales/ids.ts')) return `export const LOCALE_IDS = ${JSON.stringify(ids())};`;
      const locale = /\/src\/locales\/([\w-]+)\.ts$/.exec(file)?.[1];
      if (!locale) return null;
      const texts = textsOf(locale);
      return `export const texts = ${JSON.stringify(ids().map((key) => texts[key] ?? null))};`;
    },
  };
}

/**
 * Folds the whitespace of the elements' `css` templates in the script-tag build. Minifiers leave template
 * strings alone, and every byte of the up-front bundle counts against its 40 KB budget.
 */
function compactCss(): Plugin {
  return {
    name: 'careslot-compact-css',
    transform(code, id) {
      if (!/src\/elements\/.*\.ts$/.test(id) || !code.includes('css`')) return null;
      return code.replace(
        /css`([^`]*)`/g,
        (_, body: string) =>
          `css\`${body
            .replace(/\/\*[^]*?\*\//g, '')
            .replace(/\s+/g, ' ')
            .replace(/ ?([{};,]) ?/g, '$1')
            .trim()}\``,
      );
    },
  };
}

export default defineConfig(({ command }) =>
  command === 'serve'
    ? {
        // `npm start`: the demo clinic site in demo/, against the source.
        server: { host: '127.0.0.1', port: 5173 },
        plugins: [contractServers()],
      }
    : {
        // `npm run build`: dist/careslot.js registers every element; each backend is a lazy chunk beside it.
        plugins: [adapterHelpersInline(), compactCss(), compactLocales()],
        build: {
          outDir: 'dist',
          emptyOutDir: true,
          target: 'es2022',
          sourcemap: true,
          // dist/.vite/manifest.json: each chunk's static and dynamic imports, read by the size budget
          // (.size-limit.mjs) and the dist tests to tell the always-loaded files from the lazy adapters.
          manifest: true,
          lib: { entry: 'src/careslot.ts', formats: ['es'], fileName: () => 'careslot.js' },
          rolldownOptions: {
            // dist/careslot.js itself holds everything a page needs before its adapter (lit, the elements,
            // the core): one request, no chunk behind it. The lazy adapter chunks import what they share with
            // it from careslot.js, which may export more than its public names for them ('allow-extension').
            preserveEntrySignatures: 'allow-extension',
            output: {
              // Adapter chunks are named after their backend (chunks/backend-fhir-….js); the others are what
              // adapters share and the page does not load up front (the zone parser, the HTTP client).
              chunkFileNames: (chunk) => {
                const id = chunk.facadeModuleId ?? '';
                const backend = /\/src\/providers\/([^/]+)\/index\.ts$/.exec(id)?.[1];
                const element = /\/src\/elements\/([^/]+)\/\1\.ts$/.exec(id)?.[1];
                if (backend) return `chunks/backend-${backend}-[hash].js`;
                const locale = /\/src\/locales\/([\w-]+)\.ts$/.exec(id)?.[1];
                if (locale && locale !== 'ids') return `chunks/locale-${locale}-[hash].js`;
                return element ? `chunks/element-${element}-[hash].js` : 'chunks/[name]-[hash].js';
              },
              minify: true,
              comments: false,
            },
          },
        },
      },
);
