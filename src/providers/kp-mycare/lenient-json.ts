import { isRecord } from '../shared.js';

// Lenient JSON: the documented example is not valid JSON (no outer braces, one appointment split over
// two array elements, a member after the array element closed, a stray closing brace). The real server
// is assumed to send valid JSON; this parser only runs when JSON.parse fails, and its result is only
// accepted when every appointment in it is complete. `joinFragments` puts the split appointment back together.

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

class LenientParser {
  private i = 0;
  constructor(private readonly s: string) {}

  parseDocument(): Json {
    this.ws();
    // A bare member list ("Appointments": [...]) without the outer braces.
    if (this.peek() === '"') {
      const save = this.i;
      this.string();
      this.ws();
      if (this.peek() === ':') {
        this.i = save;
        const obj = this.members(true);
        this.ws();
        if (this.i < this.s.length) throw new SyntaxError(`unexpected ${this.peek()} at ${this.i}`);
        return obj;
      }
      this.i = save;
    }
    const value = this.value();
    this.ws();
    // Stray closers after a complete document are ignored.
    while (this.peek() === '}' || this.peek() === ']' || this.peek() === ',') {
      this.i++;
      this.ws();
    }
    if (this.i < this.s.length) throw new SyntaxError(`unexpected ${this.peek()} at ${this.i}`);
    return value;
  }

  private peek(): string {
    return this.s[this.i] ?? '';
  }

  private ws(): void {
    while (/\s/.test(this.peek())) this.i++;
  }

  private value(): Json {
    this.ws();
    const c = this.peek();
    if (c === '{') {
      this.i++;
      return this.members(false);
    }
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    const literal = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.s.slice(this.i));
    if (!literal) throw new SyntaxError(`unexpected ${c || 'end'} at ${this.i}`);
    this.i += literal[0].length;
    return JSON.parse(literal[0]) as Json;
  }

  private string(): string {
    const match = /^"(?:[^"\\\n]|\\.)*"/.exec(this.s.slice(this.i));
    if (!match) throw new SyntaxError(`bad string at ${this.i}`);
    this.i += match[0].length;
    return JSON.parse(match[0]) as string;
  }

  /** Object members up to `}` (or the end of the text for the implicit outer object). */
  private members(implicit: boolean): { [key: string]: Json } {
    const obj: { [key: string]: Json } = {};
    for (;;) {
      this.ws();
      const c = this.peek();
      if (c === '}' && !implicit) {
        this.i++;
        return obj;
      }
      if (c === '') {
        if (implicit) return obj;
        throw new SyntaxError('unexpected end inside an object');
      }
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}' && implicit) {
        this.i++; // stray closer at the top level
        continue;
      }
      const key = this.string();
      this.ws();
      if (this.peek() !== ':') throw new SyntaxError(`expected : at ${this.i}`);
      this.i++;
      obj[key] = this.value();
    }
  }

  private array(): Json[] {
    this.i++;
    const items: Json[] = [];
    for (;;) {
      this.ws();
      const c = this.peek();
      if (c === ']') {
        this.i++;
        return items;
      }
      if (c === '') return items; // the documented example never closes its array
      if (c === ',') {
        this.i++;
        continue;
      }
      if (c === '}') {
        this.i++; // stray closer inside an array
        continue;
      }
      if (c === '"') {
        // A "key": value member inside an array belongs to the object before it.
        const save = this.i;
        const key = this.string();
        this.ws();
        if (this.peek() === ':') {
          this.i++;
          const value = this.value();
          const last = items[items.length - 1];
          if (!last || typeof last !== 'object' || Array.isArray(last))
            throw new SyntaxError(`member ${key} outside an object`);
          last[key] = value;
          continue;
        }
        this.i = save;
      }
      items.push(this.value());
    }
  }
}

/** Parses JSON, or the documented example's broken JSON; throws SyntaxError when neither works. */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return new LenientParser(text).parseDocument();
  }
}

/**
 * The documented example splits one appointment over two array elements (flags and ContactIDs in the
 * first, everything else in the second). Adjacent fragments whose keys do not overlap, one without a time
 * and one without ids, are joined back into one appointment.
 */
export function joinFragments(items: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (isRecord(prev) && isRecord(item)) {
      const overlap = Object.keys(item).some((k) => k in prev);
      const prevHasTime = 'apptDateTimeUTC' in prev || 'Date' in prev;
      const itemHasTime = 'apptDateTimeUTC' in item || 'Date' in item;
      const prevHasIds = 'ContactIDs' in prev;
      const itemHasIds = 'ContactIDs' in item;
      if (!overlap && prevHasTime !== itemHasTime && prevHasIds !== itemHasIds) {
        out[out.length - 1] = { ...prev, ...item };
        continue;
      }
    }
    out.push(item);
  }
  return out;
}
