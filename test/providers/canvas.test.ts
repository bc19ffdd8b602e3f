import { expect, html } from '@open-wc/testing';
import sinon from 'sinon';
import { BookingError } from '../../src/core/errors.js';
import type { Appointment } from '../../src/core/model.js';
import { CanvasProvider, repairReasonCode } from '../../src/providers/canvas/index.js';
import {
  NOW,
  alertOf,
  all,
  buttonLabelled,
  errorSentence,
  expectPatientSentence,
  failBooking,
  listItem,
  listItems,
  listLoaded,
  mountClinic,
  mountProvider,
  nextEvent,
  one,
  pickerError,
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

// The contract server is test/servers/canvas/server.mjs; every test uses its own tenant. This file keeps what is
// special to Canvas; the cases every backend shares are in canvas.conformance.test.ts.
const TOKEN = 'canvas-test-token';
const RUIZ = '3a182f42885645e0bc3d608e7c02aad8';
const NIGHT_LINE = 'fc87cbb2525f4c5eb50294f620c7a15e';
const PATIENT = 'a29eaebb284143ba97c76b01fdb46964';
const HARBOR = '5f3f2f5e-6c1b-4b8e-9a6f-1c2d3e4f5a61';
const DESERT = '8b7c6d5e-4f3a-4b2c-8d1e-0f9a8b7c6d52';
const PROPOSED_ID = '0d6f5a8e-3b1c-4c7e-9f2a-000000000003';
const STRING_REASON_ID = '0d6f5a8e-3b1c-4c7e-9f2a-000000000008';

const tenant = (prefix = 'cv') => tenantName(prefix);

function options(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    getToken: async () => TOKEN,
    locationTimeZones: { [HARBOR]: 'America/New_York', [DESERT]: 'America/Phoenix' },
    scheduleLocations: { '1': HARBOR, '2': DESERT },
    ...extra,
  };
}

interface Mount {
  tenant: string;
  patient?: string;
  practitioner?: string;
  start?: string;
  days?: number;
  options?: Record<string, unknown>;
  filter?: string;
}

async function clinic(m: Mount) {
  return mountClinic(
    html`<booking-provider
      backend="canvas"
      base-url=${`/mock/canvas/${m.tenant}`}
      patient=${m.patient ?? PATIENT}
      now=${NOW}
      .options=${m.options ?? options()}
    >
      <slot-picker
        view="list"
        practitioner=${m.practitioner ?? ''}
        start=${m.start ?? '2026-03-10'}
        days=${m.days ?? 1}
      ></slot-picker>
      <confirm-button></confirm-button>
      <appointment-list filter=${m.filter ?? 'upcoming'}></appointment-list>
    </booking-provider>`,
  );
}

/** Arms a fault on the tenant; once unless it says `times`. */
const fault = (t: string, f: Fault) => armFault('canvas', t, { times: 1, ...f });
/** The requests the tenant received, as "METHOD /path?query" lines. */
const requestLines = async (t: string) => (await serverLog('canvas', t)).map((r) => `${r.method} ${r.path}${r.query}`);

