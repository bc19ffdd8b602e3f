// Angular (standalone component): careslot elements with property and event binding.
import 'careslot/define';
import type { Appointment, CareslotEvent, ProviderOptions } from 'careslot';
import { CUSTOM_ELEMENTS_SCHEMA, Component, EventEmitter, signal } from '@angular/core';

@Component({
  selector: 'clinic-booking',
  // Lets Angular's template compiler accept <booking-provider>, <slot-picker>, … and their properties.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  // Declared here rather than with @Input()/@Output(), so the file also runs compiled just in time.
  inputs: ['options'],
  outputs: ['booked'],
  template: `
    <booking-provider backend="demo" patient="demo-patient" now="2026-03-02T15:00:00.000Z" [options]="options">
      <slot-picker view="list" days="1" start="2026-03-03"></slot-picker>
      <confirm-button (booking-confirmed)="onConfirmed($event)"></confirm-button>
      @if (confirmed(); as appointment) {
        <p class="receipt">Booked: {{ appointment.id }}</p>
      }
    </booking-provider>
  `,
})
export class ClinicBookingComponent {
  /** An object: `[options]` sets the element's `options` property, never an attribute. */
  options: ProviderOptions = { latencyMs: 50 };
  readonly booked = new EventEmitter<Appointment>();
  readonly confirmed = signal<Appointment | null>(null);

  onConfirmed(event: Event) {
    const { appointment } = (event as CareslotEvent<'booking-confirmed'>).detail;
    this.confirmed.set(appointment);
    this.booked.emit(appointment);
  }
}
