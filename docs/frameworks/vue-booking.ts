// Vue 3: careslot in a component whose template Vue compiles at run time (the full build of Vue).
import 'careslot/define';
import type { Appointment, CareslotEvent, ProviderOptions } from 'careslot';
import { createApp, defineComponent, markRaw, type PropType } from 'vue';

/** Tags Vue must leave to the browser: every careslot element starts with one of these names. */
const careslotTags = [
  'booking-provider',
  'slot-picker',
  'confirm-button',
  'appointment-list',
  'visit-filter',
  'time-zone-select',
  'patient-form',
  'booking-confirmation',
  'booking-flow',
];
export const isCareslotTag = (tag: string): boolean => careslotTags.includes(tag);

export const ClinicBooking = defineComponent({
  name: 'ClinicBooking',
  props: {
    // An object: bound with `.prop`, so it reaches the element as a property, not as "[object Object]".
    options: { type: Object as PropType<ProviderOptions>, default: () => markRaw({ latencyMs: 50 }) },
  },
  emits: { booked: (appointment: Appointment) => Boolean(appointment.id) },
  data: () => ({ confirmed: null as Appointment | null }),
  methods: {
    onConfirmed(event: CareslotEvent<'booking-confirmed'>) {
      this.confirmed = event.detail.appointment;
      this.$emit('booked', event.detail.appointment);
    },
  },
  template: `
    <booking-provider backend="demo" patient="demo-patient" now="2026-03-02T15:00:00.000Z" :options.prop="options">
      <slot-picker view="list" days="1" start="2026-03-03"></slot-picker>
      <confirm-button @booking-confirmed="onConfirmed"></confirm-button>
      <p v-if="confirmed" class="receipt">Booked: {{ confirmed.id }}</p>
    </booking-provider>
  `,
});

/** The app, told which tags are custom elements before its first template is compiled. */
export function createBookingApp(props: { options?: ProviderOptions; onBooked?: (appointment: Appointment) => void }) {
  const app = createApp(ClinicBooking, props);
  app.config.compilerOptions.isCustomElement = isCareslotTag;
  return app;
}
