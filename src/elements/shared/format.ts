import { msg, str } from '@lit/localize';
import type { Appointment, Slot, VisitMode } from '../../core/model.js';
import {
  displayZone,
  formatDate,
  formatTime,
  localDate,
  secondaryZone,
  zoneName,
  type DisplaySettings,
} from '../../core/time.js';

/** The kind of visit in the current language (computed at render time). */
const modeLabels = (): Record<VisitMode, string> => ({
  'in-person': msg('In person', { id: 'format.inPerson' }),
  video: msg('Video visit', { id: 'format.video' }),
  phone: msg('Phone call', { id: 'format.phone' }),
});

export function modeLabel(mode: VisitMode): string {
  return modeLabels()[mode];
}

export interface WhenText {
  /** "Monday, March 9, 2026" in the display zone. */
  date: string;
  /** "9:00 AM" */
  time: string;
  /** "EST" */
  zone: string;
  /** "12:00 PM your time" / "6:00 AM clinic time (PST)", when the other zone reads differently. */
  other?: string;
}

/** The text of when a slot or appointment happens, by the design's time-zone policy. */
export function whenText(item: Slot | Appointment, display: DisplaySettings): WhenText {
  const zone = displayZone(item, display);
  const { locale, hourCycle } = display;
  const when: WhenText = {
    date: formatDate(localDate(item.start, zone), locale),
    time: formatTime(item.start, zone, locale, hourCycle),
    zone: zoneName(item.start, zone, locale),
  };
  const other = secondaryZone(item.start, item, display);
  if (other) {
    let otherTime = formatTime(item.start, other, locale, hourCycle);
    // On another calendar day there, say which one: "2:00 PM Mon, Mar 2 your time".
    const otherDate = localDate(item.start, other);
    if (otherDate !== localDate(item.start, zone)) otherTime += ` ${formatDate(otherDate, locale, 'short')}`;
    when.other =
      other === display.patientZone
        ? msg(str`${otherTime} your time`, { id: 'format.yourTime' })
        : msg(str`${otherTime} clinic time (${zoneName(item.start, other, locale)})`, { id: 'format.clinicTime' });
  }
  return when;
}

/** The full accessible name: date, time, zone, practitioner, location and kind of visit. */
export function describeVisit(
  item: Slot | Appointment,
  display: DisplaySettings,
  when = whenText(item, display),
): string {
  const parts = [`${when.time} ${when.zone}`, when.date];
  if (when.other) parts.push(when.other);
  if (item.practitioner) parts.push(item.practitioner.name);
  if (item.location) parts.push(item.location.name);
  parts.push(modeLabel(item.mode));
  return parts.join(', ');
}

/** Only http(s) links from a backend become hrefs; anything else (javascript:, data:) is dropped. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url, document.baseURI);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The `tel:` href of a phone number as a backend or the page writes it ("+1 (212) 555-0142" → "tel:+12125550142"). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^+\d]/g, '')}`;
}
