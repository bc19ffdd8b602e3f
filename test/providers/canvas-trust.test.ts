import { expect, html } from '@open-wc/testing';
import sinon from 'sinon';
import { CanvasProvider } from '../../src/providers/canvas/index.js';
import {
  alertOf,
  armFault,
  bookSlot,
  fold,
  listItems,
  listLoaded,
  mountClinic,
  NOW,
  rejection,
  serverLog,
  setUpTenant,
  slotButtons,
  slotName,
  slotsOf,
  text,
  until,
} from '../helpers.js';

// The `canvas` adapter against its contract server (test/servers/canvas/server.mjs): a booked visit keeps the zone
// its slot was shown in whichever documented key names the clinic, and Bundle `next` links are only followed on
// the FHIR root's own origin. The browser runs in America/Los_Angeles.

const TOKEN = 'canvas-test-token';
const NGUYEN = 'dbf184ad28a1408bbed184fc8fd2b029';
const DESERT = '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d52';

async function clinic(tenant: string, options: Record<string, unknown>) {
  return mountClinic(
    html`<booking-provider
      backend="canvas"
      base-url=${`/mock/canvas/${tenant}`}
      patient="a29eaebb284143ba97c76b01fdb46964"
      now=${NOW}
      locale="en-US"
      .options=${{ getToken: async () => TOKEN, ...options }}
    >
      <slot-picker view="list" practitioner=${NGUYEN} start="2026-03-10" days="1"></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list></appointment-list>
    </booking-provider>`,
  );
}

describe('canvas trust: the zone of a booked visit', function () {
  this.timeout(20_000);

  // Dr. Nguyen's clinic is `Location.2-…` in her schedule id and Location uuid DESERT in the directory; the page
  // maps the one to the other (`scheduleLocations`) and names its zone under either key. A default zone that is
  // neither the clinic's nor the browser's makes a lost key visible.
  for (const [label, zones] of [
    ['keyed by the schedule number', { '2': 'America/Los_Angeles' }],
    ['keyed by the Location uuid', { [DESERT]: 'America/Los_Angeles' }],
  ] as const) {
    it(`shows the booked visit at the time its slot showed (${label})`, async () => {
      const tenant = await setUpTenant('canvas', 'cv-zone', {});
      const c = await clinic(tenant, {
        locationTimeZones: zones,
        scheduleLocations: { '2': DESERT },
        defaultTimeZone: 'America/New_York',
        durationMinutes: 15,
      });
      await slotsOf(c.picker);
      const index = slotButtons(c.picker).findIndex((b) => slotName(b).startsWith('8:45 AM PDT, Tuesday, March 10'));
      expect(index, slotButtons(c.picker).map(slotName).join(' | ')).to.be.greaterThan(-1);

      const appointment = await bookSlot(c, index);
      expect(appointment).to.include({ start: '2026-03-10T15:45:00.000Z', timeZone: 'America/Los_Angeles' });
      await until(() => text(c.button).includes('Booked: 8:45 AM PDT, Tuesday, March 10, 2026'), 'no Booked text');

      await listLoaded(c.list);
      // The new visit: Dr. Nguyen on March 10 (Dr. Ruiz has another visit that day in New York).
      const booked = () =>
        listItems(c.list).find(
          (li) => /Tuesday, March 10, 2026/.test(li.textContent ?? '') && /Nguyen/.test(li.textContent ?? ''),
        );
      await until(booked, 'the booked visit is not listed');
      const item = booked()!;
      expect(fold(item.querySelector('[part="when"] [aria-hidden="true"]')?.textContent)).to.equal(
        'Tuesday, March 10, 2026, 8:45 AM PDT',
      );
      expect(fold(item.textContent)).to.not.include('EDT');
    });
  }
});

describe('canvas trust: Bundle next links', function () {
  this.timeout(20_000);
  afterEach(() => sinon.restore());

  it('refuses a next link to another origin with a clear error and sends no request there', async () => {
    const tenant = await setUpTenant('canvas', 'cv-next', {});
    // The same test server under another host name: another origin.
    const host = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const elsewhere = `${location.protocol}//${host}:${location.port}`;
    const foreign = `${elsewhere}/mock/canvas/${tenant}-elsewhere/Appointment?_count=10&_offset=10`;
    await armFault('canvas', tenant, {
      op: 'list',
      kind: 'raw',
      status: 200,
      times: 1,
      body: JSON.stringify({
        resourceType: 'Bundle',
        type: 'searchset',
        total: 20,
        link: [{ relation: 'next', url: foreign }],
        entry: [],
      }),
    });
    const fetches = sinon.spy(window, 'fetch');
    const listing = sinon.spy(CanvasProvider.prototype, 'listAppointments');
    const c = await clinic(tenant, { defaultTimeZone: 'America/New_York' });
    await listLoaded(c.list);
    expect(alertOf(c.list)).to.include(
      'Something went wrong on the clinic’s side. Please try again. Or call the clinic.',
    );
    const error = await rejection(listing);
    expect(error).to.include({ kind: 'malformed-response' });
    expect(error.message).to.equal(
      `Canvas sent a next-page link to another site (${elsewhere}); careslot did not follow it.`,
    );
    // The bearer token went nowhere else: no request left for the other origin.
    const urls = fetches
      .getCalls()
      .map((call) => String(call.args[0] instanceof Request ? call.args[0].url : call.args[0]));
    expect(urls.filter((u) => u.startsWith(elsewhere))).to.deep.equal([]);
    expect(urls.some((u) => u.includes(`/mock/canvas/${tenant}/Appointment?`))).to.equal(true);
    expect(await serverLog('canvas', `${tenant}-elsewhere`)).to.deep.equal([]);
  });
});
