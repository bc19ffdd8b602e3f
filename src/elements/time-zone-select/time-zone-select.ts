import { msg, str } from '@lit/localize';
import { html, nothing } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { browserZone, isValidZone, zoneOffsetAt } from '../../core/time.js';
import { ProviderElement, baseStyles, emit } from '../shared/base.js';
import { plural } from '../shared/i18n.js';
import { fieldStyles } from '../shared/field.styles.js';
import { styles } from './time-zone-select.styles.js';

const noMatch = () => msg('No time zone matches.', { id: 'zone.none' });

interface ZoneOption {
  zone: string;
  /** "(UTC−05:00) New York" */
  label: string;
  offset: number;
  /** What a query is matched against: the label, the IANA name and the offset as people type it ("utc-5"). */
  search: string;
}

/** Lower case, no accents, spaces for underscores, a plain hyphen for the minus sign: "São_Paulo" → "sao paulo". */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/_/g, ' ')
    .replace(/\u2212/g, '-')
    .toLowerCase();

/** A zone with its offset at `at` (ms). */
function zoneOption(zone: string, at: number): ZoneOption {
  const offset = zoneOffsetAt(at, zone);
  const abs = Math.abs(offset);
  const hours = Math.floor(abs / 60);
  const minutes = String(abs % 60).padStart(2, '0');
  const sign = offset < 0 ? '\u2212' : '+';
  const city = (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
  const label = `(UTC${sign}${String(hours).padStart(2, '0')}:${minutes}) ${city}`;
  const short = `utc${sign}${hours}${abs % 60 ? `:${minutes}` : ''}`;
  return { zone, label, offset, search: fold(`${label} ${zone} ${short}`) };
}

/** Every zone the browser knows (and `current`) with its offset at `at`, by offset then city. */
function zoneOptions(at: number, current: string): ZoneOption[] {
  const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC').add(current);
  return [...zones]
    .filter((zone) => isValidZone(zone))
    .map((zone) => zoneOption(zone, at))
    .sort((a, b) => a.offset - b.offset || a.label.localeCompare(b.label));
}

/**
 * The patient's own time zone, default the browser's: video and phone visits show in it, and in-person ones
 * add "your time" in it. Searchable by city, region or offset ("new york", "europe", "+5:30").
 *
 * Why not a native `<input list>` with a `<datalist>`: its suggestions are not announced by several screen
 * readers (NVDA and JAWS in Firefox), it cannot say "no match", it shows the raw value next to the label, and
 * it cannot be styled for a 320 px phone. So this is the WAI-ARIA APG combobox with a listbox popup and list
 * autocomplete: the first match is highlighted as one types, Enter takes it, arrows move, Escape backs out.
 * Focus stays in the input; `aria-activedescendant` names the highlighted option.
 *
 * @summary The patient's own time zone, searchable.
 *
 * @event {CustomEvent<{ timeZone: string }>} time-zone-change - The patient chose a zone: `detail.timeZone`, an IANA name.
 *
 * @csspart base - The wrapper.
 * @csspart label - The label.
 * @csspart input - The search field (the combobox).
 * @csspart hint - The line under the label that says what the zone is for.
 * @csspart listbox - The list of matching zones.
 * @csspart option - One zone in the list.
 * @csspart empty - "No time zone matches", when nothing does.
 *
 * @cssproperty --careslot-listbox-max-height - Height of the open list before it scrolls. Default 16em.
 * @cssproperty --careslot-color-primary - Background tint of a hovered zone. Default #0b5cad.
 * @cssproperty --careslot-color-text - Text. Default #1f2430.
 * @cssproperty --careslot-color-muted - The hint. Default #555d6e.
 * @cssproperty --careslot-color-surface - Background of the field and the list. Default #ffffff.
 * @cssproperty --careslot-color-border - Borders of the field and the list. Default #c5cad3.
 * @cssproperty --careslot-color-focus - Focus ring, and the ring of the highlighted zone. Default #1a73e8.
 * @cssproperty --careslot-font-family - Font. Default the system UI font.
 * @cssproperty --careslot-font-size - Base size, in px so a host page's root font size does not change it. Default 16px.
 * @cssproperty --careslot-radius - Corner radius of the field and the list. Default 0.5em.
 */
export class TimeZoneSelectElement extends ProviderElement {
  static override styles = [baseStyles, fieldStyles, styles];

  static override properties = {
    value: { type: String, noAccessor: true },
    open: { state: true },
    query: { state: true },
    active: { state: true },
  };

  declare private open: boolean;
  /** What the patient typed; undefined while they are not searching (the field shows the chosen zone). */
  declare private query: string | undefined;
  /** Index of the highlighted option among the matches; -1: none. */
  declare private active: number;

  private own: string | undefined;
  /** The zone last written to the session; undefined: write it on the next update. */
  private written: string | undefined;
  private options: ZoneOption[] = [];

  constructor() {
    super();
    this.open = false;
    this.active = -1;
  }

  /** The patient's IANA zone. Default: the zone of the `<booking-provider>`'s patient, which is the browser's. */
  get value(): string {
    if (isValidZone(this.own)) return this.own;
    return this.session?.display.patientZone ?? browserZone();
  }

  set value(zone: string | undefined) {
    const old = this.value;
    this.own = zone ?? undefined;
    this.requestUpdate('value', old);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.written = undefined;
  }

  protected override willUpdate(): void {
    // A `value` set by the page is the patient's zone for every element in the provider. Written before
    // rendering, so the session's answer joins this update instead of causing another.
    const session = this.session;
    if (!session || !isValidZone(this.own) || this.own === this.written) return;
    this.written = this.own;
    if (session.display.patientZone !== this.own) session.setPatientZone(this.own);
  }

  protected override updated(): void {
    if (this.open) this.renderRoot.querySelector('.active')?.scrollIntoView({ block: 'nearest' });
  }

  private found(): ZoneOption[] {
    const words = fold(this.query ?? '')
      .split(/\s+/)
      .filter(Boolean);
    return this.options.filter((option) => words.every((word) => option.search.includes(word)));
  }

  private now(): number {
    return (this.session?.now() ?? new Date()).getTime();
  }

  /** Opens the list, with offsets as they are now; highlights the chosen zone when nothing is typed. */
  private show(): void {
    if (!this.open) {
      this.options = zoneOptions(this.now(), this.value);
      this.open = true;
    }
    if (this.query === undefined) this.active = this.options.findIndex((option) => option.zone === this.value);
  }

  private close(): void {
    this.open = false;
    this.query = undefined;
    this.active = -1;
  }

  private choose(option: ZoneOption | undefined): void {
    const changed = !!option && option.zone !== this.value;
    this.close();
    if (!option || !changed) return;
    this.value = option.zone;
    this.written = option.zone;
    this.session?.setPatientZone(option.zone);
    emit(this, 'time-zone-change', { timeZone: option.zone });
  }

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    this.show();
    // List autocomplete with automatic selection: the first match is the one Enter takes.
    this.active = this.found().length ? 0 : -1;
  }

  private onKeyDown(event: KeyboardEvent): void {
    const count = this.open ? this.found().length : 0;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        const down = event.key === 'ArrowDown';
        if (!this.open || event.altKey) {
          this.show();
          if (event.altKey && !down) this.close();
        } else if (count) {
          this.active = Math.min(Math.max(this.active + (down ? 1 : -1), 0), count - 1);
        }
        break;
      }
      case 'Enter':
        if (!this.open) return;
        this.choose(this.found()[this.active]);
        break;
      case 'Escape':
        if (!this.open && this.query === undefined) return;
        this.close();
        break;
      default:
        return;
    }
    event.preventDefault();
  }

  override render() {
    const matches = this.open ? this.found() : [];
    const expanded = this.open && matches.length > 0;
    const activeId = expanded && this.active >= 0 ? `zone-${this.active}` : undefined;
    const searching = this.open && this.query !== undefined;
    const count = matches.length;
    return html`<div part="base" class="base">
      <label part="label" id="label" for="input">${msg('Your time zone', { id: 'zone.label' })}</label>
      <span part="hint" id="hint" class="hint muted"
        >${msg('Video and phone visits show in this zone.', { id: 'zone.hint' })}</span
      >
      <input
        part="input"
        class="control"
        id="input"
        type="text"
        role="combobox"
        aria-labelledby="label"
        autocomplete="off"
        autocapitalize="off"
        spellcheck="false"
        aria-autocomplete="list"
        aria-expanded=${expanded ? 'true' : 'false'}
        aria-controls="listbox"
        aria-activedescendant=${ifDefined(activeId)}
        aria-describedby="hint"
        .value=${live(searching ? (this.query ?? '') : zoneOption(this.value, this.now()).label)}
        @input=${this.onInput}
        @keydown=${this.onKeyDown}
        @click=${() => this.show()}
        @blur=${() => this.close()}
      />
      <ul
        part="listbox"
        id="listbox"
        role="listbox"
        aria-label=${msg('Time zones', { id: 'zone.list' })}
        ?hidden=${!expanded}
        @mousedown=${(event: Event) => event.preventDefault()}
      >
        ${
          expanded
            ? matches.map(
                (option, index) =>
                  // The keys live on the combobox input, which keeps focus (aria-activedescendant); a click is the pointer's way.
                  // eslint-disable-next-line lit-a11y/click-events-have-key-events
                  html`<li
                    part="option"
                    id="zone-${index}"
                    role="option"
                    class=${`${index === this.active ? 'active' : ''} ${option.zone === this.value ? 'current' : ''}`}
                    aria-selected=${index === this.active ? 'true' : 'false'}
                    @click=${() => this.choose(option)}
                  >
                    ${option.label}
                  </li>`,
              )
            : nothing
        }
      </ul>
      ${this.open && !expanded ? html`<div part="empty" class="empty">${noMatch()}</div>` : nothing}
      <div class="visually-hidden" role="status" aria-live="polite">
        ${
          searching
            ? count
              ? plural('zone.found', count, str`${count} time zone found.`, str`${count} time zones found.`)
              : noMatch()
            : ''
        }
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'time-zone-select': TimeZoneSelectElement;
  }
}
