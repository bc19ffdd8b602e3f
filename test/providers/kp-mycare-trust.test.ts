import { expect, html } from '@open-wc/testing';
import type { Appointment } from '../../src/core/model.js';
import {
  buttonLabelled,
  fold,
  listItem,
  listLoaded,
  mountClinic,
  serverLog,
  tenantData,
  tenantName,
  text,
  until,
} from '../helpers.js';

// The `kp-mycare` adapter against its contract server (test/servers/kp-mycare/server.mjs): the Confirm Appointment
// body in the shape of the seed page (`"Appointments": [ … ]`), and no cancel method where cancelling is off.

const NOW_2016 = '2016-06-01T12:00:00.000Z';
const SEED_CSN = '285270678';
const BASE_OPTIONS = { apiKey: 'test-api-key', appName: 'careslot-tests', getSession: async () => 'host-session' };

async function mount(tenant: string, options: Record<string, unknown> = {}) {
  return mountClinic(
    html`<booking-provider
      backend="kp-mycare"
      base-url=${`/mock/kp-mycare/${tenant}`}
      patient="member-1"
      now=${NOW_2016}
      locale="en-US"
      .options=${{ ...BASE_OPTIONS, ...options }}
    >
      <appointment-list filter="all"></appointment-list>
    </booking-provider>`,
  );
}

/** The error a list row shows ('' when none). */
const itemAlert = (item: Element) => fold(item.querySelector('[role="alert"]')?.textContent);

interface KpLogged {
  op: string;
  bodyKeys?: string[];
  bodyContactIds?: string[];
}

describe('kp-mycare trust', function () {
  this.timeout(20_000);

  it('confirms with the seed page’s request body {"Appointments": [ … ]}, and the patient sees it confirmed', async () => {
    const tenant = tenantName('kp-body');
    const { list } = await mount(tenant);
    await listLoaded(list);
    let confirmed: Appointment | undefined;
    list.addEventListener('appointment-confirmed', (e) => {
      confirmed = (e as CustomEvent<{ appointment: Appointment }>).detail.appointment;
    });
    const seed = () => listItem(list, 'Sunnyside Surgery');
    buttonLabelled(seed(), /^\s*Confirm\s*$/).click();
    await until(() => confirmed || itemAlert(seed()), 'neither confirmed nor refused');
    // Refused, the patient would read "The clinic could not accept this request online …" here.
    expect(itemAlert(seed())).to.equal('');
    expect(confirmed).to.include({ id: SEED_CSN, canConfirm: false });
    await until(
      () => ![...seed().querySelectorAll('button')].some((b) => /^\s*Confirm\s*$/.test(b.textContent ?? '')),
      'the Confirm button did not go away',
    );

    // On the wire: one POST whose JSON body is {"Appointments": [<the appointment>]}, accepted (200).
    const confirms = (await serverLog<KpLogged>('kp-mycare', tenant)).filter((r) => r.op === 'confirm');
    expect(confirms.map((r) => [r.method, r.status, r.bodyKeys, r.bodyContactIds])).to.deep.equal([
      ['POST', 200, ['Appointments'], ['57449', SEED_CSN, SEED_CSN, '49512373761']],
    ]);
    const stored = JSON.parse(await tenantData('kp-mycare', tenant)) as {
      Appointments: { ContactIDs: { ID: string }[]; ConfirmInstant: string | null }[];
    };
    const onServer = stored.Appointments.find((a) => a.ContactIDs.some((c) => c.ID === SEED_CSN))!;
    expect(onServer.ConfirmInstant).to.be.a('string');
  });

  it('the contract server refuses the bare appointment as KP does: 412 Invalid data', async () => {
    const tenant = tenantName('kp-body');
    const headers = {
      'X-useragentcategory': 'M',
      'X-osversion': '1.0',
      'X-useragenttype': 'Browser',
      'X-apiKey': 'k',
      'X-appName': 'a',
      ssoession: 's',
      'X-apptContactId': SEED_CSN,
      'Content-Type': 'application/json',
    };
    const future = (await (
      await fetch(`/mock/kp-mycare/${tenant}/mycare/appointments/v1.0/future`, { headers })
    ).json()) as { Appointments: unknown[] };
    const url = `/mock/kp-mycare/${tenant}/mycare/appointments/v1.0/confirmation`;
    const bare = await fetch(url, { method: 'POST', headers, body: JSON.stringify(future.Appointments[0]) });
    expect(bare.status).to.equal(412);
    expect(await bare.json()).to.deep.equal({
      Fault: {
        faultcode: 'a:ClientFault',
        faultstring: 'Invalid data',
        detail: { FaultType: { Type: 'InvalidData' } },
      },
    });
    const wrapped = await fetch(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ Appointments: [future.Appointments[0]] }),
    });
    expect(wrapped.status).to.equal(200);
    expect(await wrapped.json()).to.deep.equal({ ConfirmAppointmentResponse: true });
  });

  it('with cancelPath: null offers no cancel at all: no button, and no cancel method on the adapter', async () => {
    const tenant = tenantName('kp-nocancel');
    const { provider, list } = await mount(tenant, { cancelPath: null });
    await listLoaded(list);
    const seed = listItem(list, 'Sunnyside Surgery');
    expect([...seed.querySelectorAll('button')].map((b) => fold(b.textContent))).to.deep.equal(['Confirm']);
    expect(text(list)).to.not.match(/Request cancellation|\bCancel\b/);
    const backend = provider.activeBackend!;
    expect(backend.capabilities.cancel).to.equal(false);
    expect('cancel' in backend, 'the adapter still has a cancel method').to.equal(false);
    expect(backend.cancel).to.equal(undefined);
    // Confirming still works, and nothing asked KP to cancel.
    expect(typeof backend.confirm).to.equal('function');
    expect((await serverLog<KpLogged>('kp-mycare', tenant)).filter((r) => r.op === 'cancel')).to.deep.equal([]);
  });
});
