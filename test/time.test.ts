import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  displayZone,
  formatTime,
  groupByLocalDate,
  isLocalDate,
  isValidZone,
  localDate,
  queryWindow,
  secondaryZone,
  startOfLocalDay,
  today,
  wallTimeToInstant,
  zoneName,
  offsetChanges,
  zoneOffsetAt,
} from '../src/core/time.js';
import { isoWithOffset, localToUtc, offsetZoneFromInstant, toUtcInstant, wallClock } from '../src/core/zoned.js';

const ZONES = [
  'America/New_York',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/St_Johns',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Adelaide',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Pacific/Kiritimati',
  'Pacific/Pago_Pago',
  'UTC',
];

describe('time helpers', () => {
  it('formats 12- and 24-hour clocks from the locale or a forced hour cycle', () => {
    const instant = '2026-03-02T22:05:00.000Z';
    expect(formatTime(instant, 'America/New_York', 'en-US')).to.equal('5:05 PM');
    expect(formatTime(instant, 'America/New_York', 'de-DE')).to.equal('17:05');
    expect(formatTime(instant, 'America/New_York', 'en-US', 'h23')).to.equal('17:05');
    expect(formatTime(instant, 'America/New_York', 'de-DE', 'h12')).to.match(/^5:05\sPM$/);
  });

  it('reads a half-hour zone and a zone without DST correctly', () => {
    expect(formatTime('2026-07-01T04:00:00Z', 'Asia/Kolkata', 'en-US')).to.equal('9:30 AM');
    expect(formatTime('2026-01-15T16:00:00Z', 'Australia/Adelaide', 'en-US')).to.equal('2:30 AM');
    // Phoenix stays at UTC-7 in winter and summer.
    expect(formatTime('2026-01-15T16:00:00Z', 'America/Phoenix', 'en-US')).to.equal('9:00 AM');
    expect(formatTime('2026-07-15T16:00:00Z', 'America/Phoenix', 'en-US')).to.equal('9:00 AM');
    expect(zoneName('2026-07-15T16:00:00Z', 'America/Phoenix', 'en-US')).to.equal('MST');
  });

  it('reads a zone with a few offset computations per week, exact to the minute through a change', () => {
    // Every minute of the day Detroit springs forward (2026-03-08, 07:00 UTC), in a zone not read before.
    const zone = 'America/Detroit';
    const start = Date.UTC(2026, 2, 8, 0);
    const minutes = Array.from({ length: 1440 }, (_, m) => start + m * 60_000);
    const expected = minutes.map((ms) => DateTime.fromMillis(ms, { zone }).offset);
    const formatToParts = Intl.DateTimeFormat.prototype.formatToParts;
    let computations = 0;
    Intl.DateTimeFormat.prototype.formatToParts = function (this: Intl.DateTimeFormat, date?: Date | number) {
      computations++;
      return formatToParts.call(this, date);
    };
    let offsets: number[];
    try {
      offsets = minutes.map((ms) => zoneOffsetAt(ms, zone));
    } finally {
      Intl.DateTimeFormat.prototype.formatToParts = formatToParts;
    }
    expect(offsets).to.deep.equal(expected);
    expect(offsets.indexOf(-240)).to.equal(7 * 60);
    // The week's ends, its days' ends, and the change minute by bisection: not one per minute.
    expect(computations).to.be.at.most(30);
    // Short names follow the offset, on either side of the change.
    expect(zoneName('2026-03-08T06:59:00Z', zone, 'en-US')).to.equal('EST');
    expect(zoneName('2026-03-08T07:00:00Z', zone, 'en-US')).to.equal('EDT');
  });

  it("lists a zone's offset changes to the minute (the calendar file's VTIMEZONE)", () => {
    const iso = (changes: { at: number }[]) => changes.map((c) => new Date(c.at).toISOString());
    expect(offsetChanges('America/New_York', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).to.deep.equal([
      { at: Date.UTC(2026, 2, 8, 7), before: -300, after: -240 },
      { at: Date.UTC(2026, 10, 1, 6), before: -240, after: -300 },
    ]);
    // St. John's sprang forward at 00:01 local time until 2011: not on a quarter hour.
    expect(iso(offsetChanges('America/St_Johns', Date.UTC(2010, 0, 1), Date.UTC(2010, 6, 1)))).to.deep.equal([
      '2010-03-14T03:31:00.000Z',
    ]);
    expect(offsetChanges('Asia/Kolkata', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).to.deep.equal([]);
    expect(offsetChanges('UTC-06:00', Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1))).to.deep.equal([]);
  });

  it('shows in-person visits in the clinic zone and video visits in the patient zone', () => {
    const settings = { patientZone: 'America/Los_Angeles', locale: 'en-US' };
    expect(displayZone({ mode: 'in-person', timeZone: 'America/New_York' }, settings)).to.equal('America/New_York');
    expect(displayZone({ mode: 'video', timeZone: 'America/New_York' }, settings)).to.equal('America/Los_Angeles');
    expect(
      displayZone({ mode: 'video', timeZone: 'America/New_York' }, { ...settings, override: 'Asia/Kolkata' }),
    ).to.equal('Asia/Kolkata');
    expect(
      secondaryZone('2026-03-02T15:00:00Z', { mode: 'in-person', timeZone: 'America/New_York' }, settings),
    ).to.equal('America/Los_Angeles');
    // Phoenix and Los Angeles read the same clock in summer: no second time then.
    expect(
      secondaryZone('2026-07-02T15:00:00Z', { mode: 'in-person', timeZone: 'America/Phoenix' }, settings),
    ).to.equal(undefined);
  });

  it('reads the short "-05" offset of the SMART Scheduling Links examples', () => {
    expect(toUtcInstant('2021-03-10T15:00:00-05')).to.equal('2021-03-10T20:00:00.000Z');
    expect(toUtcInstant('2016-06-14T00:20:00.000Z')).to.equal('2016-06-14T00:20:00.000Z');
    expect(toUtcInstant('not a date')).to.equal(undefined);
  });

  it('groups a 25-hour day (DST end) without losing, duplicating or moving a slot', () => {
    // New York, 2026-11-01: 01:00-02:00 happens twice.
    const zone = 'America/New_York';
    const start = DateTime.fromISO('2026-11-01T00:00', { zone });
    const slots = Array.from({ length: 52 }, (_, i) => ({
      start: start
        .plus({ minutes: 30 * i })
        .toUTC()
        .toISO()!,
    }));
    const groups = groupByLocalDate(slots, () => zone);
    expect(groups.map((g) => g.date)).to.deep.equal(['2026-11-01', '2026-11-02']);
    expect(groups[0].items).to.have.length(50); // 25 hours of half-hour slots
    expect(groups[1].items).to.have.length(2);
    expect(new Set(groups[0].items.map((s) => s.start)).size).to.equal(50);
  });

  it('groups 23- and 25-hour days in three zones: every half hour of the day once, on its date', () => {
    const days: [string, string, number][] = [
      ['America/New_York', '2026-03-08', 23],
      ['America/New_York', '2026-11-01', 25],
      ['Europe/London', '2026-03-29', 23],
      ['Europe/London', '2026-10-25', 25],
      ['Australia/Adelaide', '2026-04-05', 25], // southern autumn, half-hour zone
      ['Australia/Adelaide', '2026-10-04', 23],
    ];
    for (const [zone, date, hours] of days) {
      const start = DateTime.fromISO(date, { zone }).startOf('day');
      const next = start.plus({ days: 1 });
      expect(next.diff(start, 'hours').hours, `${zone} ${date}`).to.equal(hours);
      // Every half hour from local midnight to the next local midnight, plus one after.
      const slots = Array.from({ length: hours * 2 + 1 }, (_, i) => ({
        start: start
          .plus({ minutes: 30 * i })
          .toUTC()
          .toISO()!,
      }));
      const groups = groupByLocalDate(slots, () => zone);
      expect(
        groups.map((g) => [g.date, g.items.length]),
        `${zone} ${date}`,
      ).to.deep.equal([
        [date, hours * 2],
        [next.toISODate(), 1],
      ]);
    }
  });

  it('property: every item lands on the local date of its start in its zone, once, in order', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            start: fc
              .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) })
              .map((ms) => new Date(ms).toISOString()),
            zone: fc.constantFrom(...ZONES),
          }),
          { maxLength: 60 },
        ),
        (items) => {
          const groups = groupByLocalDate(items, (i) => i.zone);
          const flat = groups.flatMap((g) => g.items);
          expect(flat).to.have.length(items.length);
          expect(new Set(flat).size).to.equal(items.length);
          for (const group of groups) {
            for (const item of group.items) {
              expect(DateTime.fromISO(item.start).setZone(item.zone).toISODate()).to.equal(group.date);
            }
            const starts = group.items.map((i) => Date.parse(i.start));
            expect(starts).to.deep.equal([...starts].sort((a, b) => a - b));
          }
          const dates = groups.map((g) => g.date);
          expect(dates).to.deep.equal([...dates].sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: the query window covers every local day in every zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 11, 31) }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom(...ZONES),
        (ms, days, zone) => {
          const start = DateTime.fromMillis(ms, { zone: 'utc' }).toISODate()!;
          const window = queryWindow(start, days);
          const first = DateTime.fromISO(start, { zone }).startOf('day');
          const last = DateTime.fromISO(addDays(start, days), { zone }).startOf('day').minus({ milliseconds: 1 });
          expect(Date.parse(window.start)).to.be.at.most(first.toMillis());
          expect(Date.parse(window.end)).to.be.above(last.toMillis());
          expect(localDate(first.toUTC().toISO()!, zone)).to.equal(start);
        },
      ),
      { numRuns: 300 },
    );
  });

  // The display helpers use Intl directly (no date library in the script-tag bundle); Luxon is the oracle.
  const TRANSITION_ZONES = [...ZONES, 'America/Santiago', 'America/Havana', 'Asia/Tehran', 'America/Sao_Paulo'];

  it('property: local dates, offsets and "today" agree with Luxon in every zone, DST edges included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 11, 31) }),
        fc.constantFrom(...TRANSITION_ZONES),
        (ms, zone) => {
          const instant = new Date(ms).toISOString();
          const luxon = DateTime.fromMillis(ms, { zone });
          expect(localDate(instant, zone), `${instant} ${zone}`).to.equal(luxon.toISODate());
          expect(today(zone, new Date(ms)), `${instant} ${zone}`).to.equal(luxon.toISODate());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('property: a local day starts at its first instant, also where DST skips or repeats midnight', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 11, 31) }),
        fc.constantFrom(...TRANSITION_ZONES),
        (ms, zone) => {
          const date = DateTime.fromMillis(ms, { zone: 'utc' }).toISODate()!;
          const start = Date.parse(startOfLocalDay(date, zone));
          // Luxon tells the local dates: the start is on that date, the millisecond before is not.
          expect(DateTime.fromMillis(start, { zone }).toISODate(), `${date} ${zone}`).to.equal(date);
          expect(DateTime.fromMillis(start - 1, { zone }).toISODate()! < date, `${date} ${zone}`).to.equal(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('reads a wall time at a midnight that comes twice as its first showing (Havana, November 2024)', () => {
    // Cuba fell back from 01:00 CDT to 00:00 CST on 2024-11-03: 00:00 is 04:00 UTC, then again 05:00 UTC.
    expect(localToUtc('2024-11-03T00:00:00', 'America/Havana')).to.equal('2024-11-03T04:00:00.000Z');
    expect(localToUtc('2024-11-03T00:30:00', 'America/Havana')).to.equal('2024-11-03T04:30:00.000Z');
    expect(wallClock(Date.parse('2024-11-03T05:00:00Z'), 'America/Havana')).to.equal('2024-11-03T00:00:00');
  });

  it('starts a day whose midnight comes twice at the first one (Havana, November 2026)', () => {
    // Cuba falls back from 01:00 to 00:00: the day starts at 00:00 CDT, 04:00 UTC.
    expect(startOfLocalDay('2026-11-01', 'America/Havana')).to.equal('2026-11-01T04:00:00.000Z');
  });

  it('starts a day whose midnight DST skips at 01:00 (Santiago, September 2026)', () => {
    // Chile moves clocks from 00:00 to 01:00 on the first Sunday of September.
    expect(startOfLocalDay('2026-09-06', 'America/Santiago')).to.equal('2026-09-06T04:00:00.000Z');
    expect(formatTime('2026-09-06T04:00:00.000Z', 'America/Santiago', 'en-US', 'h23')).to.equal('01:00');
  });

  it('checks dates and zones without a date library', () => {
    expect(isLocalDate('2026-02-28')).to.equal(true);
    expect(isLocalDate('2026-02-30')).to.equal(false);
    expect(isLocalDate('2026-2-3')).to.equal(false);
    expect(isValidZone('America/New_York')).to.equal(true);
    expect(isValidZone('Mars/Olympus_Mons')).to.equal(false);
    expect(formatTime('2026-03-02T15:00:00Z', 'UTC-06:00', 'en-US')).to.equal('9:00 AM');
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
  });

  it('property: a wall-clock time on a local day is the instant Luxon gives, DST gaps and repeats included', () => {
    const zones = [
      'America/New_York',
      'America/Phoenix',
      'Europe/London',
      'Australia/Adelaide',
      'Australia/Lord_Howe',
      'Asia/Kolkata',
      'America/Santiago',
    ];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 11, 31) }),
        fc.integer({ min: 0, max: 24 * 4 - 1 }),
        fc.constantFrom(...zones),
        (ms, quarter, zone) => {
          const date = DateTime.fromMillis(ms, { zone: 'utc' }).toISODate()!;
          const minutes = quarter * 15;
          const expected = DateTime.fromISO(date, { zone })
            .startOf('day')
            .set({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
            .toMillis();
          expect(wallTimeToInstant(date, minutes, zone), `${date} +${minutes} min ${zone}`).to.equal(expected);
        },
      ),
      { numRuns: 3000 },
    );
    // The Sunday New York springs forward: 2:30 AM does not exist and reads as 3:30 AM EDT.
    expect(new Date(wallTimeToInstant('2026-03-08', 150, 'America/New_York')).toISOString()).to.equal(
      '2026-03-08T07:30:00.000Z',
    );
    // Adelaide falls back at 3:00 AM: 2:30 AM comes twice, the first time is taken.
    expect(new Date(wallTimeToInstant('2026-04-05', 150, 'Australia/Adelaide')).toISOString()).to.equal(
      '2026-04-04T16:00:00.000Z',
    );
  });

  // Vendors' times are read with Intl too (src/core/zoned.ts): Luxon, a dev dependency only, is the oracle.
  it('property: vendor times read and written as Luxon reads and writes them, in every zone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 11, 31) }),
        fc.constantFrom(...TRANSITION_ZONES),
        (ms, zone) => {
          const luxon = DateTime.fromMillis(Math.floor(ms / 1000) * 1000, { zone });
          const wall = luxon.toFormat("yyyy-MM-dd'T'HH:mm:ss");
          expect(wallClock(luxon.toMillis(), zone), `${wall} ${zone}`).to.equal(wall);
          // With its offset, any zone's text is the same instant.
          expect(toUtcInstant(luxon.toISO()), `${luxon.toISO()}`).to.equal(luxon.toUTC().toISO());
          expect(isoWithOffset(luxon.toMillis(), zone)).to.equal(luxon.toISO({ suppressMilliseconds: true }));
          // Without one, read in the zone; a repeated hour's first showing (Luxon's `set`, as wallTimeToInstant;
          // Luxon's fromISO takes the second one there). Where midnight itself comes twice (Havana falls back
          // from 01:00 to 00:00), Luxon's start of the day is the second midnight: the earlier reading of the
          // same wall clock, half an hour or an hour before, is the first showing.
          const set = DateTime.fromISO(wall.slice(0, 10), { zone })
            .startOf('day')
            .set({ hour: luxon.hour, minute: luxon.minute, second: luxon.second });
          const first = [set.minus({ hours: 1 }), set.minus({ minutes: 30 }), set].find(
            (reading) => reading.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm:ss") === wall,
          )!;
          expect(localToUtc(wall, zone), `${wall} ${zone}`).to.equal(first.toUTC().toISO());
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('reads the ISO forms vendors send, and refuses what is not a time', () => {
    expect(toUtcInstant('2026-03-09T09:00:00-05')).to.equal('2026-03-09T14:00:00.000Z');
    expect(toUtcInstant('2026-03-09T09:00:00.1234567+05:30')).to.equal('2026-03-09T03:30:00.123Z');
    expect(toUtcInstant('20260309T090000Z')).to.equal('2026-03-09T09:00:00.000Z');
    expect(localToUtc('2026-03-08T02:30:00', 'America/New_York')).to.equal('2026-03-08T07:30:00.000Z');
    expect(localToUtc('2026-03-09T09:00', 'UTC-06:00')).to.equal('2026-03-09T15:00:00.000Z');
    expect(offsetZoneFromInstant('2026-03-09T09:00:00+05:30')).to.equal('UTC+05:30');
    expect(offsetZoneFromInstant('2026-03-09T09:00:00Z')).to.equal('UTC');
    for (const bad of ['', 'tomorrow', '2026-02-30T10:00:00Z', '2026-03-09T25:00:00Z', '2026-03-09T09:61Z'])
      expect(toUtcInstant(bad), bad).to.equal(undefined);
    expect(localToUtc('2026-03-09T09:00', 'Mars/Olympus')).to.equal(undefined);
  });
});
