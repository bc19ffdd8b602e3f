// "Find a time the way patients do": every backend that can list visit types, places and clinicians does, and
// a patient sees them in a <visit-filter> inside a <booking-provider backend=…>, over real HTTP against the
// backend's contract server (test/servers/<backend>). Choosing narrows the other choices by the relation ids the
// backend gives, and a <slot-picker view="list"> under it asks the backend for the chosen ids.
import { expect, html } from '@open-wc/testing';
import type { BookingError } from '../../src/core/errors.js';
import type { AvailableTime, Slot, SlotQuery } from '../../src/core/model.js';
import type { ProviderOptions } from '../../src/core/provider.js';
import { localDate } from '../../src/core/time.js';
import type { BookingProviderElement } from '../../src/elements/booking-provider/booking-provider.js';
import type { VisitFilterElement } from '../../src/elements/visit-filter/visit-filter.js';
import {
  NOW,
  all,
  armFault,
  fold,
  type Fault,
  type LoggedRequest,
  mountProvider,
  nextEvent,
  one,
  serverLog,
  setUpTenant,
  slotButtons,
  slotName,
  slotsSettled,
  tenantName,
  until,
} from '../helpers.js';

/** One backend as a patient meets it: how to reach a fresh tenant, and what its lists must show. */
interface ListedBackend {
  backend: string;
  /** A fresh tenant and its `base-url`; `markup`: one whose clinician or place is named with markup. */
  tenant(markup?: boolean): Promise<{ name: string; baseUrl: string }>;
  patient?: string;
  options: ProviderOptions;
  /** The option texts of each field, without "Any …", in the backend's order. */
  services?: string[];
  locations?: string[];
  practitioners: string[];
  /** Choosing this clinician leaves these places (none: no place field) and visit types (where the backend says). */
  narrow: { practitioner: string; locations?: string[]; services?: string[] };
  /**
   * Choices that have times (ids), and whether the requests the server logged after the choice show the picker
   * asked for them (and, where the backend is asked per clinician, for no one else).
   */
  choice: { service?: string; location?: string; practitioner: string };
  asked?(since: (LoggedRequest & { body?: unknown })[], choice: ListedBackend['choice']): boolean;
  /** Where no request names the choice (static files): whether the times shown (their names) fit it. */
  shows?(names: string[]): boolean;
  start: string;
  /** The option text of the markup name in a `tenant(true)`, and its field. */
  markup?: { field: Field; text: string };
  /** A 500 on one list request. */
  listFault?: Fault;
  /** Which logged requests read a list (a key per list and page), where the lists cost requests. */
  listRead?(r: LoggedRequest): string | undefined;
}

const query = (r: LoggedRequest) => new URLSearchParams(r.query);
const MARKUP = '<img src=x onerror=alert(1)>';

const CANVAS_HARBOR = '5f3f2f5e-6c1b-4b8e-9a6f-1c2d3e4f5a61';
const CANVAS_DESERT = '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d52';
const CANVAS_NGUYEN = 'dbf184ad28a1408bbed184fc8fd2b029';
const SF_OFFICE = '08qHs000000WtA1AAK';
const SF_VIDEO = '08qHs000000WtV2AAK';
const SF_LAKESIDE = '0lzHs000000Lk01AAC';
const SF_RIVERSIDE = '0lzHs000000Lk02AAC';
const SF_ORTIZ = '0cmHs0000000Wh2AAE';
const SNAP_BOB = '53484dcc-83ea-4e9f-8af7-c93bbeb1445d';
const SNAP_LENA = '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

