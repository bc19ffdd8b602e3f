/**
 * Medfusion appointmentsdata XML <-> domain. XML is read with the browser's DOMParser (as data, never
 * rendered) and written with the DOM and XMLSerializer, so every value is escaped.
 */
import { BookingError } from '../../core/errors.js';
import type { Address, Appointment } from '../../core/model.js';
import { localToUtc, toUtcInstant } from '../../core/zoned.js';
import type { ZoneChoice } from '../shared.js';

/** Parses XML text; a parsererror (or no document element) becomes `malformed-response`. */
export function parseXml(text: string, what: string): Document {
  let doc: Document;
  try {
    doc = new DOMParser().parseFromString(text, 'application/xml');
  } catch (cause) {
    throw new BookingError('malformed-response', `Medfusion sent ${what} that is not valid XML.`, { cause });
  }
  if (
    !doc.documentElement ||
    doc.getElementsByTagName('parsererror').length > 0 ||
    doc.documentElement.localName === 'parsererror'
  ) {
    throw new BookingError('malformed-response', `Medfusion sent ${what} that is not valid XML.`);
  }
  return doc;
}

/** Child elements by local name, case-insensitively (Medfusion's pages disagree on DataJobId vs dataJobId). */
export function children(parent: Element, name: string): Element[] {
  const wanted = name.toLowerCase();
  return [...parent.children].filter((c) => c.localName.toLowerCase() === wanted);
}

export function child(parent: Element | undefined, name: string): Element | undefined {
  return parent ? children(parent, name)[0] : undefined;
}

/** Trimmed text of a child element, undefined when absent or empty. */
export function textOf(parent: Element | undefined, name: string): string | undefined {
  const value = child(parent, name)?.textContent?.trim();
  return value ? value : undefined;
}

/** First element anywhere below `root` (or root itself) with one of these local names. */
export function findDeep(root: Element, ...names: string[]): Element | undefined {
  const wanted = names.map((n) => n.toLowerCase());
  if (wanted.includes(root.localName.toLowerCase())) return root;
  for (const el of root.getElementsByTagName('*')) if (wanted.includes(el.localName.toLowerCase())) return el;
  return undefined;
}

export type MedfusionStatus = 'NEW' | 'UPDATE' | 'CANCEL';

export interface ReadOptions {
  patientId?: string;
  /** Zone of the clinic for a `<Location>` value. */
  zoneFor: (location: string | undefined) => ZoneChoice;
  /** Offset-less `<Time>` values are clinic wall-clock time (`clinic`, the default) or UTC (`utc`). */
  naiveTimes: 'utc' | 'clinic';
  durationMinutes: number;
  phone?: string;
  /** Practice-side cancel is on (the host holds the practice's OAuth token). */
  practiceCancel: boolean;
  /** The clock: appointments that are over show as completed. */
  now: () => Date;
}

function address(el: Element | undefined): Address | undefined {
  if (!el) return undefined;
  const lines = [textOf(el, 'Address1'), textOf(el, 'Address2')].filter((l): l is string => !!l);
  const result: Address = { lines };
  const city = textOf(el, 'City');
  const state = textOf(el, 'State');
  const zip = textOf(el, 'ZipCode');
  if (city) result.city = city;
  if (state) result.state = state;
  if (zip) result.postalCode = zip;
  return lines.length || city || state || zip ? result : undefined;
}

function instant(value: string | undefined, zone: string, naive: 'utc' | 'clinic'): string | undefined {
  if (!value) return undefined;
  if (/(?:[zZ]|[+-]\d\d(?::?\d\d)?)$/.test(value)) return toUtcInstant(value);
  return localToUtc(value, naive === 'utc' ? 'UTC' : zone);
}

/**
 * Reads AppointmentData: one `<Appointments>` element per message about one appointment. Messages are
 * applied in document order per AppointmentId (NEW, then UPDATEs, then CANCEL), so the last one wins.
 */
