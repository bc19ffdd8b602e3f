import { expect } from '@open-wc/testing';
import type { SnapmdOptions } from '../../src/providers/snapmd/index.js';
import {
  bookSlot,
  type Clinic,
  fold,
  listItem,
  mountBackendClinic,
  serverLog as testLog,
  setUpTenant,
  text,
  until,
} from '../helpers.js';

// SnapMD reads a booking's plain startTime/endTime "in current user time zone" (seed 001): the zone of the
// SnapMD user whose token makes the call, here the patient (v3/patients). careslot sends them in the patient's
// zone (the browser's, America/Los_Angeles, unless options.userTimeZone/userTimeZoneId say otherwise) and reads
// answer times without an offset the same way. Against test/servers/snapmd/server.mjs: the clinic is in New York
// (Bob Ivonoff works 2–6 PM Eastern); the clock is Monday 2 March 2026, 10:00 AM Eastern, 7:00 AM Pacific.
const NOW = '2026-03-02T15:00:00.000Z';
const PATIENT = '5b4fd4d8-d234-40ee-bd7c-1894411c9b21';
const BOB = '53484dcc-83ea-4e9f-8af7-c93bbeb1445d';

interface Posted {
  body: { startTime?: string; endTime?: string; zonedTime?: unknown };
}

/** A tenant whose patient profile is in `profileZone`; `naiveTimes`: answers carry times without offset. */
const tenant = (setup: { profileZone: string; naiveTimes?: boolean }) =>
  setUpTenant('snapmd', 'snap-trust', { now: NOW, ...setup });

function options(extra: Partial<SnapmdOptions> = {}): SnapmdOptions {
  return {
    developerId: 'careslot-dev',
    apiKey: 'careslot-key',
    getToken: async () => 'patient-token',
    timeZoneId: 1001, // the server's (made-up) id of Eastern Standard Time: the clinic
    serviceTypeId: 307,
    concerns: [{ code: 2305, description: 'Fever (100+)' }],
    ...extra,
  };
}

function mount(name: string, opts: SnapmdOptions = options()): Promise<Clinic> {
  return mountBackendClinic('snapmd', `/mock/snapmd/${name}/api`, {
    practitioner: BOB,
    patient: PATIENT,
    options: opts,
  });
}

async function createBody(name: string): Promise<Posted['body']> {
  const post = (await testLog<Posted>('snapmd', name)).find((r) => r.method === 'POST')!;
  expect(post.status).to.equal(200);
  return post.body;
}

describe('snapmd: times "in current user time zone"', function () {
  this.timeout(20_000);

  it("sends the plain startTime/endTime in the patient's zone and zonedTime in the clinic's", async () => {
    const name = await tenant({ profileZone: 'America/Los_Angeles' });
    const m = await mount(name);
    await bookSlot(m);
    const body = await createBody(name);
    // 19:00 Z is 2:00 PM at the clinic (zonedTime, id 1001) and 11:00 AM for the patient (plain times).
    expect(body.startTime).to.equal('2026-03-02T11:00:00');
    expect(body.endTime).to.equal('2026-03-02T11:15:00');
    expect(body.zonedTime).to.deep.equal({
      timeZoneId: 1001,
      startTime: '2026-03-02T14:00:00',
      endTime: '2026-03-02T14:15:00',
    });
    expect(text(m.button)).to.include('Booked: 11:00 AM PST');
  });

  it('shows a booked visit and the list at the right time when SnapMD answers times without an offset', async () => {
    const name = await tenant({ profileZone: 'America/Los_Angeles', naiveTimes: true });
    const m = await mount(name);
    const appointment = await bookSlot(m);
    expect(text(m.button)).to.include('Booked: 11:00 AM PST');
    expect(appointment).to.include({ start: '2026-03-02T19:00:00.000Z', end: '2026-03-02T19:15:00.000Z' });
    await until(() => text(m.list).includes('11:00 AM PST'), 'the booking is not listed at 11:00 AM PST');
    // The seed's appointment, 5:48 PM Eastern tomorrow, answered as "2026-03-03T14:48:00" (Pacific).
    expect(fold(listItem(m.list, 'Tuesday, March 3, 2026').textContent)).to.include('2:48 PM PST');
    expect(text(m.list)).not.to.include('8:00 AM PST');
  });

  it('uses options.userTimeZoneId when the SnapMD profile is in another zone than the browser', async () => {
    const name = await tenant({ profileZone: 'America/Chicago', naiveTimes: true });
    // 1002: the server's (made-up) id of Central Standard Time, resolved through GET v2/timezones.
    const m = await mount(name, options({ userTimeZoneId: 1002 }));
    await bookSlot(m);
    const body = await createBody(name);
    expect(body.startTime).to.equal('2026-03-02T13:00:00');
    expect(body.endTime).to.equal('2026-03-02T13:15:00');
    // The answer's "2026-03-02T13:00:00" is Chicago time: still 11:00 AM for the patient in Los Angeles.
    expect(text(m.button)).to.include('Booked: 11:00 AM PST');
    await until(() => text(m.list).includes('11:00 AM PST'), 'the booking is not listed at 11:00 AM PST');
  });
});