const BACKENDS: ListedBackend[] = [
  {
    backend: 'fhir',
    tenant: async () => {
      const name = tenantName('lists');
      return { name, baseUrl: `/mock/fhir/${name}` };
    },
    patient: 'pat-1',
    options: { locationTimeZones: { 'loc-chi': 'America/Chicago' } },
    services: ['Office visit', 'Video visit'],
    locations: [
      'Harbor Family Clinic, New York',
      'Desert Springs Clinic, Phoenix',
      'Lakeshore Clinic, Chicago',
      'Puget Sound Virtual Care, Seattle',
    ],
    practitioners: ['Dr. Ana Ruiz', MARKUP, 'Dr. Sam Lee', 'Dr. Chidi Okafor'],
    narrow: { practitioner: 'pr-okafor', locations: ['Puget Sound Virtual Care, Seattle'], services: ['Video visit'] },
    choice: { service: '448337001', location: 'loc-sea', practitioner: 'pr-okafor' },
    asked: (log, c) =>
      log.some(
        (r) =>
          r.path === '/Schedule' &&
          query(r).getAll('actor').join() === `Practitioner/${c.practitioner},Location/${c.location}` &&
          query(r).get('service-type') === c.service,
      ),
    start: '2026-03-06',
    // Every test tenant has a clinician named so (pr-xss, Phoenix).
    markup: { field: 'practitioner', text: MARKUP },
    listFault: { op: 'search', path: '/Schedule?', kind: 'status', status: 500, times: 1 },
    listRead: (r) => (['/Schedule', '/Practitioner', '/Location'].includes(r.path) ? `${r.path}${r.query}` : undefined),
  },
  {
    backend: 'canvas',
    tenant: async (markup) => {
      const name = tenantName(markup ? 'xss' : 'lists');
      return { name, baseUrl: `/mock/canvas/${name}` };
    },
    patient: 'a29eaebb284143ba97c76b01fdb46964',
    options: {
      getToken: 'canvas-test-token',
      scheduleLocations: { '1': CANVAS_HARBOR, '2': CANVAS_DESERT },
      locationTimeZones: { [CANVAS_HARBOR]: 'America/New_York', [CANVAS_DESERT]: 'America/Phoenix' },
      appointmentTypes: [
        { system: 'INTERNAL', code: 'OFFICE', display: 'Office Visit' },
        { system: 'http://snomed.info/sct', code: '448337001', display: 'Video visit', telehealth: true },
      ],
    },
    services: ['Office Visit', 'Video visit'],
    locations: ['Harbor Family Clinic, New York', 'Desert Springs Clinic, Phoenix'],
    practitioners: ['Dr. Ana Ruiz, MD', 'Dr. Linh Nguyen, DO', 'Night Nurse Line, RN'],
    narrow: { practitioner: CANVAS_NGUYEN, locations: ['Desert Springs Clinic, Phoenix'] },
    choice: { service: '448337001', location: CANVAS_DESERT, practitioner: CANVAS_NGUYEN },
    asked: (since, c) => {
      const slots = since.filter((r) => r.path === '/Slot').map((r) => query(r).get('schedule'));
      return slots.length > 0 && slots.every((schedule) => schedule === `Location.2-Staff.${c.practitioner}`);
    },
    start: '2026-03-03',
    markup: { field: 'practitioner', text: MARKUP },
    listFault: { op: 'practitioners', kind: 'status', status: 500, times: 1 },
    listRead: (r) => (['/Schedule', '/Practitioner', '/Location'].includes(r.path) ? `${r.path}${r.query}` : undefined),
  },
  {
    backend: 'salesforce',
    tenant: async () => {
      const name = await setUpTenant('salesforce', 'lists', { now: NOW });
      return { name, baseUrl: `/mock/salesforce/${name}` };
    },
    patient: '001Hs00000PaT01AAA',
    options: {
      getToken: async () => 'test-access-token',
      channelId: '0eFHs000000Ch01AAC',
      workTypeId: SF_OFFICE,
      workTypes: [
        { id: SF_OFFICE, name: 'Office Visit' },
        { id: SF_VIDEO, name: 'Video Visit', mode: 'video' },
      ],
      locations: [
        {
          id: SF_LAKESIDE,
          name: 'Lakeside Medical Center',
          timeZone: 'America/Chicago',
          address: { lines: [], city: 'Chicago' },
        },
        {
          id: SF_RIVERSIDE,
          name: 'Riverside Telehealth Center',
          timeZone: 'America/Chicago',
          address: { lines: [], city: 'Evanston' },
        },
      ],
      resources: [
        {
          id: '0cmHs0000000Wh1AAE',
          name: 'Dr. Grace Whitfield',
          specialty: 'Family medicine',
          locationId: SF_LAKESIDE,
        },
        { id: SF_ORTIZ, name: 'Dr. Samuel Ortiz', locationId: SF_RIVERSIDE, workTypeIds: [SF_VIDEO] },
        {
          id: '0cmHs0000000Wh3AAE',
          name: 'Dr. Ana Lindqvist',
          locationId: SF_LAKESIDE,
          workTypeIds: [SF_OFFICE, SF_VIDEO],
        },
      ],
    },
    services: ['Office Visit', 'Video Visit'],
    locations: ['Lakeside Medical Center, Chicago', 'Riverside Telehealth Center, Evanston'],
    practitioners: ['Dr. Grace Whitfield, Family medicine', 'Dr. Samuel Ortiz', 'Dr. Ana Lindqvist'],
    narrow: { practitioner: SF_ORTIZ, locations: ['Riverside Telehealth Center, Evanston'], services: ['Video Visit'] },
    choice: { service: SF_VIDEO, location: SF_RIVERSIDE, practitioner: SF_ORTIZ },
    asked: (since, c) =>
      since.some((r) => {
        const body = r.op === 'slots' ? (r.body as { resources?: { resourceId?: string }[]; workTypeId?: string }) : {};
        return body.resources?.map((x) => x.resourceId).join() === c.practitioner && body.workTypeId === c.service;
      }),
    start: '2026-03-03',
  },
  {
    backend: 'snapmd',
    tenant: async (markup) => {
      const clinicianNames = markup ? { [SNAP_BOB]: { name: MARKUP, lastName: '' } } : {};
      const name = await setUpTenant('snapmd', 'lists', { now: NOW, clinicianNames });
      return { name, baseUrl: `/mock/snapmd/${name}/api` };
    },
    patient: '5b4fd4d8-d234-40ee-bd7c-1894411c9b21',
    options: {
      developerId: 'careslot-dev',
      apiKey: 'careslot-key',
      getToken: async () => 'patient-token',
      timeZoneId: 1001,
      serviceTypeId: 307,
      concerns: [{ code: 2305, description: 'Fever (100+)' }],
      encounterTypeCodes: [3, 2],
    },
    services: ['Video visit', 'Phone call'],
    practitioners: ['Bob Ivonoff, Family Medicine', 'Lena Fischer, Internal Medicine'],
    // SnapMD lists no places, and says nothing of which clinician offers which visit type.
    narrow: { practitioner: SNAP_LENA, services: ['Video visit', 'Phone call'] },
    choice: { service: '2', practitioner: SNAP_LENA },
    asked: (since) => since.some((r) => r.path === '/api/v2.1/patients/appointments/self-scheduling/clinicians/6654'),
    start: '2026-03-03',
    markup: { field: 'practitioner', text: `${MARKUP}, Family Medicine` },
    listFault: {
      op: 'slots',
      path: '/api/v2.1/patients/appointments/self-scheduling/clinicians?searchRequest.date=2026-03-02&searchRequest.availableOnly=false',
      kind: 'status',
      status: 500,
      times: 1,
    },
    listRead: (r) => (r.path.endsWith('/self-scheduling/clinicians') ? `${r.path}${r.query}` : undefined),
  },
  {
    backend: 'smart-links',
    tenant: async (markup) => {
      const name = tenantName(markup ? 'xss' : 'lists');
      return { name, baseUrl: `/mock/smart-links/${name}` };
    },
    options: { stateTimeZones: { MA: 'America/New_York', CA: 'America/Los_Angeles', AZ: 'America/Phoenix' } },
    services: ['Immunization', 'Flu shot'],
    locations: [
      'Pharmacy ABC in Pittsfield, MA, Pittsfield',
      'Echo Park Community Clinic, Los Angeles',
      'Desert Walk-in Vaccines, Phoenix',
    ],
    practitioners: ['Kim Lee, RN'],
    narrow: {
      practitioner: 'nurse-lee',
      locations: ['Echo Park Community Clinic, Los Angeles'],
      services: ['Flu shot'],
    },
    choice: { service: 'flu-immunization', location: 'echo-park', practitioner: 'nurse-lee' },
    // The publisher's files are static: no request names the choice, the times shown do.
    shows: (names) => names.length > 0 && names.every((n) => n.includes('Kim Lee, RN')),
    start: '2026-03-03',
    markup: { field: 'location', text: `${MARKUP}, Los Angeles` },
    listFault: { op: 'schedules', kind: 'status', status: 500, times: 1 },
    listRead: (r) => r.path,
  },
];

