import { fixture, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import '../src/define.js';
import type { BookingProviderElement } from '../src/elements/booking-provider/booking-provider.js';

/** A Monday, 10:00 in New York: the fixed clock of most tests. */
export const NOW = '2026-03-02T15:00:00.000Z';

/** Mounts a template whose root is a <booking-provider>, waits for the adapter. */
export async function mountProvider(template: TemplateResult): Promise<BookingProviderElement> {
  const provider = await fixture<BookingProviderElement>(template);
  await waitUntil(() => provider.activeBackend, 'the backend did not load', { timeout: 5000 });
  return provider;
}

/** Everything in an element's shadow root matching a selector. */
export function all<T extends Element = HTMLElement>(el: Element, selector: string): T[] {
  return [...(el.shadowRoot?.querySelectorAll<T>(selector) ?? [])];
}

export function one<T extends Element = HTMLElement>(el: Element, selector: string): T {
  const found = el.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`${el.localName}: nothing matches ${selector}`);
  return found;
}

/** Text a user sees in an element's shadow root (whitespace folded). */
export function text(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

export async function until(predicate: () => unknown, message: string, timeout = 5000): Promise<void> {
  await waitUntil(predicate, message, { timeout, interval: 20 });
}

/** Resolves with the detail of the next event of that type on the target. */
export function nextEvent<T>(target: EventTarget, type: string): Promise<T> {
  return new Promise((resolve) => target.addEventListener(type, (e) => resolve((e as CustomEvent<T>).detail), { once: true }));
}

/** The accessible names of a slot picker's time buttons (date, time, zone, practitioner, location, mode). */
export function slotNames(picker: Element): string[] {
  return all(picker, 'button.slot .name').map((n) => (n.textContent ?? '').trim());
}