export function readAppointmentData(doc: Document, options: ReadOptions): Appointment[] {
  const root = doc.documentElement;
  if (root.localName.toLowerCase() !== 'appointmentdata') {
    throw new BookingError(
      'malformed-response',
      `Medfusion sent <${root.localName}> where AppointmentData was expected.`,
    );
  }
  const byId = new Map<string, Appointment>();
  children(root, 'Appointments').forEach((el, index) => {
    const id = textOf(el, 'AppointmentId');
    const status = textOf(el, 'Status')?.toUpperCase();
    const patient = textOf(child(el, 'Patient'), 'PatientId');
    if (options.patientId && patient && patient !== options.patientId) return;
    if (!id) throw unreadable(index, 'it has no AppointmentId');
    if (status !== 'NEW' && status !== 'UPDATE' && status !== 'CANCEL')
      throw unreadable(index, `its Status is ${status ? `"${status}"` : 'missing'} (NEW, UPDATE or CANCEL expected)`);
    const locationName = textOf(el, 'Location');
    const { timeZone: zone, timeZoneSource: source } = options.zoneFor(locationName);
    const start = instant(textOf(el, 'Time'), zone, options.naiveTimes);
    if (!start) throw unreadable(index, 'its Time is not a date and time');
    const end = new Date(Date.parse(start) + options.durationMinutes * 60_000).toISOString();
    const provider = children(el, 'Participant').find(
      (p) => (textOf(p, 'Type') ?? 'PROVIDER').toUpperCase() === 'PROVIDER',
    );
    const providerName = textOf(provider, 'ProviderName');
    const type = textOf(el, 'Type');
    const description = textOf(el, 'Reason') ?? textOf(el, 'Description');
    const cancelled = status === 'CANCEL';
    const previous = byId.get(id);
    const appointment: Appointment = {
      id,
      status: cancelled ? 'cancelled' : Date.parse(end) < options.now().getTime() ? 'fulfilled' : 'booked',
      start,
      end,
      timeZone: zone,
      timeZoneSource: source,
      mode: 'in-person',
      canConfirm: false,
      cancel: options.practiceCancel && !cancelled ? 'direct' : 'none',
      native: { xml: new XMLSerializer().serializeToString(el), status },
    };
    if (providerName)
      appointment.practitioner = { id: textOf(provider, 'Identifier') ?? providerName, name: providerName };
    else if (previous?.practitioner) appointment.practitioner = previous.practitioner;
    if (locationName) {
      appointment.location = { id: locationName, name: locationName, timeZone: zone, timeZoneSource: source };
      const addr = address(child(el, 'AppointmentAddress'));
      if (addr) appointment.location.address = addr;
      if (options.phone) appointment.location.phone = options.phone;
    } else if (previous?.location) appointment.location = previous.location;
    if (type || description) appointment.service = { id: type ?? description!, name: description ?? type! };
    byId.set(id, appointment);
  });
  return [...byId.values()].sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
}

function unreadable(index: number, why: string): BookingError {
  return new BookingError(
    'malformed-response',
    `Medfusion sent appointment ${index + 1} in a form careslot cannot read: ${why}.`,
  );
}

export interface Sender {
  vendorName: string;
  deviceName: string;
  deviceVersion: string;
  /** ISO with offset, e.g. 2016-12-12T12:45:12-04:00. */
  deviceLocalTime: string;
}

/**
 * An AppointmentData message for the given `<Appointments>` elements (as serialized XML), each with
 * its Status replaced. The root is `ns2:AppointmentData` in the schema namespace; children are unqualified.
 */
export function buildAppointmentData(
  namespace: string,
  sender: Sender,
  items: { xml: string; status: MedfusionStatus }[],
): string {
  const doc = document.implementation.createDocument(namespace, 'ns2:AppointmentData', null);
  const root = doc.documentElement;
  const header = doc.createElementNS(null, 'AppointmentMessageHeader');
  const s = doc.createElementNS(null, 'Sender');
  s.setAttribute('VendorName', sender.vendorName);
  s.setAttribute('DeviceLocalTime', sender.deviceLocalTime);
  s.setAttribute('DeviceVersion', sender.deviceVersion);
  s.setAttribute('DeviceName', sender.deviceName);
  header.append(s);
  root.append(header);
  for (const item of items) {
    const source = parseXml(item.xml, 'an appointment').documentElement;
    const el = doc.importNode(source, true);
    let status = child(el, 'Status');
    if (!status) {
      status = doc.createElementNS(null, 'Status');
      el.insertBefore(status, child(el, 'AppointmentId')?.nextSibling ?? null);
    }
    status.textContent = item.status;
    root.append(el);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(doc)}`;
}

/** Best human text out of an error body: XML/HTML message elements, else short plain text. */
export function errorText(body: string, contentType: string | null): string | undefined {
  const trimmed = body.trim();
  if (!trimmed) return undefined;
  if (trimmed.startsWith('<')) {
    const html = /html/i.test(contentType ?? '') || /^<(!doctype html|html)/i.test(trimmed);
    const doc = new DOMParser().parseFromString(trimmed, html ? 'text/html' : 'application/xml');
    if (!html && doc.getElementsByTagName('parsererror').length) return undefined;
    const root = html ? doc.body : doc.documentElement;
    if (!root) return undefined;
    const el =
      findDeep(root, 'Message', 'ResponseMessage', 'ErrorMessage', 'Error', 'Description', 'p') ??
      (html ? (doc.querySelector('title') ?? undefined) : undefined);
    const text = (el ?? root).textContent?.replace(/\s+/g, ' ').trim();
    return text ? text.slice(0, 300) : undefined;
  }
  return trimmed.length <= 300 ? trimmed : undefined;
}
