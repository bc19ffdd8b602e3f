import { addDays, addMonths, daysInMonth, isoWeekday, monthOf, startOfWeek, type LocalDate } from '../../core/time.js';

/*
 * The dates of a month grid and a week strip, and how the WAI-ARIA APG date-picker keys move between them.
 * Plain local dates (`YYYY-MM-DD`) in and out, after lion's calendar `createMonth` (ing-bank/lion).
 */

/** The weeks of the date's month, seven cells each; cells outside the month are null. */
export function monthWeeks(date: LocalDate, firstDay: number): (LocalDate | null)[][] {
  const first = monthOf(date);
  const length = daysInMonth(first);
  const lead = (isoWeekday(first) - firstDay + 7) % 7;
  const weeks: (LocalDate | null)[][] = [];
  for (let cell = 0; cell < lead + length; cell += 7) {
    const week: (LocalDate | null)[] = [];
    for (let i = cell; i < cell + 7; i++) {
      week.push(i >= lead && i < lead + length ? addDays(first, i - lead) : null);
    }
    weeks.push(week);
  }
  return weeks;
}

/** The seven dates of the week that holds the date. */
export function weekDates(date: LocalDate, firstDay: number): LocalDate[] {
  const start = startOfWeek(date, firstDay);
  return Array.from({ length: 7 }, (_, i) => addDays(start, i));
}

/**
 * Where a key moves focus in a date grid (APG date picker dialog): arrows by a day or a week, Home / End
 * to the start / end of the week, PageUp / PageDown by a month, with Shift by a year. Undefined for any
 * other key. Callers clamp the result to the dates they offer. Right to left (`rtl`), the week runs from the
 * right: ArrowLeft is the next day, ArrowRight the previous one.
 */
export function moveDate(
  date: LocalDate,
  key: Pick<KeyboardEvent, 'key' | 'shiftKey'>,
  firstDay: number,
  rtl = false,
): LocalDate | undefined {
  switch (key.key) {
    case 'ArrowRight':
      return addDays(date, rtl ? -1 : 1);
    case 'ArrowLeft':
      return addDays(date, rtl ? 1 : -1);
    case 'ArrowDown':
      return addDays(date, 7);
    case 'ArrowUp':
      return addDays(date, -7);
    case 'Home':
      return startOfWeek(date, firstDay);
    case 'End':
      return addDays(startOfWeek(date, firstDay), 6);
    case 'PageDown':
      return addMonths(date, key.shiftKey ? 12 : 1);
    case 'PageUp':
      return addMonths(date, key.shiftKey ? -12 : -1);
    default:
      return undefined;
  }
}
