import type { Appointment, VisitMode } from './model.js';
import { isValidZone, offsetChanges, zoneOffsetAt } from './time.js';

/**
 * An appointment as an iCalendar file (RFC 5545) for "Add to calendar": one VEVENT in the clinic's wall-clock
 * time with `TZID=<IANA zone>`, and a VTIMEZONE for that zone built from the browser's own zone data (Intl,
 * through `zoneOffsetAt`), so calendars that do not know the zone name still place the visit at the right
 * instant. Pure: no DOM, no date library. It carries only what the appointment carries (never a patient name).
 */

export interface IcsOptions {
  /** The calendar's PRODID. Default `-//careslot//careslot//EN`. */
  productId?: string;
  /** The moment the file is made (DTSTAMP). */
  now: Date;
  /** SUMMARY; default "Appointment with <practitioner>", else the visit type. */
  summary?: string;
  /** DESCRIPTION; default the visit type, instructions, video link, clinic phone and reference. */
  description?: string;
  /** The clinic's phone where the appointment's location has none (the backend's phone). */
  phone?: string;
  /** The words of SUMMARY, LOCATION and DESCRIPTION. Default English. */
  labels?: IcsLabels;
}

/** The words of the generated text, in the page's language (the elements pass them in); English by default. */
export interface IcsLabels {
  /** SUMMARY with a practitioner: "Appointment with <name>". */
  appointmentWith: (name: string) => string;
  /** SUMMARY without practitioner or service. */
  appointment: string;
  /** The visit type, in LOCATION (not in person) and DESCRIPTION. */
  mode: Record<VisitMode, string>;
  /** Before the video link: "Join the video visit:". */
  video: string;
  /** Before the clinic's phone: "Clinic phone:". */
  phone: string;
  /** Before the reference: "Reference:". */
  reference: string;
}

/** The English defaults of the generated text. */
const ENGLISH: IcsLabels = {
  appointmentWith: (name: string) => `Appointment with ${name}`,
  appointment: 'Appointment',
  mode: { 'in-person': 'In person', video: 'Video visit', phone: 'Phone call' },
  video: 'Join the video visit:',
  phone: 'Clinic phone:',
  reference: 'Reference:',
};

const MINUTE = 60_000;

/** The appointment as the text of an `.ics` file (CRLF line endings, lines folded at 75 octets). */
export function appointmentToIcs(appointment: Appointment, options: IcsOptions): string {
  const start = Date.parse(appointment.start);
  const end = Date.parse(appointment.end);
  const zone = appointment.timeZone;
  // A zone Intl does not know by name (a bare offset, "UTC"): the times go as UTC instants, without a VTIMEZONE.
  const named = isValidZone(zone) && !/^(?:Etc\/)?(?:UTC|GMT|Z)$/i.test(zone);
  const last = Number.isNaN(end) ? start : end;
  // A wall time the clock shows twice (01:30 on a fall-back night) is read as its first showing by RFC 5545
  // §3.3.5 and as its second by some parsers: such an event goes as UTC instants instead.
  const local = named && [start, last].every((ms) => unambiguous(ms, zone));
  const when = (ms: number) =>
    local ? `;TZID=${paramValue(zone)}:${localStamp(ms, zoneOffsetAt(ms, zone))}` : `:${localStamp(ms, 0)}Z`;
  const labels = options.labels ?? ENGLISH;
  const location = appointment.location;
  const url = httpUrl(appointment.telehealthUrl);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${text(options.productId ?? '-//careslot//careslot//EN')}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    ...(local ? vtimezone(zone, start, last) : []),
    'BEGIN:VEVENT',
    `UID:${text(`${appointment.id}@careslot`)}`,
    `DTSTAMP:${localStamp(options.now.getTime(), 0)}Z`,
    `DTSTART${when(start)}`,
    `DTEND${when(last)}`,
    `SUMMARY:${text(options.summary ?? summaryOf(appointment, labels))}`,
  ];
  const place =
    appointment.mode === 'in-person' && location
      ? [location.name, ...addressParts(appointment)].filter(Boolean).join(', ')
      : labels.mode[appointment.mode];
  if (place) lines.push(`LOCATION:${text(place)}`);
  const description = options.description ?? descriptionOf(appointment, labels, url, location?.phone ?? options.phone);
  if (description) lines.push(`DESCRIPTION:${text(description)}`);
  if (url) lines.push(`URL:${url}`);
  lines.push(
    `STATUS:${appointment.status === 'cancelled' ? 'CANCELLED' : appointment.status === 'proposed' || appointment.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED'}`,
    'END:VEVENT',
    'END:VCALENDAR',
  );
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** The address of the appointment's location as parts of one line: street lines, city, "state postal code", country. */
export function addressParts(appointment: Pick<Appointment, 'location'>): string[] {
  const address = appointment.location?.address;
  if (!address) return [];
  const region = [address.state, address.postalCode].filter(Boolean).join(' ');
  return [...address.lines, address.city, region, address.country].filter((part): part is string => !!part?.trim());
}

