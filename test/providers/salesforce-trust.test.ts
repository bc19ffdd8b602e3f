import { expect } from '@open-wc/testing';
import type { SalesforceOptions } from '../../src/providers/salesforce/index.js';
import {
  alertOf,
  chooseSlot,
  type Clinic,
  failBooking,
  mountBackendClinic,
  one,
  outcomeOf,
  serverLog as testLog,
  setUpTenant,
  slotButtons,
  text,
} from '../helpers.js';

// Salesforce requires a Facility participant (seed 003: "Patient and Facility are required"), and Get Slots
// names none. Against test/servers/salesforce/server.mjs; the clock is Monday 2 March 2026, 9:00 AM Chicago.
const NOW = '2026-03-02T15:00:00.000Z';
const PATIENT = '001Hs00000PaT01AAA';
const FACILITY_ID = '0lzHs000000Lk01AAC';
const WHITFIELD = '0cmHs0000000Wh1AAE';
const FAMILY = '/services/data/v66.0/connect/health/appointment-management';

const tenant = () => setUpTenant('salesforce', 'sf-trust', { now: NOW });
const serverLog = (name: string) => testLog<{ body: unknown }>('salesforce', name);

/** Options without any location: the clinic zone comes from `timeZone`, no facility from anywhere. */
function withoutLocations(extra: Partial<SalesforceOptions> = {}): SalesforceOptions {
  return {
    getToken: async () => 'test-access-token',
    workTypeId: '08qHs000000WtA1AAK',
    channelId: '0eFHs000000Ch01AAC',
    locations: [],
    timeZone: 'America/Chicago',
    resources: [{ id: WHITFIELD, name: 'Dr. Grace Whitfield' }],
    ...extra,
  };
}

function mount(name: string, options: SalesforceOptions): Promise<Clinic> {
  return mountBackendClinic('salesforce', `/mock/salesforce/${name}`, {
    practitioner: WHITFIELD,
    patient: PATIENT,
    options,
  });
}

describe('salesforce: the Facility participant', function () {
  this.timeout(20_000);

  it('refuses a time without a facility before the call: validation naming options.locations, nothing sent', async () => {
    const name = await tenant();
    const m = await mount(name, withoutLocations());
    const chosen = slotButtons(m.picker)[1].getAttribute('data-slot-id');
    const error = await failBooking(m, 1);
    expect(error.kind).to.equal('validation');
    expect(error.message).to.include('options.locations');
    expect(error.message).to.include('Facility');
    // No Book request left the browser.
    const books = (await serverLog(name)).filter((r) => r.method === 'POST' && r.path === `${FAMILY}/appointment`);
    expect(books).to.have.length(0);
    // The patient reads the clinic sentence, never the developer's text; the chosen time stays selected.
    expect(alertOf(m.button)).to.equal('The clinic could not accept this request online. Or call the clinic.');
    expect(text(m.button)).not.to.include('options.locations');
    expect(text(m.button)).not.to.include('Facility');
    expect(m.picker.value?.id).to.equal(chosen);
    expect(one(m.picker, '[part~="slot-selected"]').getAttribute('data-slot-id')).to.equal(chosen);
  });

  it("books with Facility/<the resource's locationId> when no location of the options has that id", async () => {
    const name = await tenant();
    const m = await mount(
      name,
      withoutLocations({ resources: [{ id: WHITFIELD, name: 'Dr. Grace Whitfield', locationId: FACILITY_ID }] }),
    );
    await chooseSlot(m);
    const outcome = outcomeOf(m.button);
    one<HTMLButtonElement>(m.button, 'button[part="button"]').click();
    expect(await outcome).to.equal('booked');
    const post = (await serverLog(name)).find((r) => r.method === 'POST' && r.path === `${FAMILY}/appointment`)!;
    expect((post.body as { participants: unknown }).participants).to.deep.equal([
      { reference: `Patient/${PATIENT}` },
      { reference: `Facility/${FACILITY_ID}` },
      { reference: `Practitioner/${WHITFIELD}`, isReferenceRequired: true },
    ]);
    expect(post.status).to.equal(200);
    expect(text(m.button)).to.include('Booked: 9:30 AM CST');
  });

  it('the contract server answers a Book without Facility with 400 REQUIRED_FIELD_MISSING, as documented', async () => {
    const name = await tenant();
    const response = await fetch(`/mock/salesforce/${name}${FAMILY}/appointment`, {
      method: 'POST',
      headers: { Authorization: 'Bearer test-access-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        startDate: '2026-03-02T15:30:00.000Z',
        endDate: '2026-03-02T16:00:00.000Z',
        workTypeId: '08qHs000000WtA1AAK',
        channelId: '0eFHs000000Ch01AAC',
        timeZone: 'America/Chicago',
        participants: [
          { reference: `Patient/${PATIENT}` },
          { reference: `Practitioner/${WHITFIELD}`, isReferenceRequired: true },
        ],
      }),
    });
    expect(response.status).to.equal(400);
    expect(await response.json()).to.deep.equal([
      {
        errorCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required field is missing: participants (Facility). Patient and Facility are required.',
      },
    ]);
    // Nothing was booked: the time is still offered.
    const slots = await fetch(`/mock/salesforce/${name}${FAMILY}/slots`, {
      method: 'POST',
      headers: { Authorization: 'Bearer test-access-token', 'Content-Type': 'application/json' },
      body: JSON.stringify({
        resources: [{ resourceId: WHITFIELD, resourceType: 'Provider' }],
        workTypeId: '08qHs000000WtA1AAK',
        channelId: '0eFHs000000Ch01AAC',
        startDate: '2026-03-02T15:00:00Z',
        endDate: '2026-03-02T17:00:00Z',
      }),
    });
    const answer = (await slots.json()) as { resourceSlotDetails: { availableSlots: { slotStartDate: string }[] }[] };
    expect(answer.resourceSlotDetails[0].availableSlots.map((s) => s.slotStartDate)).to.include('2026-03-02T15:30:00Z');
  });
});
