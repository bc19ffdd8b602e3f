import { AppointmentListElement } from './appointment-list/appointment-list.js';
import { BookingProviderElement } from './booking-provider/booking-provider.js';
import { ConfirmButtonElement } from './confirm-button/confirm-button.js';
import { defineElement } from './shared/base.js';
import { SlotPickerElement } from './slot-picker/slot-picker.js';

/*
 * Which element goes where in the script-tag build: the first screen (provider, picker, confirm button,
 * list) is in dist/careslot.js; every other element is a lazy chunk, fetched the first time its tag
 * appears in the page (the autoloader below), so a page pays only for what it uses.
 */

/** The elements of the first screen, registered up front. */
export const FIRST_SCREEN: Readonly<Record<string, CustomElementConstructor>> = {
  'booking-provider': BookingProviderElement,
  'slot-picker': SlotPickerElement,
  'confirm-button': ConfirmButtonElement,
  'appointment-list': AppointmentListElement,
};

/** The other elements, each a dynamic import (its own chunk). */
export const LAZY_ELEMENTS: Readonly<Record<string, () => Promise<CustomElementConstructor>>> = {
  'visit-filter': () => import('./visit-filter/visit-filter.js').then((m) => m.VisitFilterElement),
  'time-zone-select': () => import('./time-zone-select/time-zone-select.js').then((m) => m.TimeZoneSelectElement),
  'patient-form': () => import('./patient-form/patient-form.js').then((m) => m.PatientFormElement),
  'booking-flow': () => import('./booking-flow/booking-flow.js').then((m) => m.BookingFlowElement),
  'booking-confirmation': () =>
    import('./booking-confirmation/booking-confirmation.js').then((m) => m.BookingConfirmationElement),
};

export function defineFirstScreen(): void {
  for (const [tag, constructor] of Object.entries(FIRST_SCREEN)) defineElement(tag, constructor);
}

const loading = new Map<string, Promise<void>>();

/** Loads and registers one lazy element; resolves when it is defined. A failed load can be tried again. */
export function loadElement(tag: string): Promise<void> {
  const load = LAZY_ELEMENTS[tag];
  if (!load || customElements.get(tag)) return Promise.resolve();
  let pending = loading.get(tag);
  if (!pending) {
    pending = load().then(
      (constructor) => defineElement(tag, constructor),
      (error: unknown) => {
        loading.delete(tag);
        console.warn(`careslot: <${tag}> could not be loaded`, error);
      },
    );
    loading.set(tag, pending);
  }
  return pending;
}

const SELECTOR = Object.keys(LAZY_ELEMENTS).join(',');

function loadWithin(node: Node): void {
  if (!(node instanceof Element)) return;
  if (node.localName in LAZY_ELEMENTS) void loadElement(node.localName);
  for (const found of node.querySelectorAll(SELECTOR)) void loadElement(found.localName);
}

/**
 * Registers each lazy element the first time its tag is in the page (now, or added later by a framework
 * or a script), like Web Awesome's autoloader. Observes the document's light DOM; elements that render
 * others in their shadow root import them themselves.
 */
export function autoloadElements(root: Document = document): void {
  loadWithin(root.documentElement);
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) loadWithin(node);
  }).observe(root.documentElement, { childList: true, subtree: true });
}
