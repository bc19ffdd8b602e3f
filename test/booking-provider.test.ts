import { expect, fixture, html } from '@open-wc/testing';
import { type BookingError } from '../src/core/errors.js';
import { registerBackend } from '../src/providers/registry.js';
import { defineCareslot } from '../src/define.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW, all, fold, mountProvider, nextEvent, one, text, until } from './helpers.js';

describe('<booking-provider>', () => {
  it('loads the demo backend by default', async () => {
    const root = await mountProvider(html`<booking-provider></booking-provider>`);
    expect(root.activeBackend?.backend).to.equal('demo');
  });

  it('reports an unknown backend with a visible error and an event', async () => {
    const root = document.createElement('booking-provider');
    const event = nextEvent<{ error: BookingError }>(root, 'booking-provider-error');
    root.setAttribute('backend', 'no-such-system');
    document.body.append(root);
    try {
      const { error } = await event;
      expect(error.kind).to.equal('not-supported');
      expect(error.message).to.match(/^Unknown backend "no-such-system"\. Registered backends: .*demo/);
      await root.updateComplete;
      expect(fold(one(root, '[part="error"]').textContent)).to.contain(
        'Online booking is not available on this page right now. Please call the clinic.',
      );
      expect(text(root)).not.to.contain('Unknown backend');
    } finally {
      root.remove();
    }
  });

  it('retries loading a backend whose module failed to load', async () => {
    let attempts = 0;
    registerBackend('flaky-test-backend', async () => {
      attempts++;
      if (attempts === 1) throw new TypeError('Failed to fetch dynamically imported module');
      return (config) => new DemoProvider(config);
    });
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider backend="flaky-test-backend"><slot-picker></slot-picker></booking-provider>`,
    );
    await until(() => root.shadowRoot?.querySelector('[part="retry"]'), 'load error');
    expect(text(root)).to.contain('We could not reach the clinic.');
    one(root, '[part="retry"]').click();
    await until(() => root.activeBackend, 'loaded on retry');
    expect(attempts).to.equal(2);
  });

  it('reads static options from a JSON script child, and reports broken JSON', async () => {
    const root = await mountProvider(
      html`<booking-provider now=${NOW}>
        <script type="application/json">
          { "noSlots": true }
        </script>
        <slot-picker view="list" start="2026-03-03" days="2"></slot-picker>
      </booking-provider>`,
    );
    const picker = root.querySelector('slot-picker')!;
    await until(() => picker.shadowRoot?.querySelector('[data-state="empty"]'), 'options applied');
    const broken = await fixture<BookingProviderElement>(
      html`<booking-provider
        ><script type="application/json">
          { nope
        </script></booking-provider
      >`,
    );
    await until(() => broken.shadowRoot?.querySelector('[part="error"]'), 'broken JSON reported');
    expect(text(broken)).to.contain('Online booking is not available on this page right now.');
  });

  it('uses a provider instance given as a property, and a new instance replaces the old one', async () => {
    const first = new DemoProvider({ options: { noSlots: true }, now: () => new Date(NOW) });
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider .provider=${first}
        ><slot-picker view="list" start="2026-03-03" days="1"></slot-picker
      ></booking-provider>`,
    );
    const picker = root.querySelector('slot-picker')!;
    await until(() => picker.shadowRoot?.querySelector('[data-state="empty"]'), 'first provider');
    root.provider = new DemoProvider({ options: {}, now: () => new Date(NOW) });
    await until(() => all(picker, 'button.slot').length > 0, 'second provider');
  });

  it('passes display settings to every element and updates them live', async () => {
    const root = await mountProvider(
      html`<booking-provider now=${NOW} .options=${{ takenShare: 0 }}>
        <slot-picker practitioner="ruiz" start="2026-03-03" days="1"></slot-picker>
      </booking-provider>`,
    );
    const picker = root.querySelector('slot-picker')!;
    await until(() => all(picker, 'button.slot').length > 0, 'slots');
    expect(one(picker, 'button.slot .time').textContent).to.contain('9:00 AM');
    root.hourCycle = 'h23';
    root.timeZone = 'Europe/London';
    await until(() => one(picker, 'button.slot .time').textContent!.includes('14:00 GMT'), 'new settings');
  });

  it('registers the elements once: defining again is quietly skipped', () => {
    expect(() => defineCareslot()).not.to.throw();
    expect(customElements.get('booking-provider')).to.equal(document.createElement('booking-provider').constructor);
    for (const tag of ['slot-picker', 'confirm-button', 'appointment-list'])
      expect(customElements.get(tag), tag).to.be.a('function');
  });

  it('renders backend text as text, never as HTML', async () => {
    const demo = new DemoProvider({ options: { takenShare: 0 }, now: () => new Date(NOW) });
    const findSlots = demo.findSlots.bind(demo);
    demo.findSlots = async (query, signal) =>
      (await findSlots(query, signal)).map((s) => ({
        ...s,
        practitioner: { id: 'x', name: '<img src=x onerror=alert(1)>' },
        location: s.location && { ...s.location, name: '<b>Bold</b> clinic' },
      }));
    const root = await fixture(
      html`<booking-provider .provider=${demo}
        ><slot-picker view="list" start="2026-03-03" days="1" location="harbor"></slot-picker
      ></booking-provider>`,
    );
    const picker = root.querySelector('slot-picker')!;
    await until(() => all(picker, 'button.slot').length > 0, 'slots');
    expect(picker.shadowRoot!.querySelectorAll('img, b')).to.have.length(0);
    expect(all(picker, 'button.slot .name')[0].textContent).to.contain(
      '<img src=x onerror=alert(1)>, <b>Bold</b> clinic',
    );
  });
});