type Field = 'service' | 'location' | 'practitioner';

/** A <booking-provider> for the backend with a <visit-filter> and a <slot-picker view="list"> under it. */
async function mountPage(b: ListedBackend, baseUrl: string, extra = html``, picker = true) {
  const root: BookingProviderElement = await mountProvider(
    html`<booking-provider
      backend=${b.backend}
      base-url=${baseUrl}
      patient=${b.patient ?? ''}
      now=${NOW}
      locale="en-US"
      .options=${b.options}
    >
      <visit-filter></visit-filter>
      ${extra} ${picker ? html`<slot-picker view="list" start=${b.start} days="3"></slot-picker>` : ''}
    </booking-provider>`,
  );
  return {
    root,
    filter: root.querySelector<VisitFilterElement>('visit-filter')!,
    picker: root.querySelector('slot-picker')!,
  };
}

const loaded = (el: Element) =>
  until(() => el.shadowRoot?.querySelector('select, [data-state="error"]'), 'the choices did not load', 8000);
const select = (el: Element, field: Field) => one<HTMLSelectElement>(el, `select#${field}`);
/** The option texts of a field, without "Any …"; undefined when the field is not shown. */
function options(el: Element, field: Field): string[] | undefined {
  const found = el.shadowRoot?.querySelector<HTMLSelectElement>(`select#${field}`);
  return found ? [...found.options].slice(1).map((o) => fold(o.textContent)) : undefined;
}

