import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { FhirProvider } from '../../src/providers/fhir/index.js';
import {
  alertOf,
  armFault,
  chooseSlot,
  type Clinic,
  listLoaded,
  mountBackendClinic,
  one,
  outcomeOf,
  rejection,
  serverLog,
  setUpTenant,
  slotButtons,
  slotName,
  text,
  until,
} from '../helpers.js';

// The `fhir` adapter without `$book` when the answer to its Slot claim is lost, and the shared same-origin check
// of Bundle `next` links. The contract server (test/servers/fhir/server.mjs) is Medplum's real FHIR engine
// (@medplum/fhir-router) over HTTP, so these run against both at once. Plain tenants offer no $hold/$book.

const SLOT = 'sl-ruiz-20260303-0900';
const IDENTIFIER_SYSTEM = 'urn:careslot:booking';

interface FhirSlotJson {
  status: string;
  extension?: { url: string; valueString?: string }[];
}
interface FhirAppointmentJson {
  id: string;
  status: string;
  identifier?: { system: string; value: string }[];
}

async function readJson<T>(url: string): Promise<T> {
  return (await (await fetch(url)).json()) as T;
}

const slotOf = (tenant: string) => readJson<FhirSlotJson>(`/mock/fhir/${tenant}/Slot/${SLOT}`);

/** Every Appointment on the slot, as the server holds them. */
async function appointmentsOnSlot(tenant: string): Promise<FhirAppointmentJson[]> {
  const bundle = await readJson<{ entry?: { resource: FhirAppointmentJson }[] }>(
    `/mock/fhir/${tenant}/Appointment?slot=Slot/${SLOT}`,
  );
  return (bundle.entry ?? []).map((e) => e.resource);
}

/** A clinic page for Dr. Ana Ruiz (New York) on 2026-03-02/03 with a short per-call time limit. */
const clinic = (tenant: string) =>
  mountBackendClinic('fhir', `/mock/fhir/${tenant}`, {
    practitioner: 'pr-ruiz',
    patient: 'pat-1',
    options: { timeoutMs: 600 },
  });

/** Chooses Tuesday 9:00 AM EST and presses Book; 'booked' or the kind of the failure. */
async function pressBook(c: Clinic): Promise<string> {
  const index = slotButtons(c.picker).findIndex((b) => slotName(b).startsWith('9:00 AM EST, Tuesday, March 3, 2026'));
  expect(index, 'Tuesday 9:00 AM is offered').to.be.greaterThan(-1);
  await chooseSlot(c, index);
  const outcome = outcomeOf(c.button);
  one<HTMLButtonElement>(c.button, 'button[part="button"]').click();
  return outcome;
}

/** Presses Book again on the same choice (the selection and its idempotency key are kept across a timeout). */
async function pressBookAgain(c: Clinic): Promise<string> {
  await until(
    () => one(c.button, 'button[part="button"]').getAttribute('aria-disabled') === 'false',
    'the book button is not ready again',
  );
  const outcome = outcomeOf(c.button);
  one<HTMLButtonElement>(c.button, 'button[part="button"]').click();
  return outcome;
}

