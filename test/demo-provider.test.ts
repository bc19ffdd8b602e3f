import { expect } from '@open-wc/testing';
import { DateTime } from 'luxon';
import type { BookingError } from '../src/core/errors.js';
import type { Slot } from '../src/core/model.js';
import type { ProviderOptions } from '../src/core/provider.js';
import { queryWindow } from '../src/core/time.js';
import { DemoProvider } from '../src/providers/demo/index.js';
import { NOW } from './helpers.js';

// The demo backend at the provider level: what is special to its in-memory clinic (the cases every backend
// shares run through the elements in providers/demo.conformance.test.ts).

function demo(options: ProviderOptions = {}, now = NOW): DemoProvider {
  return new DemoProvider({ options, now: () => new Date(now) });
}

function localTimes(slots: Slot[], zone: string, date: string): string[] {
  return slots
    .map((s) => DateTime.fromISO(s.start).setZone(zone))
    .filter((d) => d.toISODate() === date)
    .map((d) => d.toFormat('HH:mm ZZZZ'));
}

describe('demo backend', () => {
  it('is deterministic for a given clock and seed, and the seed changes what is taken', async () => {
    const window = queryWindow('2026-03-03', 3);
    const a = await demo().findSlots(window);
    const b = await demo().findSlots(window);
    const c = await demo({ seed: 7 }).findSlots(window);
    expect(a.map((s) => s.id)).to.deep.equal(b.map((s) => s.id));
    expect(a.map((s) => s.id)).not.to.deep.equal(c.map((s) => s.id));
    expect(a.length).to.be.greaterThan(50);
  });

  it('offers sites in zones with DST, without DST and with a half-hour offset, six or more practitioners, both visit modes', async () => {
    const provider = demo();
    const locations = await provider.listLocations();
    const zones = locations.map((l) => l.timeZone);
    expect(zones).to.include.members(['America/New_York', 'America/Phoenix', 'Australia/Adelaide']);
    expect((await provider.listPractitioners()).length).to.be.at.least(6);
    const slots = await provider.findSlots!({ start: NOW, end: '2026-03-10T00:00:00Z' });
    expect(new Set(slots.map((s) => s.mode))).to.include.keys('in-person', 'video');
  });

  it('keeps working hours with a lunch break, on the clinic wall clock', async () => {
    const slots = await demo({ takenShare: 0 }).findSlots({ ...queryWindow('2026-03-03', 1), practitionerId: 'ruiz' });
    const times = localTimes(slots, 'America/New_York', '2026-03-03').map((t) => t.slice(0, 5));
    expect(times[0]).to.equal('09:00');
    expect(times).to.include('11:30');
    expect(times).not.to.include('12:00');
    expect(times).not.to.include('12:30');
    expect(times).to.include('13:00');
    expect(times.at(-1)).to.equal('16:00');
  });

  it('offers 30 days of slots from the clock, none in the past', async () => {
    const slots = await demo().findSlots({ start: '2026-01-01T00:00:00Z', end: '2026-06-01T00:00:00Z' });
    const first = Math.min(...slots.map((s) => Date.parse(s.start)));
    const last = Math.max(...slots.map((s) => Date.parse(s.start)));
    expect(first).to.be.at.least(Date.parse(NOW));
    expect(last - Date.parse(NOW)).to.be.within(28 * 86_400_000, 30 * 86_400_000);
  });

  it('has one slot fewer on the 23-hour day and more on the 25-hour day, none lost or doubled', async () => {
    const spring = await demo({ takenShare: 0 }, '2026-03-07T12:00:00Z').findSlots({
      ...queryWindow('2026-03-08', 1),
      practitionerId: 'night-line',
    });
    // 00:00-04:00 New York on 2026-03-08 is three real hours: 02:00-03:00 does not exist.
    expect(localTimes(spring, 'America/New_York', '2026-03-08')).to.deep.equal([
      '00:00 EST',
      '00:30 EST',
      '01:00 EST',
      '01:30 EST',
      '03:00 EDT',
      '03:30 EDT',
    ]);
    const autumn = await demo({ takenShare: 0 }, '2026-10-31T12:00:00Z').findSlots({
      ...queryWindow('2026-11-01', 1),
      practitionerId: 'night-line',
    });
    // 01:00-02:00 happens twice on 2026-11-01: five real hours, every instant once.
    expect(localTimes(autumn, 'America/New_York', '2026-11-01')).to.deep.equal([
      '00:00 EDT',
      '00:30 EDT',
      '01:00 EDT',
      '01:30 EDT',
      '01:00 EST',
      '01:30 EST',
      '02:00 EST',
      '02:30 EST',
      '03:00 EST',
      '03:30 EST',
    ]);
    expect(new Set(autumn.map((s) => s.id)).size).to.equal(autumn.length);
  });

  it('has past and upcoming appointments, some confirmable, some cancellable, and cancel frees the slot', async () => {
    const provider = demo({ takenShare: 0 });
    const list = await provider.listAppointments!({ patientId: 'demo-patient' });
    const now = Date.parse(NOW);
    expect(list.some((a) => Date.parse(a.end) < now)).to.equal(true);
    expect(list.some((a) => Date.parse(a.start) > now && a.canConfirm)).to.equal(true);
    expect(list.some((a) => Date.parse(a.start) > now && a.cancel === 'direct')).to.equal(true);
    expect(list.some((a) => a.cancel === 'request')).to.equal(true);
    const proposed = list.find((a) => a.canConfirm)!;
    const confirmed = await provider.confirm!(proposed);
    expect(confirmed.status).to.equal('booked');
    expect(confirmed.canConfirm).to.equal(false);
    const cancelled = await provider.cancel!(confirmed);
    expect(cancelled.status).to.equal('cancelled');
    const slotId = (cancelled.native as { slotId: string }).slotId;
    const free = await provider.findSlots!({
      start: cancelled.start,
      end: cancelled.end,
      practitionerId: proposed.practitioner!.id,
    });
    expect(free.map((s) => s.id)).to.deep.equal([slotId]);
    expect(await provider.listAppointments!({ patientId: 'another-patient' })).to.deep.equal([]);
  });

  it('injects failures for a number of calls, and latency that an abort cuts short', async () => {
    const provider = demo({ failures: { findSlots: { kind: 'upstream-unavailable', times: 1 } } });
    const error = await provider.findSlots!(queryWindow('2026-03-03', 1)).catch((e: unknown) => e);
    expect((error as BookingError).kind).to.equal('upstream-unavailable');
    expect((await provider.findSlots!(queryWindow('2026-03-03', 1))).length).to.be.greaterThan(0);

    const slow = demo({ latencyMs: 5_000 });
    const controller = new AbortController();
    const pending = slow.findSlots(queryWindow('2026-03-03', 1), controller.signal).catch((e: unknown) => e);
    controller.abort();
    expect(((await pending) as DOMException).name).to.equal('AbortError');
  });
  it('lists visit types, clinicians and sites with the relations a filter narrows by, as findSlots keeps them', async () => {
    const provider = demo({ takenShare: 0 });
    const [services, practitioners, locations] = await Promise.all([
      provider.listServices(),
      provider.listPractitioners(),
      provider.listLocations(),
    ]);
    expect(services).to.deep.equal([
      { id: 'office-visit', name: 'Office visit', mode: 'in-person' },
      { id: 'video-visit', name: 'Video visit', mode: 'video' },
      { id: 'phone-visit', name: 'Phone call', mode: 'phone' },
    ]);
    const ruiz = practitioners.find((p) => p.id === 'ruiz')!;
    expect(ruiz).to.deep.include({ locationIds: ['harbor'], serviceIds: ['office-visit', 'video-visit'] });
    expect(practitioners.find((p) => p.id === 'patel')).to.deep.include({
      serviceIds: ['office-visit', 'phone-visit'],
    });
    expect(locations.find((l) => l.id === 'thames')!.serviceIds).to.deep.equal(['office-visit', 'phone-visit']);
    expect(locations.find((l) => l.id === 'harbor')!.serviceIds).to.deep.equal(['office-visit', 'video-visit']);
    // What the lists say is what findSlots offers: every slot matches the relations of its clinician and site.
    const window = queryWindow('2026-03-03', 7);
    const slots = await provider.findSlots(window);
    for (const slot of slots) {
      const practitioner = practitioners.find((p) => p.id === slot.practitioner!.id)!;
      expect(practitioner.locationIds).to.include(slot.location!.id);
      expect(practitioner.serviceIds).to.include(slot.service!.id);
      expect(locations.find((l) => l.id === slot.location!.id)!.serviceIds).to.include(slot.service!.id);
    }
    // Each filter narrows by itself and together with the others.
    const phone = await provider.findSlots({ ...window, serviceId: 'phone-visit' });
    expect(phone.length).to.be.greaterThan(0);
    expect(new Set(phone.map((s) => s.practitioner!.id))).to.deep.equal(new Set(['patel']));
    const harborVideo = await provider.findSlots({ ...window, locationId: 'harbor', serviceId: 'video-visit' });
    expect(new Set(harborVideo.map((s) => s.practitioner!.id))).to.deep.equal(new Set(['ruiz', 'night-line']));
    expect(harborVideo.every((s) => s.mode === 'video' && s.location!.id === 'harbor')).to.equal(true);
    const ruizOffice = await provider.findSlots({ ...window, practitionerId: 'ruiz', serviceId: 'office-visit' });
    expect(ruizOffice.length).to.be.greaterThan(0);
    expect(ruizOffice.every((s) => s.practitioner!.id === 'ruiz' && s.mode === 'in-person')).to.equal(true);
    expect(await provider.findSlots({ ...window, practitionerId: 'ruiz', locationId: 'thames' })).to.deep.equal([]);
  });

  it('fails and delays the lists like every other call', async () => {
    const provider = demo({ failures: { listServices: { kind: 'network', times: 1 } } });
    const error = await provider.listServices().catch((e: unknown) => e);
    expect((error as BookingError).kind).to.equal('network');
    expect(await provider.listServices()).to.have.length(3);
    const controller = new AbortController();
    const pending = demo({ latencyMs: 5_000 })
      .listLocations(controller.signal)
      .catch((e: unknown) => e);
    controller.abort();
    expect(((await pending) as DOMException).name).to.equal('AbortError');
  });
});
