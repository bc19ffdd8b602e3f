import { expect } from '@open-wc/testing';
import '../src/define.js';
import type { Appointment } from '../src/core/model.js';
import { ClinicBooking, createBookingApp, isCareslotTag } from '../docs/frameworks/vue-booking.js';
import { until } from './helpers.js';
import { bookFirstTime, booking } from './frameworks/flow.js';

describe('Vue 3 guide (docs/frameworks/vue-booking.ts)', () => {
  let host: HTMLElement;
  let unmount: () => void = () => {};

  beforeEach(() => {
    host = document.createElement('div');
    document.body.append(host);
  });
  afterEach(() => {
    unmount();
    host.remove();
  });

  it('tells Vue which tags are custom elements', () => {
    expect(isCareslotTag('booking-provider')).to.equal(true);
    expect(isCareslotTag('slot-picker')).to.equal(true);
    expect(isCareslotTag('clinic-booking')).to.equal(false);
  });

  it('passes options as a property and hears booking-confirmed with the appointment', async () => {
    const booked: Appointment[] = [];
    const options = { latencyMs: 20 };
    const app = createBookingApp({ options, onBooked: (appointment) => booked.push(appointment) });
    const warnings: string[] = [];
    app.config.warnHandler = (message) => warnings.push(message);
    app.mount(host);
    unmount = () => app.unmount();

    const mounted = await booking(host);
    expect(mounted.provider.options?.latencyMs).to.equal(20);
    expect(mounted.provider.hasAttribute('options')).to.equal(false);
    await bookFirstTime(mounted);
    await until(() => booked.length === 1, 'the Vue handler heard no booking-confirmed');

    expect(booked[0].id).to.be.a('string').and.not.equal('');
    expect(booked[0].status).to.be.oneOf(['booked', 'pending', 'proposed']);
    await until(() => host.querySelector('.receipt'), 'the component did not render the receipt');
    expect(host.querySelector('.receipt')!.textContent).to.contain(booked[0].id);
    expect(warnings, 'Vue warned (an unknown element?)').to.deep.equal([]);
  });

  it('is a plain component that another Vue app can use', () => {
    expect(ClinicBooking.name).to.equal('ClinicBooking');
  });
});
