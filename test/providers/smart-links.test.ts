import { expect, html } from '@open-wc/testing';
import sinon from 'sinon';
import type { BookingError } from '../../src/core/errors.js';
import { SmartLinksProvider, deepLinkUrl, manifestUrl, maxAgeSeconds } from '../../src/providers/smart-links/index.js';
import {
  NOW,
  all,
  errorSentence,
  expectPatientSentence,
  mountClinic,
  one,
  pickerError,
  rejection,
  armFault,
  type Fault,
  serverLog,
  slotName,
  slotsOf,
  tenantName,
  text,
  timesByDay,
  until,
} from '../helpers.js';

// The contract server is test/servers/smart-links/server.mjs; every test uses its own tenant (publisher). This file
// keeps what is special to SMART Scheduling Links; the cases every backend shares are in smart-links.conformance.test.ts.
const tenant = (prefix = 'sl') => tenantName(prefix);

function options(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    source: 'careslot-test',
    bookingReferral: 'ref-123',
    stateTimeZones: { MA: 'America/New_York', CA: 'America/Los_Angeles' },
    locationTimeZones: { 'phoenix-walk-in': 'America/Phoenix' },
    ...extra,
  };
}

interface Mount {
  tenant: string;
  location?: string;
  service?: string;
  start?: string;
  days?: number;
  now?: string;
  options?: Record<string, unknown>;
  baseUrl?: string;
}

async function publisher(m: Mount) {
  return mountClinic(
    html`<booking-provider
      backend="smart-links"
      base-url=${m.baseUrl ?? `/mock/smart-links/${m.tenant}`}
      now=${m.now ?? NOW}
      .options=${m.options ?? options()}
    >
      <slot-picker
        view="list"
        location=${m.location ?? ''}
        service=${m.service ?? ''}
        start=${m.start ?? '2026-03-03'}
        days=${m.days ?? 1}
      ></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list></appointment-list>
    </booking-provider>`,
  );
}

/** Arms a fault on the tenant; once unless it says `times`. */
const fault = (t: string, f: Fault) => armFault('smart-links', t, { times: 1, ...f });
/** The requests the tenant received, as "METHOD /path?query" lines. */
const requestLines = async (t: string) =>
  (await serverLog('smart-links', t)).map((r) => `${r.method} ${r.path}${r.query}`);

/** Records window.open calls instead of opening tabs. */
function stubOpen(): { urls: string[]; restore: () => void } {
  const original = window.open;
  const urls: string[] = [];
  window.open = ((url?: string | URL) => {
    urls.push(String(url));
    return null;
  }) as typeof window.open;
  return { urls, restore: () => (window.open = original) };
}

