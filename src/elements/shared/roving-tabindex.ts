import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RovingTabindexOptions<T extends HTMLElement> {
  /**
   * The items, row by row in reading order (a one-dimensional group is a single row). Read after every
   * host update and on every key, so it always sees what is rendered now.
   */
  rows: () => T[][];
  /**
   * What identifies an item across renders (e.g. a slot id in `data-slot-id`), so that the tab stop stays
   * on the same item when a re-render reuses the node for something else. Default: the element itself.
   */
  key?: (item: T) => unknown;
  /** The item that holds the tab stop while none has been focused, or the focused one is gone. Default: the first. */
  focusInItem?: (items: T[]) => T | undefined;
  /**
   * Keys the host moves by itself, tried first (a date grid moves by dates and pages by months): returns the
   * key of the item to focus, which may only be rendered after the host's next update, or undefined to leave
   * the key to the controller.
   */
  move?: (item: T, event: KeyboardEvent) => unknown;
}

/**
 * Makes a group of items one tab stop with arrow-key navigation (WAI-ARIA APG grid pattern, "roving
 * tabindex"): exactly one item has `tabindex="0"`, the others `-1`. The tab stop is the item focused or
 * clicked last, else `focusInItem`.
 *
 * Keys, on an item: ArrowRight / ArrowLeft move within the row and on to the next / previous row (swapped
 * when the host is right to left);
 * ArrowDown / ArrowUp move to the same column of the next / previous row (or its last item, if shorter);
 * Home / End to the first / last item of the row; Ctrl+Home / Ctrl+End to the first / last item of all.
 * At an edge focus stays where it is. Other keys, and keys outside the items, are left alone.
 *
 * The host renders the items without `tabindex`; the controller sets it after every update. Listeners sit on
 * the host, so items may live in its shadow root (keyboard and focus events are composed).
 *
 * After spectrum-web-components' RovingTabindexController (1st-gen/tools/reactive-controllers), for rows of
 * different lengths.
 */
export class RovingTabindexController<T extends HTMLElement> implements ReactiveController {
  private readonly host: ReactiveControllerHost & HTMLElement;
  private readonly rowsOf: () => T[][];
  private readonly keyOf: (item: T) => unknown;
  private readonly focusInItem: (items: T[]) => T | undefined;
  private readonly move?: (item: T, event: KeyboardEvent) => unknown;
  /** Key of the item focused or clicked last; undefined until there is one, and after `reset()`. */
  private currentKey: unknown;

  constructor(host: ReactiveControllerHost & HTMLElement, options: RovingTabindexOptions<T>) {
    this.host = host;
    this.rowsOf = options.rows;
    this.keyOf = options.key ?? ((item) => item);
    this.focusInItem = options.focusInItem ?? ((items) => items[0]);
    this.move = options.move;
    host.addController(this);
  }

  /** The item that holds the tab stop now, if any item is rendered. */
  get current(): T | undefined {
    return this.currentOf(this.rows().flat());
  }

  /** Forgets the item focused last: the tab stop goes back to `focusInItem` (e.g. after a new page of items). */
  reset(): void {
    this.currentKey = undefined;
    this.manage();
  }

  /** Makes the item the tab stop and moves focus to it. */
  focus(item: T, options?: FocusOptions): void {
    this.currentKey = this.keyOf(item);
    this.manage();
    item.focus(options);
  }

  /** Makes the item with this key the tab stop and focuses it once the host has rendered it. */
  async focusKey(key: unknown, options?: FocusOptions): Promise<void> {
    this.currentKey = key;
    await this.host.updateComplete;
    const item = this.rows()
      .flat()
      .find((candidate) => this.keyOf(candidate) === key);
    this.manage();
    item?.focus(options);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.onKeyDown);
    this.host.addEventListener('focusin', this.onFocusIn);
    this.host.addEventListener('click', this.onFocusIn);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.onKeyDown);
    this.host.removeEventListener('focusin', this.onFocusIn);
    this.host.removeEventListener('click', this.onFocusIn);
  }

  hostUpdated(): void {
    this.manage();
  }

  private rows(): T[][] {
    return this.rowsOf().filter((row) => row.length > 0);
  }

  private currentOf(items: T[]): T | undefined {
    if (this.currentKey !== undefined) {
      const current = items.find((item) => this.keyOf(item) === this.currentKey);
      if (current) return current;
    }
    return this.focusInItem(items) ?? items[0];
  }

  /** One tab stop: `0` on the current item, `-1` on the others (written only where it differs). */
  private manage(): void {
    const items = this.rows().flat();
    const current = this.currentOf(items);
    for (const item of items) {
      const tabIndex = item === current ? '0' : '-1';
      // The attribute, not the property: a cell's `tabIndex` reads -1 before it has any.
      if (item.getAttribute('tabindex') !== tabIndex) item.setAttribute('tabindex', tabIndex);
    }
  }

  /** The item an event happened on (or inside), looking through shadow roots. */
  private itemOf(event: Event, items: T[]): T | undefined {
    const path = event.composedPath();
    return items.find((item) => path.includes(item));
  }

  /** Focus or a click on an item makes it the tab stop, so Tab comes back to it. */
  private readonly onFocusIn = (event: Event): void => {
    const item = this.itemOf(event, this.rows().flat());
    if (!item) return;
    this.currentKey = this.keyOf(item);
    this.manage();
  };

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    const rows = this.rows();
    const item = this.itemOf(event, rows.flat());
    if (!item) return;
    const moved = this.move?.(item, event);
    if (moved !== undefined) {
      event.preventDefault();
      void this.focusKey(moved);
      return;
    }
    const r = rows.findIndex((row) => row.includes(item));
    const c = rows[r].indexOf(item);
    const row = rows[r];
    const above = rows[r - 1];
    const below = rows[r + 1];
    let target: T | undefined;
    // Right to left, the row runs from the right: ArrowLeft is the next item, ArrowRight the previous one.
    const rtl = getComputedStyle(this.host).direction === 'rtl';
    const key =
      rtl && event.key === 'ArrowLeft' ? 'ArrowRight' : rtl && event.key === 'ArrowRight' ? 'ArrowLeft' : event.key;
    switch (key) {
      case 'ArrowRight':
        target = row[c + 1] ?? below?.[0];
        break;
      case 'ArrowLeft':
        target = row[c - 1] ?? above?.at(-1);
        break;
      case 'ArrowDown':
        target = below?.[Math.min(c, below.length - 1)];
        break;
      case 'ArrowUp':
        target = above?.[Math.min(c, above.length - 1)];
        break;
      case 'Home':
        target = event.ctrlKey ? rows[0][0] : row[0];
        break;
      case 'End':
        target = event.ctrlKey ? rows.at(-1)?.at(-1) : row.at(-1);
        break;
      default:
        return;
    }
    // A navigation key never scrolls the page, also at an edge where focus stays.
    event.preventDefault();
    if (target) this.focus(target);
  };
}
