/**
 * The part of ical.js (the iCalendar parser, a test-only dev dependency) that test/ics.test.ts and
 * test/booking-confirmation.test.ts use. ical.js ships its own types once installed; this declaration keeps
 * the type check independent of them and can be deleted when they are wanted.
 */
declare module 'ical.js' {
  type JCal = unknown[];

  interface Timezone {
    tzid: string;
    component: Component | null;
  }

  interface Time {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    timezone?: string;
    zone?: Timezone | null;
    toJSDate(): Date;
    toString(): string;
  }

  interface Property {
    getParameter(name: string): string | undefined;
    getFirstValue(): unknown;
  }

  interface Component {
    name: string;
    getFirstSubcomponent(name: string): Component | null;
    getAllSubcomponents(name?: string): Component[];
    getFirstProperty(name: string): Property | null;
    getFirstPropertyValue(name: string): unknown;
    getAllProperties(name?: string): Property[];
  }

  interface Event {
    uid: string;
    summary: string;
    location: string;
    description: string;
    startDate: Time;
    endDate: Time;
  }

  const ICAL: {
    parse(input: string): JCal;
    Component: new (jcal: JCal | string) => Component;
    Event: new (component: Component) => Event;
  };
  export default ICAL;
}
