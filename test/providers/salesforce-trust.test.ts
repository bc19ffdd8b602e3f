import { expect } from '@open-wc/testing';
import { setUpTenant } from '../helpers.js';

// Salesforce requires a Facility participant (seed 003: "Patient and Facility are required"), and Get Slots
// names none. Against test/servers/salesforce/server.mjs; the clock is Monday 2 March 2026, 9:00 AM Chicago.
const NOW = '2026-03-02T15:00:00.000Z';
const PATIENT = '001Hs00000PaT01AAA';
const WHITFIELD = '0cmHs0000000Wh1AAE';
const FAMILY = '/services/data/v66.0/connect/health/appointment-management';

const tenant = () => setUpTenant('salesforce', 'sf-trust', { now: NOW });

describe('salesforce: the Facility participant', function () {
  this.timeout(20_000);

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