async function choose(button: Element, slot: HTMLButtonElement): Promise<void> {
  slot.click();
  await (button as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
}

describe('smart-links backend (contract server over HTTP)', () => {
  it('reads the spec example slot with its short "-05" offset, and shows slot-capacity as availability', async () => {
    const { picker } = await publisher({
      tenant: tenant(),
      location: '123',
      start: '2021-03-10',
      now: '2021-03-09T12:00:00.000Z',
    });
    await slotsOf(picker);
    expect(timesByDay(picker)).to.deep.equal([['9:00 AM EST', '3:00 PM EST']]);
    const [aggregate, example] = all(picker, 'button.slot');
    expect(example.dataset.slotId).to.equal('789');
    expect(slotName(example)).to.match(
      /^3:00 PM EST, Wednesday, March 10, 2021, 12:00 PM your time, Pharmacy ABC in Pittsfield, MA, In person$/,
    );
    expect(aggregate.textContent).to.contain('100 places');
    expect(slotName(aggregate)).to.contain('100 places left');
  });

  it('shows 9:00 AM clinic time on both sides of the DST change (local offsets and Z times)', async () => {
    const ma = await publisher({ tenant: tenant(), location: '123', start: '2026-03-07', days: 3 });
    await slotsOf(ma.picker);
    const rows = timesByDay(ma.picker);
    expect(rows.map((r) => r[0])).to.deep.equal(['9:00 AM EST', '9:00 AM EDT', '9:00 AM EDT']);
    // 09:00-11:40 every 20 minutes, the 11:40 one busy (not offered).
    expect(rows.map((r) => r.length)).to.deep.equal([8, 8, 8]);
    const la = await publisher({
      tenant: tenant(),
      location: 'echo-park',
      service: 'covid19-immunization',
      start: '2026-03-07',
      days: 2,
    });
    await slotsOf(la.picker);
    expect(timesByDay(la.picker)).to.deep.equal([
      ['10:00 AM PST', '10:30 AM PST', '11:00 AM PST', '11:30 AM PST'],
      ['10:00 AM PDT', '10:30 AM PDT', '11:00 AM PDT', '11:30 AM PDT'],
    ]);
  });

  it('opens the booking deep link with source and booking-referral appended after its own query', async () => {
    const open = stubOpen();
    try {
      const { picker, button } = await publisher({ tenant: tenant(), location: '123' });
      await choose(button, (await slotsOf(picker))[0]);
      one(button, 'button').click();
      const expected =
        'https://ehr-portal.example.org/bookings?slot=456-2026-03-03-0900&source=careslot-test&booking-referral=ref-123';
      await until(() => open.urls.length === 1, 'window.open');
      expect(open.urls[0]).to.equal(expected);
      await until(() => text(button).includes("Booking continues on the clinic's site."), 'redirect message');
      expect(one<HTMLAnchorElement>(button, '[part="status"] a').href).to.equal(expected);
    } finally {
      open.restore();
    }
  });

  it('adds a "?" to a deep link without a query, and keeps a fragment last', async () => {
    const open = stubOpen();
    try {
      const covid = await publisher({ tenant: tenant(), location: 'echo-park', service: 'covid19-immunization' });
      await choose(covid.button, (await slotsOf(covid.picker))[0]);
      one(covid.button, 'button').click();
      await until(() => open.urls.length === 1, 'window.open');
      expect(open.urls[0]).to.equal(
        'https://book.example.org/echo-park/echo-covid-2026-03-03-1000?source=careslot-test&booking-referral=ref-123',
      );

      const flu = await publisher({
        tenant: tenant(),
        service: 'flu-immunization',
        options: options({ bookingReferral: undefined }),
      });
      const slot = (await slotsOf(flu.picker))[0];
      expect(slotName(slot)).to.contain('Kim Lee, RN').and.contain('Echo Park Community Clinic');
      await choose(flu.button, slot);
      one(flu.button, 'button').click();
      await until(() => open.urls.length === 2, 'second window.open');
      expect(open.urls[1]).to.match(
        /^https:\/\/book\.example\.org\/echo-park\/flu\?slot=echo-flu-2026-03-03-1400&lang=en&source=careslot-test&booking-referral=[0-9a-f-]{36}#start$/,
      );
    } finally {
      open.restore();
    }
  });

  it('shows "Call <number> to book this time" for a slot with only booking-phone', async () => {
    const open = stubOpen();
    try {
      const { picker, button } = await publisher({ tenant: tenant(), location: 'phoenix-walk-in' });
      const slot = (await slotsOf(picker))[0];
      expect(slotName(slot)).to.match(
        /^8:00 AM MST, Tuesday, March 3, 2026, 7:00 AM your time, Desert Walk-in Vaccines/,
      );
      await choose(button, slot);
      expect(text(button)).to.contain('Call 602-555-0100 to book this time.');
      expect(one<HTMLAnchorElement>(button, 'a').getAttribute('href')).to.equal('tel:6025550100');
      expect(all(button, 'button')).to.have.length(0);
      expect(open.urls).to.have.length(0);
    } finally {
      open.restore();
    }
  });

  it('shows slot-capacity as "N places", not as one seat', async () => {
    const { picker } = await publisher({ tenant: tenant(), location: '123' });
    const slots = await slotsOf(picker);
    const aggregated = slots[2];
    expect(aggregated.textContent).to.contain('3 places');
    expect(slotName(aggregated)).to.contain('9:40 AM EST').and.contain('3 places left');
    expect(slots[0].textContent).not.to.contain('places');
  });

  it('honours Cache-Control max-age: a second findSlots within it makes no request', async () => {
    const t = tenant();
    const { picker } = await publisher({ tenant: t, location: '123' });
    await slotsOf(picker);
    const first = await requestLines(t);
    expect(first[0]).to.equal('GET /$bulk-publish');
    expect([...first.slice(1)].sort()).to.deep.equal([
      'GET /locations.ndjson',
      'GET /schedules.ndjson',
      'GET /slots-AZ.ndjson',
      'GET /slots-CA.ndjson',
      'GET /slots-MA.ndjson',
    ]);
    expect(first).to.have.length(6);
    picker.setAttribute('start', '2026-03-05');
    await until(() => text(picker).includes('Thursday, March 5, 2026'), 'next days shown');
    expect(await requestLines(t)).to.have.length(6);

    // A publisher that says no-cache is asked again.
    const n = tenant('nocache');
    const again = await publisher({ tenant: n, location: '123' });
    await slotsOf(again.picker);
    again.picker.setAttribute('start', '2026-03-05');
    await until(() => text(again.picker).includes('Thursday, March 5, 2026'), 'next days shown');
    expect(await requestLines(n)).to.have.length(12);
  });

  it('reads only the Slot files of the wanted states, and accepts the manifest URL itself as base-url', async () => {
    const t = tenant();
    const { picker } = await publisher({
      tenant: t,
      baseUrl: `/mock/smart-links/${t}/$bulk-publish`,
      location: '123',
      options: options({ states: ['ma'] }),
    });
    await slotsOf(picker);
    const requests = await requestLines(t);
    expect(requests).to.include('GET /slots-MA.ndjson');
    expect(requests).not.to.include('GET /slots-CA.ndjson');
  });

  it('streams the NDJSON files from response.body (never reads them whole)', async () => {
    const wholeReads: string[] = [];
    const proto = Response.prototype;
    const originals = { text: proto.text, json: proto.json, arrayBuffer: proto.arrayBuffer, blob: proto.blob };
    for (const name of Object.keys(originals) as (keyof typeof originals)[]) {
      const original = originals[name] as (this: Response) => Promise<unknown>;
      (proto as unknown as Record<string, unknown>)[name] = function (this: Response) {
        if (this.url.endsWith('.ndjson')) wholeReads.push(`${name} ${this.url}`);
        return original.call(this);
      };
    }
    try {
      const { picker } = await publisher({ tenant: tenant(), location: '123' });
      await slotsOf(picker);
    } finally {
      Object.assign(proto, originals);
    }
    expect(wholeReads).to.deep.equal([]);
  });

  /** Mounts a publisher page whose slot search fails; the picker and the error it got (the developer's). */
  async function searchFails(m: Mount): Promise<{ picker: Element; error: BookingError }> {
    const search = sinon.spy(SmartLinksProvider.prototype, 'findSlots');
    try {
      const { picker } = await publisher(m);
      await until(() => pickerError(picker), 'the picker shows no error', 8000);
      return { picker, error: await rejection(search) };
    } finally {
      search.restore();
    }
  }

  it('gives up on a slow file after timeoutMs: the patient sentence, the configured time in the error detail', async () => {
    const t = tenant();
    await fault(t, { path: '/slots-CA', kind: 'slow', delayMs: 2500 });
    const { picker, error } = await searchFails({ tenant: t, location: '123', options: options({ timeoutMs: 600 }) });
    expect(error.kind).to.equal('timeout');
    expect(errorSentence(picker)).to.equal('The clinic took too long to answer. Please try again.');
    expectPatientSentence(picker, error, 'The slot publisher did not answer within 600 ms.');
  });

  it('says so in the error detail when a file is not NDJSON; the patient reads the sentence of its kind', async () => {
    const u = tenant();
    await fault(u, {
      path: '/schedules.ndjson',
      kind: 'raw',
      status: 200,
      body: '<html>maintenance</html>\n<p>back soon</p>\n',
    });
    const { picker, error } = await searchFails({ tenant: u, location: '123' });
    expect(error.kind).to.equal('malformed-response');
    expectPatientSentence(picker, error, "The slot publisher's Schedule file is not NDJSON");
  });

  it('builds URLs as the spec says (helpers)', () => {
    expect(
      deepLinkUrl(
        'https://ehr-portal.example.org/bookings?slot=opaque-slot-handle-89172489',
        'source-abc',
        '34d1a803-cd6c-4420-9cf5-c5edcc533538',
      ),
    ).to.equal(
      'https://ehr-portal.example.org/bookings?slot=opaque-slot-handle-89172489&source=source-abc&booking-referral=34d1a803-cd6c-4420-9cf5-c5edcc533538',
    );
    expect(deepLinkUrl('https://x.example/book?', 'a b', 'r&1')).to.equal(
      'https://x.example/book?source=a%20b&booking-referral=r%261',
    );
    expect(deepLinkUrl('javascript:alert(1)', 's', 'r')).to.equal(undefined);
    expect(manifestUrl('https://pub.example/pd')).to.equal('https://pub.example/pd/$bulk-publish');
    expect(manifestUrl('https://pub.example/pd/')).to.equal('https://pub.example/pd/$bulk-publish');
    expect(manifestUrl('https://pub.example/pd/$bulk-publish')).to.equal('https://pub.example/pd/$bulk-publish');
    expect(maxAgeSeconds('public, max-age=300')).to.equal(300);
    expect(maxAgeSeconds('no-cache')).to.equal(0);
    expect(maxAgeSeconds(null)).to.equal(undefined);
  });
});
