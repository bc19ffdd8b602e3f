import { str } from '@lit/localize';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { HeldTime } from './context.js';
import { plural } from './i18n.js';

/** When the time left is announced (seconds): at two minutes and at thirty seconds. */
const ANNOUNCE_AT = [120, 30];

/** "9:05": minutes and seconds left. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** "2 minutes left to book the time held for you." in the current language. */
function announce(at: number): string {
  if (at >= 60) {
    const n = at / 60;
    return plural(
      'hold.minutesLeft',
      n,
      str`${n} minute left to book the time held for you.`,
      str`${n} minutes left to book the time held for you.`,
    );
  }
  return plural(
    'hold.secondsLeft',
    at,
    str`${at} second left to book the time held for you.`,
    str`${at} seconds left to book the time held for you.`,
  );
}

/**
 * Counts a hold down for the element that shows it: re-renders once a second while a hold with a deadline
 * lasts, and says what a screen reader should hear, only at two minutes and thirty seconds left (a live
 * region updated every second would talk over the patient's typing).
 */
export class HoldCountdownController implements ReactiveController {
  /** Seconds left, while a hold with a deadline lasts. */
  secondsLeft: number | undefined;
  /** The threshold (seconds) last reached, whose sentence is announced now. */
  private announcedAt: number | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private held: HeldTime | undefined;
  private announced = new Set<number>();

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly heldTime: () => HeldTime | undefined,
  ) {
    host.addController(this);
  }

  /** The sentence to announce now ("2 minutes left…"), else empty; in the current language. */
  get announcement(): string {
    return this.announcedAt === undefined ? '' : announce(this.announcedAt);
  }

  hostUpdate(): void {
    const held = this.heldTime();
    if (held !== this.held) {
      this.held = held;
      this.announced.clear();
      this.announcedAt = undefined;
      // A hold shorter than a threshold from the start is not announced at it.
      const left = held?.deadline === undefined ? 0 : (held.deadline - Date.now()) / 1000;
      for (const at of ANNOUNCE_AT) if (left <= at) this.announced.add(at);
    }
    this.tick(false);
    if (held?.deadline !== undefined && !this.timer) this.timer = setInterval(() => this.tick(true), 1000);
    if (held?.deadline === undefined) this.stop();
  }

  hostDisconnected(): void {
    this.stop();
  }

  private tick(update: boolean): void {
    const deadline = this.held?.deadline;
    const left = deadline === undefined ? undefined : (deadline - Date.now()) / 1000;
    this.secondsLeft = left === undefined ? undefined : Math.max(0, left);
    if (left !== undefined) {
      for (const at of ANNOUNCE_AT) {
        if (left <= at && left > 0 && !this.announced.has(at)) {
          this.announced.add(at);
          this.announcedAt = at;
        }
      }
    }
    if (update) this.host.requestUpdate();
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!this.held) this.secondsLeft = undefined;
  }
}
