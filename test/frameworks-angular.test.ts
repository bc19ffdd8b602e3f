// The JIT compiler first: the guide's component is compiled in the browser from its decorator.
import '@angular/compiler';
import { expect } from '@open-wc/testing';
import { Component, type ApplicationRef } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import '../src/define.js';
import type { Appointment } from '../src/core/model.js';
import { ClinicBookingComponent } from '../docs/frameworks/angular-booking.js';
import { until } from './helpers.js';
import { bookFirstTime, booking } from './frameworks/flow.js';

/** A page of an Angular app that uses the guide's component as its users would. */
@Component({
  selector: 'test-page',
  imports: [ClinicBookingComponent],
  template: `<clinic-booking [options]="options" (booked)="booked.push($event)"></clinic-booking>`,
})
class TestPageComponent {
  options = { latencyMs: 20 };
  booked: Appointment[] = [];
}

describe('Angular guide (docs/frameworks/angular-booking.ts)', () => {
  let host: HTMLElement;
  let app: ApplicationRef | undefined;

  beforeEach(() => {
    host = document.createElement('test-page');
    document.body.append(host);
  });
  afterEach(() => {
    app?.destroy();
    app = undefined;
    host.remove();
  });

  it('binds [options] as a property and hears (booking-confirmed) with the appointment', async () => {
    app = await bootstrapApplication(TestPageComponent);
    const page = app.components[0].instance as TestPageComponent;

    const mounted = await booking(host);
    expect(mounted.provider.options?.latencyMs).to.equal(20);
    expect(mounted.provider.hasAttribute('options')).to.equal(false);
    await bookFirstTime(mounted);
    await until(() => page.booked.length === 1, 'the Angular handler heard no booking-confirmed');

    expect(page.booked[0].id).to.be.a('string').and.not.equal('');
    expect(page.booked[0].status).to.be.oneOf(['booked', 'pending', 'proposed']);
    await until(() => host.querySelector('.receipt'), 'the component did not render the receipt');
    expect(host.querySelector('.receipt')!.textContent).to.contain(page.booked[0].id);
  });
});
