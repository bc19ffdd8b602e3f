import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { SlotQuery } from '../src/core/model.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';
import type { BookingSession, VisitFilter } from '../src/elements/shared/context.js';
import type { VisitFilterElement } from '../src/elements/visit-filter/visit-filter.js';
import { DemoProvider, type DemoOptions } from '../src/providers/demo/index.js';
import { NOW, all, fold, nextEvent, one, until } from './helpers.js';

function demo(options: DemoOptions = {}): DemoProvider {
  return new DemoProvider({ options: { takenShare: 0, ...options }, now: () => new Date(NOW) });
}

/** Records the queries of findSlots, as a backend would see them. */
function recordQueries(provider: DemoProvider): SlotQuery[] {
  const queries: SlotQuery[] = [];
  const findSlots = provider.findSlots.bind(provider);
  provider.findSlots = (query, signal) => {
    queries.push(query);
    return findSlots(query, signal);
  };
  return queries;
}

/** The session the provider shares (what a `<slot-picker>` reads), through an element inside it. */
function sessionOf(el: Element): BookingSession {
  return (el as unknown as { session: BookingSession }).session;
}

async function mount(
  provider = demo(),
  filter = html`<visit-filter></visit-filter>`,
): Promise<{ root: BookingProviderElement; el: VisitFilterElement }> {
  const root = await fixture<BookingProviderElement>(
    html`<booking-provider now=${NOW} locale="en-US" .provider=${provider}>${filter}</booking-provider>`,
  );
  return { root, el: root.querySelector('visit-filter')! };
}

const loaded = (el: Element) =>
  until(() => el.shadowRoot?.querySelector('select, [data-state="error"]'), 'the choices did not load');

const select = (el: Element, field: string) => one<HTMLSelectElement>(el, `select#${field}`);
/** The option texts of a field, "Any …" first. */
const options = (el: Element, field: string) => [...select(el, field).options].map((o) => fold(o.textContent));
const labels = (el: Element) => all(el, 'label').map((l) => fold(l.textContent));

