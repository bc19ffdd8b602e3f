/**
 * Play-function helpers that see through shadow roots (Testing Library's queries stop at them).
 */
import { waitFor } from 'storybook/test';

/** Every element matching `selector` under `root`, including inside nested open shadow roots. */
export function deepQueryAll<T extends Element = HTMLElement>(root: ParentNode, selector: string): T[] {
  const found: T[] = [...root.querySelectorAll<T>(selector)];
  for (const element of root.querySelectorAll('*')) {
    if (element.shadowRoot) found.push(...deepQueryAll<T>(element.shadowRoot, selector));
  }
  return found;
}

/** Visible text of an element, including its shadow tree (for assertions on what a patient reads). */
export function deepText(element: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    for (const child of node.childNodes) walk(child);
  };
  walk(element);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export interface FindOptions {
  /** Only elements whose (deep) text contains this. */
  text?: string | RegExp;
  timeout?: number;
}

/** Waits for the first element matching `selector` (and `text`), through shadow roots. */
export async function findDeep<T extends HTMLElement = HTMLElement>(
  root: ParentNode,
  selector: string,
  options: FindOptions = {},
): Promise<T> {
  const { text, timeout = 5000 } = options;
  return waitFor(
    () => {
      const match = deepQueryAll<T>(root, selector).find((el) => {
        if (text === undefined) return true;
        const content = deepText(el);
        return typeof text === 'string' ? content.includes(text) : text.test(content);
      });
      if (!match) throw new Error(`Nothing matches ${selector}${text ? ` with text ${String(text)}` : ''}`);
      return match;
    },
    { timeout },
  );
}

/** Waits until the story's text (through shadow roots) contains `text`. */
export async function waitForText(root: Element, text: string | RegExp, timeout = 5000): Promise<void> {
  await waitFor(
    () => {
      const content = deepText(root);
      const ok = typeof text === 'string' ? content.includes(text) : text.test(content);
      if (!ok) throw new Error(`Text not found: ${String(text)}\nGot: ${content.slice(0, 500)}`);
    },
    { timeout },
  );
}

/** The element that has focus, through shadow roots. */
export function deepActiveElement(): Element | null {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Waits for `selector` inside the shadow root of the first `host` element (e.g. `'slot-picker'`) under `root`. */
export async function findIn<T extends HTMLElement = HTMLElement>(
  root: ParentNode,
  host: string,
  selector: string,
  options: FindOptions = {},
): Promise<T> {
  const { text, timeout = 5000 } = options;
  return waitFor(
    () => {
      const hosts = deepQueryAll(root, host);
      for (const element of hosts) {
        const match = [...(element.shadowRoot?.querySelectorAll<T>(selector) ?? [])].find((el) => {
          if (text === undefined) return true;
          const content = deepText(el);
          return typeof text === 'string' ? content.includes(text) : text.test(content);
        });
        if (match) return match;
      }
      throw new Error(`Nothing matches ${host} >>> ${selector}${text ? ` with text ${String(text)}` : ''}`);
    },
    { timeout },
  );
}