async function choose(el: VisitFilterElement, field: Field, id: string): Promise<void> {
  const target = select(el, field);
  expect(
    [...target.options].map((o) => o.value),
    `${field} offers ${id}`,
  ).to.include(id);
  target.value = id;
  target.dispatchEvent(new Event('change', { bubbles: true }));
  await el.updateComplete;
}

for (const b of BACKENDS) {
  describe(`lists: ${b.backend}`, function () {
    this.timeout(20_000);

    it('shows the visit types, places and clinicians the backend lists', async () => {
      const { baseUrl } = await b.tenant();
      const { filter } = await mountPage(b, baseUrl);
      await loaded(filter);
      expect(options(filter, 'service')).to.deep.equal(b.services);
      expect(options(filter, 'location')).to.deep.equal(b.locations);
      expect(options(filter, 'practitioner')).to.deep.equal(b.practitioners);
      await expect(filter).to.be.accessible();
    });

    it('narrows the places (and visit types) to the chosen clinician’s, and asks for the chosen ids', async () => {
      const { name, baseUrl } = await b.tenant();
      const { filter, picker } = await mountPage(b, baseUrl);
      await loaded(filter);
      await slotsSettled(picker);
      const before = (await serverLog(b.backend, name)).length;
      await choose(filter, 'practitioner', b.narrow.practitioner);
      expect(options(filter, 'location')).to.deep.equal(b.narrow.locations);
      expect(options(filter, 'service')).to.deep.equal(b.narrow.services ?? b.services);
      for (const field of ['service', 'location'] as const) {
        const id = b.choice[field];
        if (id && options(filter, field)) await choose(filter, field, id);
      }
      expect(filter.value).to.deep.include({ practitioner: b.choice.practitioner });
      const asked = b.asked;
      if (asked)
        await until(
          async () => asked((await serverLog(b.backend, name)).slice(before), b.choice),
          `the picker never asked ${b.backend} for ${JSON.stringify(b.choice)}`,
          8000,
        );
      const shows = b.shows;
      if (shows)
        await until(
          () => shows(slotButtons(picker).map(slotName)),
          `the picker shows other times than the choice's`,
          8000,
        );
    });

    if (b.markup) {
      const markup = b.markup;
      it('shows markup in a name from the backend as text', async () => {
        const { baseUrl } = await b.tenant(true);
        const { filter } = await mountPage(b, baseUrl, html``, false);
        await loaded(filter);
        expect(options(filter, markup.field)).to.include(markup.text);
        expect(filter.shadowRoot!.querySelector('img')).to.equal(null);
      });
    }

    if (b.listFault) {
      const fault = b.listFault;
      it('says what to do when a list fails (500), and Try again loads the choices', async () => {
        const { name, baseUrl } = await b.tenant();
        await armFault(b.backend, name, fault);
        // No picker: its own search could take the one armed failure.
        const { filter } = await mountPage(b, baseUrl, html``, false);
        await until(() => filter.shadowRoot?.querySelector('[data-state="error"]'), 'no error shown', 8000);
        expect(fold(one(filter, '[role="alert"]').textContent)).to.contain(
          'The clinic’s booking system is not available right now. Please try again in a few minutes.',
        );
        await expect(filter).to.be.accessible();
        one<HTMLButtonElement>(filter, 'button[part="retry"]').click();
        await until(() => all(filter, 'select').length > 0, 'Try again did not load the choices', 8000);
        expect(filter.shadowRoot!.querySelector('[role="alert"]')).to.equal(null);
        expect(options(filter, 'practitioner')?.length).to.be.greaterThan(0);
      });
    }
  });
}

