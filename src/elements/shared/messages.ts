import { html, type TemplateResult } from 'lit';
import type { BookingError, BookingErrorKind } from '../../core/errors.js';
import { telHref } from './format.js';

/*
 * What a patient reads when something fails: a short sentence per error kind that says what to do next,
 * never the backend's own words (those stay in `error.message` for developers: the event detail and one
 * console warning). Where the clinic's number is known, "call the clinic" names it as a tel: link.
 */

/** Whether the next step is to call the clinic (the patient cannot fix it online). */
const CALL_CLINIC: ReadonlySet<BookingErrorKind> = new Set([
  'sign-in-required',
  'forbidden',
  'validation',
  'not-supported',
  'not-found',
  'upstream-unavailable',
  'malformed-response',
  'unknown',
]);

const PATIENT_TEXT: Record<BookingErrorKind, string> = {
  'slot-unavailable': 'That time was just taken. Please choose another time.',
  'auth-expired': 'Your session has ended. Please sign in again, then try again.',
  'sign-in-required': 'Please sign in to your patient account to book online.',
  forbidden: 'This cannot be done online.',
  validation: 'The clinic could not accept this request online.',
  'not-found': 'We could not find that appointment or time. Please reload the page.',
  conflict: 'This appointment changed in the meantime. Please reload the page and try again.',
  'not-supported': 'This clinic does not offer that online.',
  'rate-limited': 'The clinic is busy right now. Please wait a minute, then try again.',
  timeout: 'The clinic took too long to answer. Please try again.',
  network: 'We could not reach the clinic. Please check your connection and try again.',
  'upstream-unavailable': 'The clinic’s booking system is not available right now. Please try again in a few minutes.',
  'malformed-response': 'Something went wrong on the clinic’s side. Please try again.',
  unknown: 'Something went wrong. Please try again.',
};

/** The patient's sentence for an error, and whether it ends with "call the clinic". */
function sentence(error: BookingError): { text: string; call: boolean } {
  return { text: PATIENT_TEXT[error.kind] ?? PATIENT_TEXT.unknown, call: CALL_CLINIC.has(error.kind) };
}

/** The patient's sentence for an error, as plain text (live regions, announcements). */
export function patientText(error: BookingError, phone?: string): string {
  const { text, call } = sentence(error);
  if (!call) return text;
  return `${text} ${phone ? `Or call the clinic at ${phone}.` : 'Or call the clinic.'}`;
}

/** The same sentence for the screen, with the clinic's number as a tel: link. Warns developers once. */
export function patientMessage(error: BookingError, phone?: string): TemplateResult {
  warnOnce(error);
  const { text, call } = sentence(error);
  if (!call) return html`${text}`;
  return phone
    ? html`${text} Or call the clinic at <a href=${telHref(phone)}>${phone}</a>.`
    : html`${text} Or call the clinic.`;
}

const warned = new WeakSet<BookingError>();

/** One console warning per error, with what the backend said: for the developer, never shown to the patient. */
export function warnOnce(error: BookingError): void {
  if (warned.has(error)) return;
  warned.add(error);
  const code = [error.status, error.backendCode].filter((part) => part !== undefined).join(' ');
  console.warn(`careslot: ${error.kind}${code ? ` (${code})` : ''}: ${error.message}`);
}

/**
 * What a patient reads when the page's own set-up is wrong (an unknown backend, unreadable options): the
 * page's developer has to fix it, the patient can only call. Connection problems keep their own sentence.
 */
export function setupMessage(error: BookingError, phone?: string): TemplateResult {
  if (['network', 'timeout', 'upstream-unavailable'].includes(error.kind)) return patientMessage(error, phone);
  warnOnce(error);
  return html`Online booking is not available on this page right now. Please call the clinic.`;
}

/** What a patient reads when the backend accepted a booking for later processing. */
export const PENDING_TEXT =
  'Your request was sent to the clinic. It will show in your appointments once the clinic has processed it.';
