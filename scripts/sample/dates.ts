/**
 * Dates as whole day numbers (days since 1970-01-01, UTC). Integer days keep
 * the generator free of time zones and of the wall clock, and are cheap to
 * compare and format millions of times.
 */

export interface Civil {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

// Howard Hinnant's days_from_civil / civil_from_days: exact, no Date objects.
export const dayNumber = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

/** Birth dates and events span about 1920–2035; memoising them saves most of the work at scale 1. */
const CACHE_FROM = -18_300; // 1919-11-30
const CACHE_SIZE = 42_000;
const civilCache: (Civil | undefined)[] = new Array(CACHE_SIZE);
const isoCache: (string | undefined)[] = new Array(CACHE_SIZE);
const dmyCache: (string | undefined)[] = new Array(CACHE_SIZE);

const memo = (cache: (string | undefined)[], days: number, make: (days: number) => string): string => {
  const i = days - CACHE_FROM;
  if (i < 0 || i >= CACHE_SIZE) return make(days);
  return (cache[i] ??= make(days));
};

export const civil = (days: number): Civil => {
  const i = days - CACHE_FROM;
  if (i < 0 || i >= CACHE_SIZE) return computeCivil(days);
  return (civilCache[i] ??= computeCivil(days));
};

const computeCivil = (days: number): Civil => {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
};

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export const weekday = (days: number): number => (((days + 4) % 7) + 7) % 7;

const pad2 = (n: number): string => (n < 10 ? `0${n}` : `${n}`);

export const isoDate = (days: number): string =>
  memo(isoCache, days, (d) => {
    const { year, month, day } = civil(d);
    return `${year}-${pad2(month)}-${pad2(day)}`;
  });

export const dmyDate = (days: number): string =>
  memo(dmyCache, days, (d) => {
    const { year, month, day } = civil(d);
    return `${pad2(day)}/${pad2(month)}/${year}`;
  });

export const parseIsoDate = (text: string): number => {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`Not an ISO date (yyyy-mm-dd): "${text}"`);
  const [, y, m, d] = match;
  const days = dayNumber(Number(y), Number(m), Number(d));
  if (isoDate(days) !== text.trim()) throw new Error(`Not a calendar date: "${text}"`);
  return days;
};

/** A month as a single integer (year * 12 + month - 1), for period arithmetic. */
export const monthIndex = (year: number, month: number): number => year * 12 + month - 1;
export const monthOf = (days: number): number => {
  const { year, month } = civil(days);
  return monthIndex(year, month);
};
export const firstDayOfMonth = (index: number): number => dayNumber(Math.floor(index / 12), (index % 12) + 1, 1);
const periodLabels = new Map<number, string>();
export const periodLabel = (index: number): string => {
  let label = periodLabels.get(index);
  if (label === undefined) periodLabels.set(index, (label = `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`));
  return label;
};

/** Age in whole years on a given day. */
export const ageOn = (birth: number, on: number): number => {
  const b = civil(birth);
  const o = civil(on);
  return o.year - b.year - (o.month < b.month || (o.month === b.month && o.day < b.day) ? 1 : 0);
};

/** Minutes since 1970-01-01 00:00, for complaint timestamps. */
export const minuteOf = (days: number, hour: number, minute: number): number => days * 1440 + hour * 60 + minute;

export const formatTimestamp = (minutes: number, style: 'iso' | 'dmy'): string => {
  const days = Math.floor(minutes / 1440);
  const rest = minutes - days * 1440;
  const time = `${pad2(Math.floor(rest / 60))}:${pad2(rest % 60)}`;
  return `${style === 'iso' ? isoDate(days) : dmyDate(days)} ${time}`;
};
