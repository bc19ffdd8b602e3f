/**
 * Steps shared by the play functions: choose a time, book it, read what the patient sees.
 */
import { expect, userEvent, waitFor } from 'storybook/test';
import { deepActiveElement, findIn, waitForText } from './dom.js';

/** True when no toolbar global changes the story: only then do plays assert exact dates, times and text. */
export function storyDefaults(globals: Record<string, unknown>): boolean {
  return !globals.timeZone && !globals.locale && !globals.hourCycle && !globals.today;
}

/** Waits for the slot grid and returns its time buttons. */
export async function slotButtons(root: HTMLElement, timeout = 8000): Promise<HTMLButtonElement[]> {
  // The times (in the calendar view the month grid comes first and holds no times).
  await findIn(root, 'slot-picker', 'button.slot', { timeout });
  const picker = root.querySelector('slot-picker')!;
  const buttons = [...picker.shadowRoot!.querySelectorAll<HTMLButtonElement>('button.slot')];
  await expect(buttons.length).toBeGreaterThan(0);
  return buttons;
}

/** Chooses a time the way a keyboard user does: Tab into the grid, arrow right, Enter. */
export async function chooseSlotByKeyboard(root: HTMLElement): Promise<HTMLButtonElement> {
  const buttons = await slotButtons(root);
  const first = buttons.find((b) => b.tabIndex === 0) ?? buttons[0];
  first.focus();
  await expect(deepActiveElement()).toBe(first);
  await userEvent.keyboard('{ArrowRight}');
  const second = deepActiveElement();
  await expect(second).toBeInstanceOf(HTMLButtonElement);
  await expect(second).not.toBe(first);
  await userEvent.keyboard('{Enter}');
  await expect((second as HTMLButtonElement).closest('[role="gridcell"]')?.getAttribute('aria-selected')).toBe('true');
  return second as HTMLButtonElement;
}

/** Chooses a time with a click (the `index`-th free time). */
export async function chooseSlotByClick(root: HTMLElement, index = 0): Promise<HTMLButtonElement> {
  const buttons = await slotButtons(root);
  const button = buttons[Math.min(index, buttons.length - 1)];
  await userEvent.click(button);
  // Chosen: aria-pressed on the time itself (calendar view), aria-selected on its cell (list view).
  const chosen = () =>
    button.getAttribute('aria-pressed') === 'true' ||
    button.closest('[role="gridcell"]')?.getAttribute('aria-selected') === 'true';
  await waitFor(() => expect(chosen()).toBe(true));
  return button;
}

/** Clicks the `<confirm-button>`'s button. */
export async function clickBook(root: HTMLElement): Promise<void> {
  const button = await findIn<HTMLButtonElement>(root, 'confirm-button', 'button[part="button"]');
  await waitForAttribute(button, 'aria-disabled', 'false');
  await userEvent.click(button);
}

export async function waitForAttribute(element: Element, name: string, value: string, timeout = 5000): Promise<void> {
  const start = Date.now();
  while (element.getAttribute(name) !== value) {
    if (Date.now() - start > timeout)
      throw new Error(`${name} never became "${value}" (is "${element.getAttribute(name)}")`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The status message of `<confirm-button>` after booking. */
export async function bookingOutcome(root: HTMLElement, text: string | RegExp): Promise<HTMLElement> {
  const status = await findIn(root, 'confirm-button', '[part="status"]', { text, timeout: 8000 });
  await waitForText(status, text);
  return status;
}
