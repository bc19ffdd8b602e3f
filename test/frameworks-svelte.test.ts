import { expect } from '@open-wc/testing';
import { flushSync, mount, unmount } from 'svelte';
import '../src/define.js';
import type { Appointment } from '../src/core/model.js';
// Compiled by the test server with svelte/compiler (test/frameworks/plugins.mjs).
import Booking from '../docs/frameworks/svelte/Booking.svelte';
import { until } from './helpers.js';
import { bookFirstTime, booking } from './frameworks/flow.js';

describe('Svelte 5 guide (docs/frameworks/svelte/Booking.svelte)', () => {
  let host: HTMLElement;
  let component: Record<string, unknown> | undefined;

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    if (component) unmount(component);
    component = undefined;
    host.remove();
  });

  it('passes options as a property and hears booking-confirmed with the appointment', async () => {
    const booked: Appointment[] = [];
    component = mount(Booking, {
      target: host,
      props: { options: { latencyMs: 20 }, onbooked: (appointment: Appointment) => booked.push(appointment) },
    });
    flushSync();

    const mounted = await booking(host);
    expect(mounted.provider.options?.latencyMs).to.equal(20);
    expect(mounted.provider.hasAttribute('options')).to.equal(false);
    await bookFirstTime(mounted);
    await until(() => booked.length === 1, 'the Svelte handler heard no booking-confirmed');

    expect(booked[0].id).to.be.a('string').and.not.equal('');
    expect(booked[0].status).to.be.oneOf(['booked', 'pending', 'proposed']);
    await until(() => host.querySelector('.receipt'), 'the component did not render the receipt');
    expect(host.querySelector('.receipt')!.textContent).to.contain(booked[0].id);
  });
});