/** Chooses an option as a pointer user does: the select's value, then its change event. */
async function choose(el: VisitFilterElement, field: string, id: string): Promise<void> {
  const target = select(el, field);
  target.value = id;
  target.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

describe('<visit-filter>', () => {
  it('shows visit types, locations and clinicians from the backend, each with "Any" and a visible label', async () => {
    const { el } = await mount();
    await loaded(el);
    expect(labels(el)).to.deep.equal(['Type of visit', 'Location', 'Clinician']);
    expect(options(el, 'service')).to.deep.equal(['Any type of visit', 'Office visit', 'Video visit', 'Phone call']);
    expect(options(el, 'location')).to.deep.equal([
      'Any location',
      'Harbor Family Clinic, New York',
      'Desert Springs Clinic, Phoenix',
      'Adelaide Hills Health, Adelaide',
      'Thameside Surgery, London',
    ]);
    expect(options(el, 'practitioner')).to.have.length(9);
    expect(options(el, 'practitioner')[1]).to.equal('Dr. Ana Ruiz, Family medicine');
    // Each label names its select.
    for (const field of ['service', 'location', 'practitioner'])
      expect(one(el, `label[for="${field}"]`).textContent).to.equal(
        labels(el)[['service', 'location', 'practitioner'].indexOf(field)],
      );
    expect(el.value).to.deep.equal({ service: undefined, location: undefined, practitioner: undefined });
    await expect(el).to.be.accessible();
  });

  it('narrows: a location its clinicians and visit types, a clinician their locations, a visit type both', async () => {
    const { el } = await mount();
    await loaded(el);
    await choose(el, 'location', 'thames');
    expect(options(el, 'practitioner')).to.deep.equal(['Any clinician', 'Dr. Priya Patel, Cardiology']);
    expect(options(el, 'service')).to.deep.equal(['Any type of visit', 'Office visit', 'Phone call']);
    // The choice itself stays offered, with the others.
    expect(options(el, 'location')).to.have.length(5);
    await choose(el, 'location', '');
    await choose(el, 'practitioner', 'ruiz');
    expect(options(el, 'location')).to.deep.equal(['Any location', 'Harbor Family Clinic, New York']);
    expect(options(el, 'service')).to.deep.equal(['Any type of visit', 'Office visit', 'Video visit']);
    await choose(el, 'practitioner', '');
    await choose(el, 'service', 'video-visit');
    expect(options(el, 'location')).not.to.include('Thameside Surgery, London');
    expect(options(el, 'practitioner').slice(1)).to.deep.equal([
      'Dr. Ana Ruiz, Family medicine',
      'Night Nurse Line, Nurse triage',
      'Dr. Linh Nguyen, Dermatology',
      'Dr. Mei Tan, Psychology',
    ]);
    await choose(el, 'location', 'adelaide');
    expect(options(el, 'practitioner').slice(1)).to.deep.equal(['Dr. Mei Tan, Psychology']);
    expect(el.value).to.deep.equal({ service: 'video-visit', location: 'adelaide', practitioner: undefined });
    await expect(el).to.be.accessible();
  });

  it('fires filter-change with the three ids only, and writes the choice to the session', async () => {
    const { el } = await mount();
    await loaded(el);
    const changed = nextEvent<VisitFilter>(document, 'filter-change');
    await choose(el, 'practitioner', 'nguyen');
    const detail = await changed;
    expect(detail).to.deep.equal({ service: undefined, location: undefined, practitioner: 'nguyen' });
    expect(Object.keys(detail).sort()).to.deep.equal(['location', 'practitioner', 'service']);
    expect(sessionOf(el).filter).to.deep.equal({ service: undefined, location: undefined, practitioner: 'nguyen' });
    const again = nextEvent<VisitFilter>(el, 'filter-change');
    await choose(el, 'practitioner', '');
    expect(await again).to.deep.equal({ service: undefined, location: undefined, practitioner: undefined });
    expect(sessionOf(el).filter.practitioner).to.equal(undefined);
  });

  it('takes its initial choice from attributes and `value`, drops what the backend does not list or what conflicts', async () => {
    const { el } = await mount(demo(), html`<visit-filter location="desert" practitioner="begay"></visit-filter>`);
    await loaded(el);
    expect(select(el, 'location').value).to.equal('desert');
    expect(select(el, 'practitioner').value).to.equal('begay');
    expect(sessionOf(el).filter).to.deep.include({ location: 'desert', practitioner: 'begay' });
    // Dr. Begay does not work at Harbor: the clinician goes back to "any", the location stays.
    el.value = { location: 'harbor', practitioner: 'begay' };
    await el.updateComplete;
    expect(el.value).to.deep.equal({ service: undefined, location: 'harbor', practitioner: undefined });
    expect(select(el, 'practitioner').value).to.equal('');
    expect(sessionOf(el).filter).to.deep.equal(el.value);
    el.service = 'no-such-visit';
    await el.updateComplete;
    expect(el.service).to.equal(undefined);
  });

  it("reaches a <slot-picker>'s query through the session: the backend is asked for the chosen ids", async () => {
    const provider = demo();
    const queries = recordQueries(provider);
    const root = await fixture<BookingProviderElement>(
      html`<booking-provider now=${NOW} locale="en-US" .provider=${provider}>
        <visit-filter></visit-filter>
        <slot-picker start="2026-03-03" days="1"></slot-picker>
      </booking-provider>`,
    );
    const el = root.querySelector('visit-filter')!;
    await loaded(el);
    await choose(el, 'location', 'harbor');
    await choose(el, 'service', 'video-visit');
    await until(
      () => queries.some((q) => q.locationId === 'harbor' && q.serviceId === 'video-visit' && !q.practitionerId),
      `the picker never asked for harbor video visits: ${JSON.stringify(queries)}`,
    );
    await choose(el, 'practitioner', 'ruiz');
    await until(
      () => queries.at(-1)?.practitionerId === 'ruiz' && queries.at(-1)?.serviceId === 'video-visit',
      'the picker did not follow the clinician',
    );
  });

  it('works by keyboard alone: Tab to a select, arrows choose, Tab on to the next', async () => {
    const { el } = await mount();
    await loaded(el);
    const before = document.createElement('button');
    before.textContent = 'before';
    el.parentElement!.before(before);
    before.focus();
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(select(el, 'service'));
    const changed = nextEvent<VisitFilter>(el, 'filter-change');
    await sendKeys({ press: 'ArrowDown' });
    expect((await changed).service).to.equal('office-visit');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(select(el, 'location'));
    const location = nextEvent<VisitFilter>(el, 'filter-change');
    await sendKeys({ press: 'End' });
    expect(await location).to.deep.equal({ service: 'office-visit', location: 'thames', practitioner: undefined });
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(select(el, 'practitioner'));
    expect(options(el, 'practitioner').slice(1)).to.deep.equal(['Dr. Priya Patel, Cardiology']);
    before.remove();
  });

  it('hides a field the backend cannot list, and shows only the fields asked for', async () => {
    const provider = demo();
    Object.assign(provider, { listServices: undefined });
    const { el } = await mount(provider);
    await loaded(el);
    expect(labels(el)).to.deep.equal(['Location', 'Clinician']);
    expect(el.shadowRoot!.querySelector('select#service')).to.equal(null);
    await expect(el).to.be.accessible();

    const calls: string[] = [];
    const counted = demo();
    for (const name of ['listServices', 'listLocations', 'listPractitioners'] as const) {
      const method = counted[name].bind(counted);
      Object.assign(counted, { [name]: (signal?: AbortSignal) => (calls.push(name), method(signal)) });
    }
    const only = await mount(counted, html`<visit-filter fields="practitioner"></visit-filter>`);
    await loaded(only.el);
    expect(labels(only.el)).to.deep.equal(['Clinician']);
    // A hidden field costs no request.
    expect(calls).to.deep.equal(['listPractitioners']);

    // A backend that lists nothing shows nothing.
    const none = demo();
    Object.assign(none, { listServices: undefined, listLocations: undefined, listPractitioners: undefined });
    const empty = await mount(none);
    await empty.el.updateComplete;
    expect(all(empty.el, 'select, [part="status"]')).to.have.length(0);
  });

  it('says it is loading, then shows an error with a retry that loads the choices', async () => {
    const { el } = await mount(demo({ latencyMs: 200, failures: { listLocations: { kind: 'network', times: 1 } } }));
    await until(() => el.shadowRoot?.querySelector('[data-state="loading"]'), 'loading');
    expect(one(el, '[role="status"]').textContent).to.contain('Loading choices…');
    await expect(el).to.be.accessible();
    await until(() => el.shadowRoot?.querySelector('[data-state="error"]'), 'error');
    const alert = one(el, '[role="alert"]');
    expect(fold(alert.textContent)).to.contain(
      'We could not reach the clinic. Please check your connection and try again.',
    );
    await expect(el).to.be.accessible();
    one<HTMLButtonElement>(el, 'button[part="retry"]').click();
    await until(() => all(el, 'select').length === 3, 'retried');
    expect(el.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
  });

  it('renders backend names as text, never as HTML', async () => {
    const provider = demo();
    Object.assign(provider, {
      listServices: async () => [{ id: 'x', name: '<img src=x onerror=alert(1)>' }],
    });
    const { el } = await mount(provider);
    await loaded(el);
    expect(options(el, 'service')[1]).to.equal('<img src=x onerror=alert(1)>');
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it('fits a 320 px phone: the fields stack, nothing scrolls sideways', async () => {
    const { root, el } = await mount();
    root.style.cssText = 'display: block; width: 320px';
    await loaded(el);
    const base = one(el, '[part="base"]');
    const fields = all(el, '[part="field"]').map((f) => f.getBoundingClientRect());
    expect(fields).to.have.length(3);
    expect(fields[1].top).to.be.greaterThan(fields[0].bottom - 1);
    expect(fields[2].top).to.be.greaterThan(fields[1].bottom - 1);
    expect(base.scrollWidth).to.be.at.most(base.clientWidth);
    for (const field of fields) expect(field.width).to.be.at.most(320);
  });
});
