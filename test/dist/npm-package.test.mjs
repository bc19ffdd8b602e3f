// The npm package as a portal gets it: `npm pack`, install the tarball into a throwaway project (deps from
// the npm cache, falling back to the registry), then type-check a small consumer of `careslot`,
// `careslot/define`, `careslot/providers/<name>` and `careslot/react` with tsc, import the entry points in
// Node, bundle the consumer with vite (checking that importing only a class does not register elements)
// and book an appointment in Chromium through the React components.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startBrowser } from './helpers.mjs';

const REPO = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const installed = (name) => JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')).version;
const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
const quiet = { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 };

/** The built-in backends and the folder each one's module lives in, from src/providers/builtins.ts. */
function builtinBackends() {
  const source = readFileSync(join(REPO, 'src', 'providers', 'builtins.ts'), 'utf8');
  return [...source.matchAll(/^\s*'?([a-z0-9-]+)'?\s*:\s*\(\)\s*=>\s*import\('\.\/([^']+)\/index\.js'\)/gm)].map(([, name, folder]) => ({ name, folder }));
}

function write(root, files) {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function run(command, args, cwd) {
  try {
    return execFileSync(command, args, { cwd, ...quiet });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${error.stdout ?? ''}${error.stderr ?? ''}`, {
      cause: error,
    });
  }
}

describe('npm package (packed tarball in a consumer project)', () => {
  let work;
  let consumer;
  let packed;
  const backends = builtinBackends();

  before(() => {
    work = mkdtempSync(join(tmpdir(), 'careslot-pack-'));
    consumer = join(work, 'consumer');
    mkdirSync(consumer);
    // The build ran already (scripts/test-dist.mjs); --ignore-scripts skips prepack's second build.
    const out = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], REPO);
    [packed] = JSON.parse(out.slice(out.indexOf('[')));
    const tarball = join(work, packed.filename);
    write(consumer, {
      'package.json': JSON.stringify(
        {
          name: 'portal',
          private: true,
          type: 'module',
          dependencies: {
            careslot: `file:${tarball}`,
            // What the README tells React users to add: careslot's optional peers.
            '@lit/react': installed('@lit/react'),
            react: installed('react'),
            'react-dom': installed('react-dom'),
            '@types/react': installed('@types/react'),
            '@types/react-dom': installed('@types/react-dom'),
          },
        },
        null,
        2,
      ),
    });
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], consumer);
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the tarball holds the npm build, the script-tag build and the manifest, and nothing else', () => {
    const files = packed.files.map((file) => file.path);
    for (const required of [
      'package.json',
      'README.md',
      'custom-elements.json',
      'dist/careslot.js',
      'dist/lib/index.js',
      'dist/lib/index.d.ts',
      'dist/lib/define.js',
      'dist/lib/define.d.ts',
      'dist/lib/react.js',
      'dist/lib/react.d.ts',
      ...backends.map(({ folder }) => `dist/lib/providers/${folder}/index.js`),
    ]) {
      assert.ok(files.includes(required), `${required} is in the tarball`);
    }
    assert.ok(files.some((file) => /^dist\/chunks\/backend-demo-.*\.js$/.test(file)), 'the lazy adapter chunks of the script-tag build');
    const stray = files.filter((file) => /^(test|stories|demo|examples|scripts|node_modules|\.tmp|\.storybook)\/|\.tgz$|^dist\/\.vite\//.test(file));
    assert.deepEqual(stray, []);
  });

  test('package.json: exports, types, sideEffects, customElements, dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(consumer, 'node_modules', 'careslot', 'package.json'), 'utf8'));
    const root = join(consumer, 'node_modules', 'careslot');
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      if (subpath.includes('*') || target === null) continue; // null: an internal path, blocked on purpose
      for (const file of typeof target === 'string' ? [target] : Object.values(target)) {
        assert.ok(existsSync(join(root, file)), `exports["${subpath}"] → ${file} exists`);
      }
    }
    assert.ok(existsSync(join(root, manifest.types)));
    assert.ok(existsSync(join(root, manifest.customElements)), 'customElements points at the shipped manifest');
    const cem = JSON.parse(readFileSync(join(root, manifest.customElements), 'utf8'));
    const tags = cem.modules.flatMap((mod) => mod.declarations ?? []).map((d) => d.tagName).filter(Boolean).sort();
    assert.deepEqual(tags, [
      'appointment-list',
      'booking-confirmation',
      'booking-flow',
      'booking-provider',
      'confirm-button',
      'patient-form',
      'slot-picker',
      'time-zone-select',
      'visit-filter',
    ]);
    // Side effects: the registering entries only. `careslot` itself must stay tree-shakeable.
    assert.ok(manifest.sideEffects.includes('./dist/lib/define.js'));
    assert.ok(manifest.sideEffects.includes('./dist/careslot.js'));
    assert.ok(!manifest.sideEffects.includes('./dist/lib/index.js'));
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['@lit/context', '@lit/localize', '@lit/task', 'lit']);
    assert.equal(manifest.peerDependenciesMeta.react.optional, true);
    assert.equal(manifest.peerDependenciesMeta['@lit/react'].optional, true);
  });

  test('the public .d.ts files use no `any`', () => {
    const dir = join(consumer, 'node_modules', 'careslot', 'dist', 'lib');
    const offenders = [];
    const walk = (path) => {
      for (const entry of readdirSync(path)) {
        const full = join(path, entry);
        if (statSync(full).isDirectory()) walk(full);
        else if (entry.endsWith('.d.ts')) {
          const code = readFileSync(full, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
          if (/\bany\b/.test(code)) offenders.push(full.slice(dir.length + 1));
        }
      }
    };
    walk(dir);
    assert.deepEqual(offenders, []);
  });

  test('a consumer type-checks against every entry point (moduleResolution bundler and nodenext)', () => {
    write(consumer, {
      'src/plain.ts': `import 'careslot/define';
import { BookingError, registerBackend, registeredBackends, SlotPickerElement, type Appointment, type BookingProvider, type Slot } from 'careslot';
import { createDemoProvider } from 'careslot/providers/demo';

// The tag-name map and event maps come with the types: no casts needed.
const picker: SlotPickerElement | null = document.querySelector('slot-picker');
picker?.addEventListener('slot-select', (event) => {
  const slot: Slot = event.detail.slot;
  console.log(slot.id, slot.start, slot.end, slot.timeZone);
});
const created: SlotPickerElement = document.createElement('slot-picker');
created.days = 5;
const button = document.querySelector('confirm-button');
button?.addEventListener('booking-confirmed', (event) => {
  const appointment: Appointment = event.detail.appointment;
  console.log(appointment.id.toUpperCase(), appointment.status);
});
button?.addEventListener('booking-failed', (event) => console.log(event.detail.error.kind, event.detail.error.message));
document.querySelector('appointment-list')?.addEventListener('appointment-cancelled', (event) => console.log(event.detail.appointment.id));
const provider = document.querySelector('booking-provider');
if (provider) provider.options = { getToken: async () => 'token' };
provider?.addEventListener('booking-provider-error', (event) => console.log(event.detail.error.kind));
registerBackend('portal-demo', async () => createDemoProvider);
const adapter: BookingProvider = createDemoProvider({ options: {}, now: () => new Date() });
console.log(adapter.capabilities.book, registeredBackends(), new BookingError('network', 'offline').kind);
// @ts-expect-error event details are typed, not any
picker?.addEventListener('slot-select', (event) => event.detail.nope);
`,
      'src/adapters.ts': `${backends.map(({ name }, i) => `import * as adapter${i} from 'careslot/providers/${name}';`).join('\n')}
export const adapters: Record<string, unknown>[] = [${backends.map((_, i) => `adapter${i}`).join(', ')}];
`,
      'src/app.tsx': `import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Appointment } from 'careslot';
import { AppointmentList, BookingProvider, ConfirmButton, SlotPicker, type SlotSelectEvent } from 'careslot/react';

function App() {
  const [picked, setPicked] = useState('');
  const [booked, setBooked] = useState<Appointment | null>(null);
  return (
    <BookingProvider backend="demo" patient="demo-patient" options={{ latencyMs: 0 }} onBookingProviderError={(e) => console.error(e.detail.error.message)}>
      <SlotPicker days={5} onSlotSelect={(e: SlotSelectEvent) => setPicked(e.detail.slot.id)} />
      <ConfirmButton onBookingConfirmed={(e) => setBooked(e.detail.appointment)} onBookingFailed={(e) => console.error(e.detail.error.kind)} />
      <AppointmentList filter="upcoming" onAppointmentCancelled={(e) => console.log(e.detail.appointment.id)} />
      <output id="picked">{picked}</output>
      <output id="booked">{booked ? booked.status + ' ' + booked.id : ''}</output>
    </BookingProvider>
  );
}

// @ts-expect-error the React props are typed from the element: days is a number
const wrong = <SlotPicker days="five" />;
console.log(wrong);

createRoot(document.getElementById('root')!).render(<App />);
`,
      'src/only-error.ts': `import { BookingError } from 'careslot';
console.log(new BookingError('network', 'offline').kind);
`,
      'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>portal</title>
<script type="module" src="./src/app.tsx"></script></head><body><div id="root"></div></body></html>
`,
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'ESNext',
          moduleResolution: 'bundler',
          lib: ['ES2023', 'DOM', 'DOM.Iterable'],
          jsx: 'react-jsx',
          strict: true,
          noEmit: true,
          // Check careslot's shipped .d.ts files too, not only their use.
          skipLibCheck: false,
          types: [],
        },
        include: ['src'],
      }),
      'tsconfig.nodenext.json': JSON.stringify({
        extends: './tsconfig.json',
        // The library .d.ts files were checked by the first run; this one checks resolution under NodeNext.
        compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', skipLibCheck: true },
      }),
    });
    run(process.execPath, [TSC, '-p', 'tsconfig.json'], consumer);
    run(process.execPath, [TSC, '-p', 'tsconfig.nodenext.json'], consumer);
  });

  test('the entry points import in Node: classes without registering, adapters by name', () => {
    const script = `
      const careslot = await import('careslot');
      const before = globalThis.customElements?.get?.('slot-picker');
      const result = { classes: typeof careslot.SlotPickerElement, error: new careslot.BookingError('network', 'x').kind, definedByIndex: !!before };
      result.adapters = {};
      for (const name of ${JSON.stringify(backends.map((b) => b.name))}) {
        const mod = await import('careslot/providers/' + name);
        result.adapters[name] = Object.values(mod).some((value) => typeof value === 'function');
      }
      result.internal = await import('careslot/providers/fhir-common').then(() => 'importable', (e) => e.code);
      console.log(JSON.stringify(result));`;
    const out = run(process.execPath, ['--input-type=module', '-e', script], consumer);
    const result = JSON.parse(out.trim().split('\n').at(-1));
    assert.equal(result.classes, 'function');
    assert.equal(result.error, 'network');
    assert.equal(result.definedByIndex, false, 'importing careslot registers nothing');
    assert.equal(result.internal, 'ERR_PACKAGE_PATH_NOT_EXPORTED', 'the shared FHIR helpers are not a public entry point');
    assert.deepEqual(Object.keys(result.adapters).sort(), backends.map((b) => b.name).sort());
    for (const [name, ok] of Object.entries(result.adapters)) assert.ok(ok, `careslot/providers/${name} exports a factory`);
    for (const { name, folder } of backends) assert.equal(folder, name, `careslot/providers/${name} is the ${name} adapter's folder`);
  });

  test('a bundler drops the elements when only a class is imported (sideEffects)', async () => {
    const { build } = await import(pathToFileURL(join(REPO, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href);
    await build({
      root: consumer,
      logLevel: 'silent',
      configFile: false,
      build: {
        outDir: 'out-only-error',
        minify: false,
        lib: { entry: 'src/only-error.ts', formats: ['es'], fileName: () => 'only-error.js' },
      },
    });
    const code = readFileSync(join(consumer, 'out-only-error', 'only-error.js'), 'utf8');
    assert.match(code, /BookingError/);
    assert.doesNotMatch(code, /customElements\.define|slot-picker|LitElement/);
  });

  test('a React portal bundled with vite books through the careslot/react components', async () => {
    const { build } = await import(pathToFileURL(join(REPO, 'node_modules', 'vite', 'dist', 'node', 'index.js')).href);
    await build({ root: consumer, logLevel: 'silent', configFile: false, build: { outDir: 'out-app' } });
    const out = join(consumer, 'out-app');
    const server = createServer((req, res) => {
      const path = new URL(req.url, 'http://x').pathname;
      const file = join(out, path === '/' ? 'index.html' : path);
      if (!file.startsWith(out) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': extname(file) === '.js' ? 'text/javascript' : 'text/html' });
      createReadStream(file).pipe(res);
    });
    await new Promise((done) => server.listen(0, '127.0.0.1', done));
    const env = await startBrowser();
    try {
      const page = await env.context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`http://127.0.0.1:${server.address().port}/`);
      const slot = page.locator('slot-picker button.slot').first();
      await slot.waitFor({ timeout: 10_000 });
      const slotId = await slot.getAttribute('data-slot-id');
      await slot.click();
      await page.locator('#picked', { hasText: slotId }).waitFor({ timeout: 5000 });
      await page.locator('confirm-button button[part="button"]').click();
      await page.locator('#booked', { hasText: /^booked \S+/ }).waitFor({ timeout: 10_000 });
      assert.deepEqual(errors, []);
    } finally {
      await env.close();
      await new Promise((done) => server.close(done));
    }
  });
});