async function serverAppointment(t: string, id: string): Promise<Record<string, unknown>> {
  const response = await fetch(`/mock/canvas/${t}/Appointment/${id}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  return response.json();
}

/** An OperationOutcome body as Canvas (and seeds/004) writes it. */
function outcomeBody(code: string, text: string, id?: string): string {
  return JSON.stringify({
    resourceType: 'OperationOutcome',
    ...(id ? { id } : {}),
    issue: [{ severity: 'error', code, details: { text } }],
  });
}
/** seeds/004's own error bodies: 404 on read, 400 on search, create and update. */
const SEED_404 = outcomeBody('not-found', 'Resource not found', '101');
const SEED_400 = outcomeBody('invalid', 'Bad request', '101');

/** The error an adapter method (spied on CanvasProvider.prototype) rejected with when an element called it. */
async function rejection(spy: sinon.SinonSpy): Promise<BookingError> {
  await until(() => spy.called, `${spy.name} was never called`);
  const settled = await Promise.all(
    spy.returnValues.map((p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e,
      ),
    ),
  );
  const error = settled.find((e) => e !== undefined);
  expect(error, `${spy.name} did not fail`).to.be.instanceOf(BookingError);
  return error as BookingError;
}

type Via = 'slots' | 'list' | 'book' | 'cancel' | 'confirm';

/**
 * Arms one fault, then drives the element that meets it; the adapter's error, the element that shows it and the
 * sentence the patient reads there.
 */
async function errorThrough(
  via: Via,
  armed: Fault,
  extra: Record<string, unknown> = {},
): Promise<{ error: BookingError; where: Element; shown: string }> {
  const t = tenant();
  await fault(t, armed);
  const spied = { slots: 'findSlots', list: 'listAppointments', cancel: 'cancel', confirm: 'confirm' } as const;
  const spy = via === 'book' ? undefined : sinon.spy(CanvasProvider.prototype, spied[via]);
  const c = await clinic({ tenant: t, practitioner: RUIZ, options: options(extra) });
  if (via === 'slots') {
    await until(() => pickerError(c.picker), 'the picker showed no error');
    return { error: await rejection(spy!), where: c.picker, shown: errorSentence(c.picker) };
  }
  if (via === 'list') {
    await listLoaded(c.list);
    return { error: await rejection(spy!), where: c.list, shown: errorSentence(c.list) };
  }
  if (via === 'book') {
    await slotsOf(c.picker);
    const error = await failBooking(c);
    await until(() => alertOf(c.button), 'the button showed no error');
    return { error, where: c.button, shown: errorSentence(c.button) };
  }
  await until(() => listItems(c.list).length === 3, 'appointments');
  if (via === 'cancel') {
    const item = listItem(c.list, 'March 10');
    buttonLabelled(item, /^\s*Cancel\s*$/).click();
    await until(() => c.list.shadowRoot!.querySelector('.actions .danger'), 'no cancel question');
    one<HTMLButtonElement>(c.list, '.actions .danger').click();
  } else {
    buttonLabelled(listItem(c.list, 'Needs your confirmation'), /^\s*Confirm\s*$/).click();
  }
  await until(() => alertOf(c.list), 'the list showed no error');
  return { error: await rejection(spy!), where: c.list, shown: errorSentence(c.list) };
}

describe('canvas backend (contract server over HTTP)', () => {
  afterEach(() => sinon.restore());

  it('shows slots at the right local times across the spring DST change (23-hour night)', async () => {
    const { picker } = await clinic({
      tenant: tenant(),
      practitioner: NIGHT_LINE,
      start: '2026-03-07',
      days: 2,
      options: options({ durationMinutes: 30 }),
    });
    await slotsOf(picker);
    const [saturday, sunday] = timesByDay(picker);
    expect(saturday).to.deep.equal([
      '12:00 AM EST',
      '12:30 AM EST',
      '1:00 AM EST',
      '1:30 AM EST',
      '2:00 AM EST',
      '2:30 AM EST',
      '3:00 AM EST',
      '3:30 AM EST',
    ]);
    // 02:00-03:00 does not exist on March 8 in New York.
    expect(sunday).to.deep.equal([
      '12:00 AM EST',
      '12:30 AM EST',
      '1:00 AM EST',
      '1:30 AM EST',
      '3:00 AM EDT',
      '3:30 AM EDT',
    ]);
    const label = slotName(all(picker, 'button.slot')[0]);
    expect(label).to.contain('12:00 AM EST, Saturday, March 7, 2026');
    expect(label).to.contain('Night Nurse Line, RN');
    expect(label).to.contain('Harbor Family Clinic');
  });

  it('keeps 9:00 AM clinic time on both sides of the DST weekend, with the patient time beside it', async () => {
    const { picker } = await clinic({ tenant: tenant(), practitioner: RUIZ, start: '2026-03-06', days: 4 });
    await slotsOf(picker);
    const rows = all(picker, '[part="day"]');
    expect(rows.map((r) => r.querySelector('[part="day-label"]')!.textContent)).to.deep.equal([
      'Friday, March 6, 2026',
      'Monday, March 9, 2026',
    ]);
    const first = rows.map((r) => r.querySelector<HTMLButtonElement>('button.slot')!);
    expect(slotName(first[0])).to.match(
      /^9:00 AM EST, Friday, March 6, 2026, 6:00 AM your time, Dr\. Ana Ruiz, MD, Harbor Family Clinic, In person$/,
    );
    expect(slotName(first[1])).to.match(/^9:00 AM EDT, Monday, March 9, 2026, 6:00 AM your time/);
    // 20-minute slots (Canvas' default duration), 9-12 and 13-17.
    expect(rows[0].querySelectorAll('button.slot')).to.have.length(21);
  });

  it('books a slot (201, null body, id from the Location header); it joins the list and leaves the picker', async () => {
    const t = tenant();
    const { picker, button, list } = await clinic({ tenant: t, practitioner: RUIZ });
    const slot = (await slotsOf(picker))[0];
    const slotId = slot.dataset.slotId!;
    slot.click();
    await button.updateComplete;
    const confirmed = nextEvent<{ appointment: Appointment }>(button, 'booking-confirmed');
    one(button, 'button').click();
    const { appointment } = await confirmed;
    expect(appointment).to.include({
      status: 'booked',
      start: '2026-03-10T13:00:00.000Z',
      end: '2026-03-10T13:20:00.000Z',
      timeZone: 'America/New_York',
    });
    expect(appointment.id).to.match(/^[0-9a-f-]{36}$/);
    await until(() => text(button).includes('Booked: 9:00 AM EDT, Tuesday, March 10, 2026'), 'success message');
    await until(() => text(list).includes('Tuesday, March 10, 2026, 9:00 AM EDT'), 'new appointment listed');
    await until(() => !all(picker, 'button.slot').some((b) => b.dataset.slotId === slotId), 'slot gone');
    const stored = await serverAppointment(t, appointment.id);
    expect(stored).to.include({ status: 'booked', start: '2026-03-10T13:00:00+00:00' });
    expect(stored.supportingInformation).to.deep.equal([{ reference: `Location/${HARBOR}`, type: 'Location' }]);
  });

  it('lists upcoming appointments (paged with _count/_offset and relative links), with the telehealth link', async () => {
    const t = tenant();
    const { list } = await clinic({ tenant: t, practitioner: RUIZ, options: options({ pageSize: 2 }) });
    await until(() => all(list, '[part="item"]').length === 3, 'three upcoming appointments');
    const items = all(list, '[part="item"]').map((i) => i.textContent!.replace(/\s+/g, ' '));
    expect(items[0])
      .to.contain('Thursday, March 5, 2026, 10:00 AM EST')
      .and.contain('Needs your confirmation')
      .and.contain('Dr. Ana Ruiz, MD');
    // A video visit shows in the patient's zone (Los Angeles, already on PDT).
    expect(items[1])
      .to.contain('Sunday, March 8, 2026, 11:00 AM PDT')
      .and.contain('Video visit')
      .and.contain('Dr. Linh Nguyen, DO');
    expect(items[2]).to.contain('Tuesday, March 10, 2026, 2:00 PM EDT').and.contain('Booked');
    const join = one<HTMLAnchorElement>(list, 'a[href^="https://video.example.org"]');
    expect(join.href).to.equal('https://video.example.org/room/nguyen');
    const requests = await requestLines(t);
    const searches = requests.filter((r) => r.startsWith('GET /Appointment?'));
    expect(searches.some((r) => r.includes('_offset=2'))).to.equal(true);
    expect(searches.some((r) => r.includes('_offset=4'))).to.equal(true);
  });

  it('cancels with PUT status cancelled; the appointment stays cancelled and its string reasonCode is sent back as an array', async () => {
    const t = tenant();
    const { list } = await clinic({ tenant: t, practitioner: RUIZ });
    await until(() => all(list, '[part="item"]').length === 3, 'appointments');
    const item = all(list, '[part="item"]').find((i) => i.textContent!.includes('March 10'))!;
    [...item.querySelectorAll<HTMLButtonElement>('button[part="action"]')]
      .find((b) => b.textContent!.trim() === 'Cancel')!
      .click();
    await list.updateComplete;
    const cancelled = nextEvent<{ appointment: Appointment }>(list, 'appointment-cancelled');
    one<HTMLButtonElement>(list, '.actions .danger').click();
    const { appointment } = await cancelled;
    expect(appointment).to.include({ id: STRING_REASON_ID, status: 'cancelled' });
    await until(
      () =>
        all(list, '[part="item"]').some(
          (i) => i.textContent!.includes('March 10') && i.textContent!.includes('Cancelled'),
        ),
      'cancelled badge',
    );
    const stored = await serverAppointment(t, STRING_REASON_ID);
    expect(stored.status).to.equal('cancelled');
    expect(stored.reasonCode).to.deep.equal([{ text: 'Weekly check-in' }]);
    // Canvas refuses to bring a cancelled appointment back.
    const again = await fetch(`/mock/canvas/${t}/Appointment/${STRING_REASON_ID}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...stored, status: 'booked' }),
    });
    expect(again.status).to.equal(422);
    expect((await serverAppointment(t, STRING_REASON_ID)).status).to.equal('cancelled');
  });

  it('sends If-Unmodified-Since: a change made elsewhere meanwhile gives 412 conflict, not a silent overwrite', async () => {
    const t = tenant();
    const { list } = await clinic({ tenant: t, practitioner: RUIZ });
    await until(() => all(list, '[part="item"]').length === 3, 'appointments');
    // Someone else (the front desk) changes the unconfirmed visit after this page read it.
    const stored = await serverAppointment(t, PROPOSED_ID);
    const put = await fetch(`/mock/canvas/${t}/Appointment/${PROPOSED_ID}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ ...stored, description: 'Changed at the front desk' }),
    });
    expect(put.status).to.equal(200);
    all<HTMLButtonElement>(list, 'button[part="action"]')
      .find((b) => b.textContent!.includes('Confirm'))!
      .click();
    await until(() => text(list).includes('This appointment changed in the meantime.'), 'conflict message');
    expect((await serverAppointment(t, PROPOSED_ID)).status).to.equal('proposed');
  });

  it('tolerates the seed document: its malformed create body gets a 400 OperationOutcome, its string reasonCode is repaired', async () => {
    // The curl example of seeds/004 as documented: two JSON documents, a string reasonCode with a missing comma.
    const asDocumented = `
{
  "resourceType": "Appointment",
  "reasonCode": "[{       \\"coding\\": [{         \\"system\\": \\"INTERNAL\\"         \\"code\\": \\"9903\\",         \\"display\\": \\"Urgent Visit\\"       }],         \\"text\\": \\"Weekly check-in\\"     }]",
  "description": "Weekly check-in.",
  "participant": [
    { "actor": { "reference": "Patient/5350cd20de8a470aa570a852859ac87e" }, "status": "accepted" },
    { "actor": { "reference": "Practitioner/dbf184ad28a1408bbed184fc8fd2b029" }, "status": "accepted" }
  ],
  "start": "2022-03-20T13:30:00.000Z",
  "end": "2022-03-20T14:00:00.000Z",
  "status": "proposed"
}
'
{ "resourceType": "Patient", "name": [{ "use": "official", "family": "Mark", "given": ["Isabella", "Robel"] }], "birthDate": "1980-11-13" }
`;
    const t = tenant();
    const headers = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };
    const response = await fetch(`/mock/canvas/${t}/Appointment`, { method: 'POST', headers, body: asDocumented });
    expect(response.status).to.equal(400);
    expect(await response.json()).to.deep.include({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'error', code: 'invalid', details: { text: 'Bad request' } }],
    });
    // Just the first document: still refused, because reasonCode is a string.
    const first = asDocumented.slice(0, asDocumented.indexOf("'"));
    expect((await fetch(`/mock/canvas/${t}/Appointment`, { method: 'POST', headers, body: first })).status).to.equal(
      400,
    );
    // The adapter repairs such a reasonCode when it reads one.
    const documentedReason = (JSON.parse(first) as { reasonCode: string }).reasonCode;
    expect(repairReasonCode(documentedReason)).to.deep.equal([{ text: 'Weekly check-in' }]);
    expect(repairReasonCode('[{"text":"ok"}]')).to.deep.equal([{ text: 'ok' }]);
    // Its past appointments (the seed's own examples) list, with the integer Location/1 read as a schedule location.
    const root = await mountProvider(
      html`<booking-provider
        backend="canvas"
        base-url=${`/mock/canvas/${t}`}
        patient="5350cd20de8a470aa570a852859ac87e"
        now=${NOW}
        .options=${options()}
      >
        <appointment-list filter="past"></appointment-list>
      </booking-provider>`,
    );
    const list = root.querySelector('appointment-list')!;
    await until(() => all(list, '[part="item"]').length === 2, 'seed examples listed');
    expect(text(list))
      .to.contain('Sunday, March 20, 2022')
      .and.contain('Cancelled')
      .and.contain('Needs your confirmation');
  });

  it('refuses a Slot search without schedule (400) and DELETE (405), as Canvas does', async () => {
    const t = tenant();
    const headers = { Authorization: `Bearer ${TOKEN}` };
    const slot = await fetch(`/mock/canvas/${t}/Slot?start=2026-03-10`, { headers });
    expect(slot.status).to.equal(400);
    const del = await fetch(`/mock/canvas/${t}/Appointment/${PROPOSED_ID}`, { method: 'DELETE', headers });
    expect(del.status).to.equal(405);
    expect((await del.json()).issue[0].code).to.equal('not-supported');
    const wrong = await fetch(`/mock/canvas/${t}/Schedule`, { headers: { Authorization: 'Bearer nope' } });
    expect(wrong.status).to.equal(401);
  });
  describe("Canvas errors through the adapter and the elements (OperationOutcome bodies of seeds/004 and contracts §5.3): the patient reads the sentence of the kind, Canvas' text is in the error detail", () => {
    const cases: {
      name: string;
      via: Via;
      fault: Fault;
      kind: string;
      status: number;
      code: string;
      /** What `error.message` says (Canvas' own text, else the adapter's): never on screen. */
      message: string;
      extra?: Record<string, unknown>;
    }[] = [
      {
        name: '400 "Bad request" on the Appointment search (seed) → validation, in the list',
        via: 'list',
        fault: { method: 'GET', path: '/Appointment', kind: 'raw', status: 400, body: SEED_400 },
        kind: 'validation',
        status: 400,
        code: 'invalid',
        message: 'Bad request',
      },
      {
        name: '400 "Bad request" on create (seed) → validation, at the confirm button',
        via: 'book',
        fault: { method: 'POST', path: '/Appointment', kind: 'raw', status: 400, body: SEED_400 },
        kind: 'validation',
        status: 400,
        code: 'invalid',
        message: 'Bad request',
      },
      {
        name: '400 "Bad request" on update (seed) → validation, on the appointment being cancelled',
        via: 'cancel',
        fault: { method: 'PUT', path: '/Appointment', kind: 'raw', status: 400, body: SEED_400 },
        kind: 'validation',
        status: 400,
        code: 'invalid',
        message: 'Bad request',
      },
      {
        name: '401 "Authentication failed", again after the token refresh → auth-expired, in the picker',
        via: 'slots',
        fault: {
          path: '/Slot',
          kind: 'raw',
          status: 401,
          body: outcomeBody('unknown', 'Authentication failed'),
          times: 2,
        },
        kind: 'auth-expired',
        status: 401,
        code: 'unknown',
        message: 'Your session has expired. Please sign in again.',
      },
      {
        name: '403 forbidden "Authorization failed" (the server\'s own answer) → forbidden, at the confirm button',
        via: 'book',
        fault: { method: 'POST', path: '/Appointment', kind: 'status', status: 403 },
        kind: 'forbidden',
        status: 403,
        code: 'forbidden',
        message: 'You are not allowed to do that online.',
      },
      {
        name: '404 "Resource not found" (seed) on update → not-found, on the appointment being cancelled',
        via: 'cancel',
        fault: { method: 'PUT', path: '/Appointment', kind: 'raw', status: 404, body: SEED_404 },
        kind: 'not-found',
        status: 404,
        code: 'not-found',
        message: 'Resource not found',
      },
      {
        name: '404 "Resource not found" (seed) on the Appointment search → not-found, in the list',
        via: 'list',
        fault: { method: 'GET', path: '/Appointment', kind: 'raw', status: 404, body: SEED_404 },
        kind: 'not-found',
        status: 404,
        code: 'not-found',
        message: 'Resource not found',
      },
      {
        name: '405 not-supported "Operation is not supported" → not-supported, on the appointment being confirmed',
        via: 'confirm',
        fault: { method: 'PUT', path: '/Appointment', kind: 'status', status: 405 },
        kind: 'not-supported',
        status: 405,
        code: 'not-supported',
        message: 'Operation is not supported',
      },
      {
        name: '412 conflict → conflict, on the appointment being confirmed',
        via: 'confirm',
        fault: { method: 'PUT', path: '/Appointment', kind: 'status', status: 412 },
        kind: 'conflict',
        status: 412,
        code: 'conflict',
        message: 'This appointment changed in the meantime. Please reload and try again.',
      },
      {
        name: "422 business-rule other than a taken time → validation, Canvas' text in the error detail, at the confirm button",
        via: 'book',
        fault: {
          method: 'POST',
          path: '/Appointment',
          kind: 'raw',
          status: 422,
          body: outcomeBody('business-rule', 'Note type: Office Visit is not scheduleable'),
        },
        kind: 'validation',
        status: 422,
        code: 'business-rule',
        message: 'Note type: Office Visit is not scheduleable',
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const { error, where, shown } = await errorThrough(c.via, c.fault, c.extra);
        expect(error).to.include({ kind: c.kind, status: c.status, backendCode: c.code, message: c.message });
        expectPatientSentence(where, error, c.message, shown);
      });
    }

    it('a 401 fault asks for a fresh token once; the second refusal is what the patient sees, as the sign-in sentence', async () => {
      const t = tenant();
      await fault(t, { path: '/Slot', kind: 'status', status: 401, times: 2 });
      const refreshes: boolean[] = [];
      const getToken = async ({ refresh }: { refresh: boolean }) => (refreshes.push(refresh), TOKEN);
      const spy = sinon.spy(CanvasProvider.prototype, 'findSlots');
      const { picker } = await clinic({ tenant: t, practitioner: RUIZ, options: options({ getToken }) });
      await until(() => pickerError(picker), 'no error');
      const error = await rejection(spy);
      expect(error).to.include({ kind: 'auth-expired', status: 401 });
      expect(errorSentence(picker)).to.equal('Your session has ended. Please sign in again, then try again.');
      expectPatientSentence(picker, error, 'Your session has expired. Please sign in again.');
      expect(refreshes.filter(Boolean)).to.have.length(1);
      // The fault is used up: Try again loads the slots.
      one<HTMLButtonElement>(picker, '[part="retry"]').click();
      await slotsOf(picker);
    });
  });

  it('a retried booking after a lost answer (timeout) finds what the first attempt booked: one appointment, not two', async () => {
    const t = tenant();
    // Canvas books at once but its answer comes after timeoutMs.
    await fault(t, { method: 'POST', path: '/Appointment', kind: 'late', delayMs: 1500 });
    const c = await clinic({ tenant: t, practitioner: RUIZ, options: options({ timeoutMs: 500 }) });
    await slotsOf(c.picker);
    const error = await failBooking(c);
    expect(error.kind).to.equal('timeout');
    await until(() => alertOf(c.button), 'timeout shown');
    expect(errorSentence(c.button)).to.equal('The clinic took too long to answer. Please try again.');
    expectPatientSentence(c.button, error, 'Canvas did not answer within 500 ms.');
    // The same intent (same slot, same idempotency key): the patient presses Book again.
    const settled = new Promise<Appointment | BookingError>((resolve) => {
      c.button.addEventListener(
        'booking-confirmed',
        (e) => resolve((e as CustomEvent<{ appointment: Appointment }>).detail.appointment),
        { once: true },
      );
      c.button.addEventListener(
        'booking-failed',
        (e) => resolve((e as CustomEvent<{ error: BookingError }>).detail.error),
        { once: true },
      );
    });
    one<HTMLButtonElement>(c.button, 'button[part="button"]').click();
    const appointment = await settled;
    expect(appointment, 'the retry failed').not.to.be.instanceOf(BookingError);
    expect(appointment).to.include({ status: 'booked', start: '2026-03-10T13:00:00.000Z' });
    const requests = await requestLines(t);
    expect(requests.filter((r) => r === 'POST /Appointment')).to.have.length(1);
    const search = await fetch(`/mock/canvas/${t}/Appointment?patient=Patient/${PATIENT}&date=eq2026-03-10`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    const bundle = (await search.json()) as { entry: { resource: { id: string; start: string } }[] };
    const atThatTime = bundle.entry.filter((e) => e.resource.start === '2026-03-10T13:00:00+00:00');
    expect(atThatTime).to.have.length(1);
    expect(atThatTime[0].resource.id).to.equal((appointment as Appointment).id);
  });
});
