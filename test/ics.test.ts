import { expect } from '@open-wc/testing';
// A real iCalendar parser (test-only dev dependency): what a calendar app reads, not what we meant to write.
import ICAL from 'ical.js';
import { appointmentToIcs } from '../src/core/ics.js';
import type { Appointment } from '../src/core/model.js';

const NOW = new Date('2026-03-02T15:00:00.000Z');
const HOUR = 3_600_000;

function appointment(start: string, timeZone: string, extra: Partial<Appointment> = {}): Appointment {
  return {
    id: 'appt-42',
    status: 'booked',
    start,
    end: new Date(Date.parse(start) + HOUR / 2).toISOString(),
    timeZone,
    mode: 'in-person',
    canConfirm: false,
    cancel: 'direct',
    practitioner: { id: 'ruiz', name: 'Dr. Ana Ruiz' },
    location: {
      id: 'harbor',
      name: 'Harbor Family Clinic',
      timeZone,
      address: { lines: ['120 Water Street'], city: 'New York', state: 'NY', postalCode: '10038', country: 'US' },
      phone: '+1 212 555 0142',
    },
    ...extra,
  };
}

/** The file as ical.js reads it; only the file's own VTIMEZONE can place the times (nothing is registered). */
function parse(ics: string) {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

/** The octet length of each physical line; also checks every line ends in CRLF. */
function physicalLines(ics: string): string[] {
  expect(ics.endsWith('\r\n'), 'ends with CRLF').to.equal(true);
  expect(ics.replace(/\r\n/g, ''), 'no bare CR or LF').not.to.match(/[\r\n]/);
  return ics.slice(0, -2).split('\r\n');
}

const octets = (line: string) => new TextEncoder().encode(line).length;

describe('appointmentToIcs', () => {
  const cases: [string, string, string, string][] = [
    // [what, zone, instant, local wall time in the file]
    ['New York in winter (EST)', 'America/New_York', '2026-01-15T14:00:00.000Z', '20260115T090000'],
    ['New York in summer (EDT)', 'America/New_York', '2026-07-15T13:00:00.000Z', '20260715T090000'],
    ['Phoenix (no DST)', 'America/Phoenix', '2026-07-15T16:00:00.000Z', '20260715T090000'],
    ['Adelaide in its summer (+10:30)', 'Australia/Adelaide', '2026-01-15T22:30:00.000Z', '20260116T090000'],
    ['Adelaide in its winter (+09:30)', 'Australia/Adelaide', '2026-07-15T23:30:00.000Z', '20260716T090000'],
    ['London in winter (GMT)', 'Europe/London', '2026-01-15T09:00:00.000Z', '20260115T090000'],
    ['London in summer (BST)', 'Europe/London', '2026-03-30T08:00:00.000Z', '20260330T090000'],
    [
      'New York on the spring-forward day, after the change',
      'America/New_York',
      '2026-03-08T14:00:00.000Z',
      '20260308T100000',
    ],
    [
      'New York on the fall-back day, after the change',
      'America/New_York',
      '2026-11-01T15:00:00.000Z',
      '20261101T100000',
    ],
    ['Adelaide on its fall-back day', 'Australia/Adelaide', '2026-04-05T00:30:00.000Z', '20260405T100000'],
  ];
  for (const [what, zone, start, wall] of cases) {
    it(`places ${what} at the right instant`, () => {
      const ics = appointmentToIcs(appointment(start, zone), { now: NOW });
      expect(ics).to.contain(`DTSTART;TZID=${zone}:${wall}\r\n`);
      const { calendar, event } = parse(ics);
      expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).to.equal(zone);
      // The zone ical.js used is the file's VTIMEZONE, not one it knew.
      expect(event.startDate.zone?.tzid).to.equal(zone);
      expect(event.startDate.zone?.component, 'the VTIMEZONE of the file').to.not.equal(null);
      expect(event.startDate.toJSDate().toISOString()).to.equal(start);
      expect(event.endDate.toJSDate().toISOString()).to.equal(new Date(Date.parse(start) + HOUR / 2).toISOString());
    });
  }

  it('gives a visit across the spring-forward change its real length', () => {
    // 01:30 EST to 03:30 EDT: one hour.
    const visit = appointment('2026-03-08T06:30:00.000Z', 'America/New_York', { end: '2026-03-08T07:30:00.000Z' });
    const ics = appointmentToIcs(visit, { now: NOW });
    expect(ics)
      .to.contain('DTSTART;TZID=America/New_York:20260308T013000')
      .and.contain('DTEND;TZID=America/New_York:20260308T033000');
    const { event } = parse(ics);
    expect(event.startDate.toJSDate().toISOString()).to.equal(visit.start);
    expect(event.endDate.toJSDate().toISOString()).to.equal(visit.end);
  });

  it('writes both 01:30s of a fall-back night as UTC, since parsers read such a wall time differently', () => {
    for (const [start, stamp] of [
      ['2026-11-01T05:30:00.000Z', '20261101T053000Z'],
      ['2026-11-01T06:30:00.000Z', '20261101T063000Z'],
    ]) {
      const ics = appointmentToIcs(appointment(start, 'America/New_York'), { now: NOW });
      expect(ics).to.contain(`DTSTART:${stamp}`).and.not.contain('TZID');
      expect(parse(ics).event.startDate.toJSDate().toISOString()).to.equal(start);
    }
  });

  it('describes DST zones with STANDARD and DAYLIGHT changes, and a zone without DST with one STANDARD', () => {
    const ny = parse(appointmentToIcs(appointment('2026-07-15T13:00:00.000Z', 'America/New_York'), { now: NOW }));
    const zone = ny.calendar.getFirstSubcomponent('vtimezone')!;
    const daylight = zone.getAllSubcomponents('daylight');
    const standard = zone.getAllSubcomponents('standard');
    expect(daylight.length).to.be.greaterThan(1);
    expect(standard.length).to.be.greaterThan(1);
    const onsets = daylight.map((d) => String(d.getFirstPropertyValue('dtstart')));
    expect(onsets).to.include('2026-03-08T02:00:00');
    expect(daylight.map((d) => String(d.getFirstPropertyValue('tzoffsetto')))).to.include('-04:00');
    const phoenix = parse(appointmentToIcs(appointment('2026-07-15T16:00:00.000Z', 'America/Phoenix'), { now: NOW }));
    const az = phoenix.calendar.getFirstSubcomponent('vtimezone')!;
    expect(az.getAllSubcomponents('daylight')).to.have.length(0);
    expect(az.getAllSubcomponents('standard')).to.have.length(1);
    expect(String(az.getAllSubcomponents('standard')[0].getFirstPropertyValue('tzoffsetto'))).to.equal('-07:00');
    const adelaide = parse(
      appointmentToIcs(appointment('2026-01-15T22:30:00.000Z', 'Australia/Adelaide'), { now: NOW }),
    ).calendar.getFirstSubcomponent('vtimezone')!;
    expect(
      adelaide.getAllSubcomponents('daylight').map((d) => String(d.getFirstPropertyValue('tzoffsetto'))),
    ).to.include('+10:30');
  });

  it('writes UID, DTSTAMP (UTC), summary, location, description, URL and status', () => {
    const visit = appointment('2026-01-15T14:00:00.000Z', 'America/New_York', {
      instructions: ['Arrive 10 minutes early.', 'Bring your insurance card.'],
      service: { id: 'office-visit', name: 'Office visit' },
    });
    const ics = appointmentToIcs(visit, { now: NOW, productId: '-//Harbor//Booking//EN' });
    expect(ics).to.contain('\r\nDTSTAMP:20260302T150000Z\r\n').and.contain('PRODID:-//Harbor//Booking//EN');
    const { vevent, event } = parse(ics);
    expect(event.uid).to.equal('appt-42@careslot');
    expect(String(vevent.getFirstPropertyValue('dtstamp'))).to.equal('2026-03-02T15:00:00Z');
    expect(event.summary).to.equal('Appointment with Dr. Ana Ruiz');
    expect(event.location).to.equal('Harbor Family Clinic, 120 Water Street, New York, NY 10038, US');
    expect(event.description.split('\n')).to.deep.equal([
      'In person · Office visit',
      'Arrive 10 minutes early.',
      'Bring your insurance card.',
      'Clinic phone: +1 212 555 0142',
      'Reference: appt-42',
    ]);
    expect(vevent.getFirstPropertyValue('status')).to.equal('CONFIRMED');
    expect(vevent.getFirstProperty('url')).to.equal(null);

    const video = parse(
      appointmentToIcs(
        { ...visit, mode: 'video', telehealthUrl: 'https://video.example.org/room/7?pin=1,2;3' },
        { now: NOW, phone: '+1 000' },
      ),
    );
    expect(video.vevent.getFirstPropertyValue('url')).to.equal('https://video.example.org/room/7?pin=1,2;3');
    expect(video.event.location).to.equal('Video visit');
    expect(video.event.description).to.contain('Join the video visit: https://video.example.org/room/7?pin=1,2;3');
    // A javascript: link never goes in.
    const hostile = appointmentToIcs({ ...visit, mode: 'video', telehealthUrl: 'javascript:alert(1)' }, { now: NOW });
    expect(hostile).not.to.contain('javascript');
    const cancelled = parse(appointmentToIcs({ ...visit, status: 'cancelled' }, { now: NOW }));
    expect(cancelled.vevent.getFirstPropertyValue('status')).to.equal('CANCELLED');
  });

  it('takes the summary and description it is given, and uses the backend phone where the place has none', () => {
    const visit = appointment('2026-01-15T14:00:00.000Z', 'America/New_York');
    const given = parse(appointmentToIcs(visit, { now: NOW, summary: 'Check-up', description: 'Bring a list.' }));
    expect(given.event.summary).to.equal('Check-up');
    expect(given.event.description).to.equal('Bring a list.');
    const noPhone = { ...visit, location: { ...visit.location!, phone: undefined } };
    expect(parse(appointmentToIcs(noPhone, { now: NOW, phone: '+1 212 555 0100' })).event.description).to.contain(
      'Clinic phone: +1 212 555 0100',
    );
  });

  it('escapes backslash, semicolon, comma and newlines in names, and reads them back as written', () => {
    const name = 'Dr. O\'Brien; Smith, Jr. \\ "MD"\nsecond line';
    const visit = appointment('2026-01-15T14:00:00.000Z', 'America/New_York', {
      practitioner: { id: 'x', name },
      location: { id: 'l', name: 'Clinic A, B; C\\D', timeZone: 'America/New_York' },
      instructions: ['Line one\r\nline two'],
    });
    const ics = appointmentToIcs(visit, { now: NOW });
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).to.contain('SUMMARY:Appointment with Dr. O\'Brien\\; Smith\\, Jr. \\\\ "MD"\\nsecond line\r\n');
    expect(unfolded).to.contain('LOCATION:Clinic A\\, B\\; C\\\\D\r\n');
    const { event } = parse(ics);
    expect(event.summary).to.equal(`Appointment with ${name}`);
    expect(event.location).to.equal('Clinic A, B; C\\D');
    expect(event.description).to.contain('Line one\nline two');
  });

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const long = 'Dr. Zoë Ångström-Featherstonehaugh 👩‍⚕️ 医師 '.repeat(6).trim();
    const visit = appointment('2026-01-15T14:00:00.000Z', 'America/New_York', {
      practitioner: { id: 'x', name: long },
      instructions: ['Ünïcödé '.repeat(40).trim()],
    });
    const ics = appointmentToIcs(visit, { now: NOW });
    const lines = physicalLines(ics);
    for (const line of lines) expect(octets(line), line).to.be.at.most(75);
    expect(
      lines.some((line) => line.startsWith(' ')),
      'some lines were folded',
    ).to.equal(true);
    // No replacement characters: every piece is whole UTF-8.
    expect(lines.join('')).not.to.contain('\uFFFD');
    const { event } = parse(ics);
    expect(event.summary).to.equal(`Appointment with ${long}`);
    expect(event.description).to.contain('Ünïcödé '.repeat(40).trim());
  });

  it('carries no patient data: nothing but the appointment', () => {
    const visit = appointment('2026-01-15T14:00:00.000Z', 'America/New_York', {
      native: { patientName: 'Jane Q. Patient', birthDate: '1980-01-01' },
    });
    const ics = appointmentToIcs(visit, { now: NOW });
    expect(ics).not.to.contain('Jane').and.not.to.contain('1980');
    expect(ics).not.to.match(/ATTENDEE|ORGANIZER/);
  });

  it('writes an offset-only zone as UTC times without a VTIMEZONE', () => {
    const visit = appointment('2026-01-15T14:00:00.000Z', 'UTC-05:00');
    const ics = appointmentToIcs(visit, { now: NOW });
    expect(ics).to.contain('DTSTART:20260115T140000Z').and.not.contain('VTIMEZONE');
    expect(parse(ics).event.startDate.toJSDate().toISOString()).to.equal(visit.start);
  });
});