function summaryOf(appointment: Appointment, labels: IcsLabels): string {
  if (appointment.practitioner?.name) return labels.appointmentWith(appointment.practitioner.name);
  return appointment.service?.name ?? labels.appointment;
}

function descriptionOf(
  appointment: Appointment,
  labels: IcsLabels,
  url: string | undefined,
  phone: string | undefined,
): string {
  const mode = labels.mode[appointment.mode];
  const service = appointment.service?.name;
  const parts = [service && service !== mode ? `${mode} · ${service}` : mode, ...(appointment.instructions ?? [])];
  if (url) parts.push(`${labels.video} ${url}`);
  if (phone) parts.push(`${labels.phone} ${phone}`);
  parts.push(`${labels.reference} ${appointment.id}`);
  return parts.join('\n');
}

/** Only absolute http(s) links go into the file. */
function httpUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines escaped, other controls dropped. */
function text(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/** A parameter value: quoted where it holds `:`, `;` or `,` (a TZID never should). */
function paramValue(value: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = value.replace(/["\u0000-\u001f]/g, '');
  return /[:;,]/.test(clean) ? `"${clean}"` : clean;
}

/** Whether no other instant shows the same wall time in the zone (offsets change at most once in hours). */
function unambiguous(ms: number, zone: string): boolean {
  const wall = ms + zoneOffsetAt(ms, zone) * MINUTE;
  return [ms - 6 * 60 * MINUTE, ms + 6 * 60 * MINUTE].every((near) => {
    const offset = zoneOffsetAt(near, zone);
    const other = wall - offset * MINUTE;
    return other === ms || zoneOffsetAt(other, zone) !== offset;
  });
}

/** `YYYYMMDDTHHMMSS` of an instant read with an offset (minutes east of UTC). */
function localStamp(ms: number, offset: number): string {
  return new Date(ms + offset * MINUTE).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

/** `+hhmm` / `-hhmm`. */
function offsetText(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A VTIMEZONE for the zone from the year before the event to the year after it: an observance from the start of
 * that span, then one per offset change in it (each with its single onset, so no recurrence rules to guess). A
 * zone without changes gets one STANDARD. An offset above the span's lowest is daylight time.
 */
function vtimezone(zone: string, start: number, end: number): string[] {
  const from = Date.UTC(new Date(start).getUTCFullYear() - 1, 0, 1);
  const to = Date.UTC(new Date(end).getUTCFullYear() + 2, 0, 1);
  const changes = offsetChanges(zone, from, to);
  const first = zoneOffsetAt(from, zone);
  const lowest = Math.min(first, ...changes.map((c) => c.after));
  const observance = (at: number, before: number, after: number) => {
    const kind = after > lowest ? 'DAYLIGHT' : 'STANDARD';
    return [
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(at, before)}`,
      `TZOFFSETFROM:${offsetText(before)}`,
      `TZOFFSETTO:${offsetText(after)}`,
      `END:${kind}`,
    ];
  };
  return [
    'BEGIN:VTIMEZONE',
    `TZID:${text(zone)}`,
    ...(changes.length ? observance(from, first, first) : observance(Date.UTC(1970, 0, 1), first, first)),
    ...changes.flatMap((c) => observance(c.at, c.before, c.after)),
    'END:VTIMEZONE',
  ];
}

const encoder = new TextEncoder();

/** Folds a content line at 75 octets (RFC 5545 §3.1): CRLF and a space, never inside a UTF-8 character. */
function fold(line: string): string {
  if (encoder.encode(line).length <= 75) return line;
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // The first line holds 75 octets; each continuation line starts with a space, leaving 74.
    if (octets + size > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n ');
}