describe('lists: fhir findAvailability', function () {
  this.timeout(20_000);

  const week: SlotQuery = { start: '2026-03-06T00:00:00.000Z', end: '2026-03-13T00:00:00.000Z' };
  const days = (times: (AvailableTime | Slot)[]) => times.map((t) => `${localDate(t.start, t.timeZone)} ${t.start}`);

  for (const elements of [true, false]) {
    it(`asks for start and schedule only and finds the times findSlots finds (${elements ? 'server subsets' : 'server ignores _elements'})`, async () => {
      const name = await setUpTenant('fhir', 'avail', { elements, pageSize: 100 });
      const root = await mountProvider(
        html`<booking-provider backend="fhir" base-url=${`/mock/fhir/${name}`} now=${NOW}></booking-provider>`,
      );
      const backend = root.activeBackend!;
      const times = await backend.findAvailability!(week);
      const slots = await backend.findSlots!(week);
      expect(times.length).to.be.greaterThan(10);
      expect(days(times)).to.deep.equal(days(slots));
      expect(times.map((t) => t.mode)).to.deep.equal(slots.map((s) => s.mode));
      const searches = (await serverLog('fhir', name)).filter((r) => r.path === '/Slot').map(query);
      expect(searches.map((q) => q.get('_elements'))).to.deep.equal(['start,schedule', null]);
      expect(searches[0].get('status')).to.equal('free');
      expect(searches[0].getAll('start')).to.deep.equal([`ge${week.start}`, `lt${week.end}`]);
    });
  }
});

describe('lists: cached per provider', function () {
  this.timeout(20_000);

  for (const b of BACKENDS) {
    const read = b.listRead;
    if (!read) continue;
    it(`${b.backend}: two filters on one page read each list once`, async () => {
      const { name, baseUrl } = await b.tenant();
      const { root } = await mountPage(b, baseUrl, html`<visit-filter fields="practitioner"></visit-filter>`, false);
      for (const filter of root.querySelectorAll('visit-filter')) await loaded(filter);
      const reads = (await serverLog(b.backend, name)).map(read).filter((key) => key !== undefined);
      expect(reads.length).to.be.greaterThan(0);
      expect(reads, 'a list read twice').to.deep.equal([...new Set(reads)]);
    });
  }
});

describe('lists: horizonDays', () => {
  for (const b of BACKENDS) {
    it(`${b.backend}: from the options, and refused when it is no positive number`, async () => {
      const { baseUrl } = await b.tenant();
      const root = await mountProvider(
        html`<booking-provider
          backend=${b.backend}
          base-url=${baseUrl}
          now=${NOW}
          .options=${{ ...b.options, horizonDays: 21 }}
        ></booking-provider>`,
      );
      expect(root.activeBackend!.horizonDays).to.equal(21);
      const failed = nextEvent<{ error: BookingError }>(root, 'booking-provider-error');
      root.options = { ...b.options, horizonDays: -1 };
      expect((await failed).error).to.include({ kind: 'validation' });
    });
  }
});