describe('fhir trust: a lost answer to the Slot claim (no $book)', function () {
  this.timeout(30_000);

  for (const guard of [true, false]) {
    const server = guard ? 'with the double-booking guard' : 'a plain server without the guard';

    it(`gives the Slot back when the claim's answer is lost, and the retry books it once (${server})`, async () => {
      const tenant = await setUpTenant('fhir', 'plain-claim', { guard });
      // The server marks the Slot busy, but its answer arrives after the adapter has given up (600 ms).
      await armFault('fhir', tenant, { path: `/Slot/${SLOT}`, method: 'PUT', kind: 'late', delayMs: 1500, times: 1 });
      const c = await clinic(tenant);

      expect(await pressBook(c)).to.equal('timeout');
      await until(() => alertOf(c.button), 'no error shown');
      expect(alertOf(c.button)).to.equal('The clinic took too long to answer. Please try again.');
      // No Appointment came of the claim, so the time is not lost to everyone: the Slot is free again.
      const released = await slotOf(tenant);
      expect(released.status).to.equal('free');
      expect(released.extension ?? [], 'the claim mark is gone').to.deep.equal([]);
      expect(await appointmentsOnSlot(tenant)).to.have.length(0);

      expect(await pressBookAgain(c)).to.equal('booked');
      await until(() => text(c.button).includes('Booked: 9:00 AM EST, Tuesday, March 3, 2026'), 'no Booked text');
      const stored = await appointmentsOnSlot(tenant);
      expect(stored.map((a) => a.status)).to.deep.equal(['booked']);
      expect(stored[0].identifier?.[0]?.system).to.equal(IDENTIFIER_SYSTEM);
      // The busy Slot says whose claim it is: the booking's identifier, the same as on the Appointment.
      const claimed = await slotOf(tenant);
      expect(claimed.status).to.equal('busy');
      expect(claimed.extension).to.deep.equal([
        { url: 'urn:careslot:slot-claim', valueString: `${IDENTIFIER_SYSTEM}|${stored[0].identifier?.[0]?.value}` },
      ]);
      await until(() => text(c.list).includes('Tuesday, March 3, 2026, 9:00 AM EST'), 'the visit is not listed');
    });

    it(`continues its own claim on retry when the Slot could not be given back (${server})`, async () => {
      const tenant = await setUpTenant('fhir', 'plain-claim', { guard });
      await armFault('fhir', tenant, [
        // The claim is applied and its answer lost …
        { path: `/Slot/${SLOT}`, method: 'PUT', kind: 'late', delayMs: 1500, times: 1 },
        // … and giving the Slot back fails too: it stays busy with no Appointment.
        { path: `/Slot/${SLOT}`, method: 'PUT', kind: 'status', status: 503, times: 1 },
      ]);
      const c = await clinic(tenant);

      expect(await pressBook(c)).to.equal('timeout');
      expect((await slotOf(tenant)).status).to.equal('busy');
      expect(await appointmentsOnSlot(tenant)).to.have.length(0);

      // The retry recognises the busy Slot as its own claim: no "no longer available", one Appointment.
      expect(await pressBookAgain(c)).to.equal('booked');
      await until(() => text(c.button).includes('Booked: 9:00 AM EST, Tuesday, March 3, 2026'), 'no Booked text');
      expect(alertOf(c.button)).to.equal('');
      const stored = await appointmentsOnSlot(tenant);
      expect(stored.map((a) => a.status)).to.deep.equal(['booked']);
      expect((await slotOf(tenant)).status).to.equal('busy');
      const log = await serverLog('fhir', tenant);
      expect(log.filter((r) => r.method === 'POST' && r.path === '/Appointment')).to.have.length(1);
    });
  }

  it("tells another patient the claimed time is taken, and never takes over someone else's claim", async () => {
    const tenant = await setUpTenant('fhir', 'plain-claim', {});
    const first = await clinic(tenant);
    const second = await mountBackendClinic('fhir', `/mock/fhir/${tenant}`, {
      practitioner: 'pr-ruiz',
      patient: 'pat-2',
      options: { timeoutMs: 600 },
    });
    await armFault('fhir', tenant, [
      { path: `/Slot/${SLOT}`, method: 'PUT', kind: 'late', delayMs: 1500, times: 1 },
      { path: `/Slot/${SLOT}`, method: 'PUT', kind: 'status', status: 503, times: 1 },
    ]);
    expect(await pressBook(first)).to.equal('timeout');
    expect((await slotOf(tenant)).status).to.equal('busy');

    // The second patient still sees the time (loaded before) and presses Book: the claim is not theirs.
    expect(await pressBook(second)).to.equal('slot-unavailable');
    expect(alertOf(second.button)).to.equal('That time was just taken. Please choose another time.');
    expect(await appointmentsOnSlot(tenant)).to.have.length(0);

    // The first patient's retry carries on with their own claim.
    expect(await pressBookAgain(first)).to.equal('booked');
    const stored = await appointmentsOnSlot(tenant);
    expect(stored).to.have.length(1);
    expect(stored[0].identifier?.[0]?.system).to.equal(IDENTIFIER_SYSTEM);
    const patients = await readJson<{ participant: { actor: { reference: string } }[] }>(
      `/mock/fhir/${tenant}/Appointment/${stored[0].id}`,
    );
    expect(patients.participant[0].actor.reference).to.equal('Patient/pat-1');
  });
});

describe('fhir trust: Bundle next links', function () {
  this.timeout(30_000);
  afterEach(() => sinon.restore());

  it('refuses a next link to another origin with a clear error and sends no request there', async () => {
    const tenant = await setUpTenant('fhir', 'plain-next', {});
    // The same test server under another host name: another origin.
    const host = location.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const elsewhere = `${location.protocol}//${host}:${location.port}`;
    const foreign = `${elsewhere}/mock/fhir/${tenant}-elsewhere/Appointment?_offset=4`;
    await armFault('fhir', tenant, {
      op: 'list',
      kind: 'raw',
      status: 200,
      times: 1,
      body: JSON.stringify({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'next', url: foreign }] }),
    });
    const fetches = sinon.spy(window, 'fetch');
    const listing = sinon.spy(FhirProvider.prototype, 'listAppointments');
    const c = await clinic(tenant);
    await listLoaded(c.list);
    expect(alertOf(c.list)).to.include(
      'Something went wrong on the clinic’s side. Please try again. Or call the clinic.',
    );
    const error = await rejection(listing);
    expect(error).to.include({ kind: 'malformed-response' });
    expect(error.message).to.equal(
      `The FHIR server sent a next-page link to another site (${elsewhere}); careslot did not follow it.`,
    );
    const urls = fetches
      .getCalls()
      .map((call) => String(call.args[0] instanceof Request ? call.args[0].url : call.args[0]));
    expect(urls.filter((u) => u.startsWith(elsewhere))).to.deep.equal([]);
    expect(await serverLog('fhir', `${tenant}-elsewhere`)).to.deep.equal([]);
  });
});
