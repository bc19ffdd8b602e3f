/**
 * One story file per backend (stories/backends/<name>.stories.ts) runs the three elements against that
 * backend's contract server (test/servers/<name>/server.mjs, mounted at /mock/<name>/ by .storybook/main.ts).
 * A file only describes the backend; this module makes its two stories:
 *
 *   - Works:        a fresh tenant, the elements show what the backend offers (times, booking, the list).
 *   - BackendError: the same with one failure armed on the contract server; the patient sees the error,
 *                   presses "Try again", and it works.
 *
 * Every story gets its own tenant (a fresh, isolated backend state), made in a loader before rendering.
 * Adding a backend: copy stories/backends/canvas.stories.ts, fill in a BackendStoryConfig.
 */
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { userEvent } from 'storybook/test';
import type { ProviderOptions } from '../../src/core/provider.js';
import { findIn, waitForText } from './dom.js';
import { bookingProvider, STORY_NOW } from './page.js';
import { bookingOutcome, chooseSlotByClick, clickBook, slotButtons } from './play.js';

export interface BackendStoryConfig {
  backend: string;
  /** `base-url` of a tenant on the contract server, e.g. `(t) => \`/mock/fhir/${t}\``. Absent for in-browser backends. */
  baseUrl?: (tenant: string) => string;
  patient?: string;
  /** The clock (the contract servers put non-`demo` tenants at 2026-03-02T15:00Z). */
  now?: string;
  options?: ProviderOptions;
  picker?: { practitioner?: string; location?: string; service?: string; start?: string; days?: number };
  filter?: 'upcoming' | 'past' | 'all';
  /** Sets up a fresh tenant before the story renders (e.g. a fixed clock through `__test/reset`). */
  prepare?: (tenant: string) => Promise<void>;
  /** The error case: arms one failure on the tenant through `__test/fault` (or `errorOptions` for in-browser backends). */
  breakOnce?: (tenant: string) => Promise<void>;
  errorOptions?: ProviderOptions;
  /** Which element shows the error (the one whose call fails). */
  errorIn: 'slot-picker' | 'appointment-list';
  /** What the backend offers, so the play knows what to expect. */
  offers: { slots: boolean; list: boolean; book: 'booked' | 'redirect' | false };
}

interface Loaded {
  tenant?: string;
  /** Why the contract server could not be set up (a static Storybook has no /mock/ routes). */
  unavailable?: string;
}

export type BackendStory = StoryObj;

let counter = 0;
const newTenant = (backend: string, variant: string) =>
  `sb-${backend}-${variant}-${Date.now().toString(36)}-${counter++}`;

/** POSTs JSON to a contract server's test-control endpoint (`…/<tenant>/__test/reset|fault`) and fails loudly if it refuses. */
export async function control(url: string, body: unknown, method = 'POST'): Promise<void> {
  const response = await fetch(url, {
    method,
    body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json' },
  });
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
}

function render(config: BackendStoryConfig, tenant: string | undefined, variant: 'works' | 'error') {
  const picker = config.picker ?? {};
  return bookingProvider(
    {
      backend: config.backend,
      baseUrl: tenant && config.baseUrl ? config.baseUrl(tenant) : undefined,
      patient: config.patient ?? null,
      now: config.now ?? STORY_NOW,
      options:
        variant === 'error' && config.errorOptions ? { ...config.options, ...config.errorOptions } : config.options,
    },
    html`<section aria-label="Book">
        <slot-picker
          view="list"
          practitioner=${ifDefined(picker.practitioner)}
          location=${ifDefined(picker.location)}
          service=${ifDefined(picker.service)}
          start=${ifDefined(picker.start)}
          days=${picker.days ?? 3}
        ></slot-picker>
        <confirm-button></confirm-button>
      </section>
      <section aria-label="Your appointments">
        <appointment-list filter=${config.filter ?? 'upcoming'}></appointment-list>
      </section>`,
  );
}

/** Waits until the elements show what the backend offers, and books a time where it can. */
async function playWorks(config: BackendStoryConfig, root: HTMLElement): Promise<void> {
  if (config.offers.slots) await slotButtons(root, 15_000);
  else await findIn(root, 'slot-picker', '[data-state="unavailable"]', { timeout: 15_000 });
  if (config.offers.list) await findIn(root, 'appointment-list', '[part="item"]', { timeout: 15_000 });
  else await waitForText(root.querySelector('appointment-list')!, 'does not list appointments online', 15_000);
  if (!config.offers.slots || !config.offers.book) return;
  await chooseSlotByClick(root);
  if (config.offers.book === 'booked') {
    await clickBook(root);
    await bookingOutcome(root, /Booked:|Requested|pending|waiting/i);
    return;
  }
  // A redirect backend opens the clinic's booking page in a new tab: catch it instead.
  const open = window.open;
  const opened: string[] = [];
  window.open = (url?: string | URL) => {
    opened.push(String(url));
    return null;
  };
  try {
    await clickBook(root);
    await bookingOutcome(root, "Booking continues on the clinic's site");
    if (opened.length !== 1) throw new Error(`expected one booking page to open, got ${opened.length}`);
  } finally {
    window.open = open;
  }
}

/** The error shows with a retry button; retrying works because the failure was armed once. */
async function playError(config: BackendStoryConfig, root: HTMLElement): Promise<void> {
  const errorState = config.errorIn === 'slot-picker' ? '[data-state="error"]' : '[role="alert"]';
  await findIn(root, config.errorIn, errorState, { timeout: 15_000 });
  if (config.errorOptions) return; // in-browser failures stay (the demo's `failures` option)
  await userEvent.click(await findIn(root, config.errorIn, 'button[part="retry"]'));
  if (config.errorIn === 'slot-picker') await slotButtons(root, 15_000);
  else await findIn(root, 'appointment-list', '[part="item"]', { timeout: 15_000 });
}

export function backendMeta(config: BackendStoryConfig): Meta {
  return {
    parameters: {
      docs: {
        description: {
          component: `The elements against the \`${config.backend}\` backend${config.baseUrl ? `'s contract server (\`test/servers/${config.backend}/server.mjs\`, a fresh tenant per story; needs the dev server, so a static build shows the error state)` : ''}. Backend documentation: \`docs/backends/${config.backend}.md\`.`,
        },
      },
    },
  };
}

export function backendStory(config: BackendStoryConfig, variant: 'works' | 'error'): BackendStory {
  return {
    loaders: [
      async (): Promise<Loaded> => {
        if (!config.baseUrl) return {};
        const tenant = newTenant(config.backend, variant);
        try {
          await config.prepare?.(tenant);
          if (variant === 'error') await config.breakOnce?.(tenant);
        } catch (error) {
          // Still render: the elements then show their own error state, and the play function fails in tests.
          return { tenant, unavailable: error instanceof Error ? error.message : String(error) };
        }
        return { tenant };
      },
    ],
    render: (_args, context) => {
      const { tenant, unavailable } = context.loaded as Loaded;
      const story = render(config, tenant, variant);
      return unavailable
        ? html`<p role="note">
              This story needs the ${config.backend} contract server under <code>/mock/${config.backend}/</code>, which
              <code>npm run storybook</code> serves and a static build does not. (${unavailable})
            </p>
            ${story}`
        : story;
    },
    play: async ({ canvasElement }) =>
      variant === 'works' ? playWorks(config, canvasElement) : playError(config, canvasElement),
  };
}
