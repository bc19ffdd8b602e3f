import { msg, str } from '@lit/localize';
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

/** The patient's sentence per error kind, in the current language (computed when shown). */
const patientTexts = (): Record<BookingErrorKind, string> => ({
  'slot-unavailable': msg('That time was just taken. Please choose another time.', { id: 'message.slotUnavailable' }),
  'auth-expired': msg('Your session has ended. Please sign in again, then try again.', { id: 'message.authExpired' }),
  'sign-in-required': msg('Please sign in to your patient account to book online.', { id: 'message.signInRequired' }),
  forbidden: msg('This cannot be done online.', { id: 'message.forbidden' }),
  validation: msg('The clinic could not accept this request online.', { id: 'message.validation' }),
  'not-found': msg('We could not find that appointment or time. Please reload the page.', { id: 'message.notFound' }),
  conflict: msg('This appointment changed in the meantime. Please reload the page and try again.', {
    id: 'message.conflict',
  }),
  'not-supported': msg('This clinic does not offer that online.', { id: 'message.notSupported' }),
  'rate-limited': msg('The clinic is busy right now. Please wait a minute, then try again.', {
    id: 'message.rateLimited',
  }),
  timeout: msg('The clinic took too long to answer. Please try again.', { id: 'message.timeout' }),
  network: msg('We could not reach the clinic. Please check your connection and try again.', {
    id: 'message.network',
  }),
  'upstream-unavailable': msg(
    'The clinic’s booking system is not available right now. Please try again in a few minutes.',
    { id: 'message.upstreamUnavailable' },
  ),
  'malformed-response': msg('Something went wrong on the clinic’s side. Please try again.', {
    id: 'message.malformed',
  }),
  unknown: msg('Something went wrong. Please try again.', { id: 'message.unknown' }),
});

/** Stands for the phone number in a translated sentence, where the link goes. */
const PHONE_MARK = '\u0000phone\u0000';

const callClinic = () => msg('Or call the clinic.', { id: 'message.call' });

/** The patient's sentence for an error, and whether it ends with "call the clinic". */
function sentence(error: BookingError): { text: string; call: boolean } {
  const texts = patientTexts();
  return { text: texts[error.kind] ?? texts.unknown, call: CALL_CLINIC.has(error.kind) };
}

/** The patient's sentence for an error, as plain text (live regions, announcements). */
export function patientText(error: BookingError, phone?: string): string {
  const { text, call } = sentence(error);
  if (!call) return text;
  return `${text} ${phone ? msg(str`Or call the clinic at ${phone}.`, { id: 'message.callAt' }) : callClinic()}`;
}

/** The same sentence for the screen, with the clinic's number as a tel: link. Warns developers once. */
export function patientMessage(error: BookingError, phone?: string): TemplateResult {
  warnOnce(error);
  const { text, call } = sentence(error);
  if (!call) return html`${text}`;
  if (!phone) return html`${text} ${callClinic()}`;
  return html`${text}
  ${withPhoneLink((mark) => msg(str`Or call the clinic at ${mark}.`, { id: 'message.callAt' }), phone)}`;
}

/**
 * A translated sentence with the clinic's number as a tel: link wherever the language puts it:
 * `withPhoneLink((mark) => msg(str\`Please call ${mark}.\`, { id }), phone)`.
 */
export function withPhoneLink(sentence: (mark: string) => string, phone: string): TemplateResult {
  const [before, after = ''] = sentence(PHONE_MARK).split(PHONE_MARK);
  return html`${before}<a href=${telHref(phone)}>${phone}</a>${after}`;
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
  return html`${msg('Online booking is not available on this page right now. Please call the clinic.', { id: 'message.setup' })}`;
}

/** What a patient reads when the backend accepted a booking for later processing, in the current language. */
export function pendingText(): string {
  return msg(
    'Your request was sent to the clinic. It will show in your appointments once the clinic has processed it.',
    {
      id: 'message.pending',
    },
  );
}
