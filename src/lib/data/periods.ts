/**
 * Which period a page shows by default, chosen from the periods the release
 * actually has. Pure; the rules are stated here once:
 * - targeting: per program, the latest quarter that had ended by the data
 *   date (a quarter still running would look like a drop); if none has, the
 *   latest quarter;
 * - complaints: the latest calendar year fully inside the data (ended by the
 *   data date and starting on or after the data's first date); else the
 *   latest year that ended; else the latest year.
 */

const QUARTER = /^(\d{4})-Q([1-4])$/;

/** `2026-Q3` → `2026-09-30`; null for anything else. */
export function quarterEnd(period: string): string | null {
  const match = QUARTER.exec(period);
  if (!match) return null;
  const year = Number(match[1]);
  const lastMonth = Number(match[2]) * 3;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return `${year}-${String(lastMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`;
}

const latest = (values: string[]) => [...values].sort().at(-1) ?? null;

export function latestCompleteQuarter(periods: string[], dataDate: string | null): string | null {
  const quarters = periods.filter((p) => QUARTER.test(p));
  const ended = dataDate ? quarters.filter((q) => (quarterEnd(q) ?? '') <= dataDate) : quarters;
  return latest(ended.length > 0 ? ended : quarters);
}

export function latestFullYear(years: number[], dataDate: string | null, periodStart: string | null): number | null {
  if (years.length === 0) return null;
  const sorted = [...years].sort((a, b) => a - b);
  const ended = dataDate ? sorted.filter((y) => `${y}-12-31` <= dataDate) : sorted;
  const full = periodStart ? ended.filter((y) => `${y}-01-01` >= periodStart) : ended;
  return full.at(-1) ?? ended.at(-1) ?? sorted.at(-1) ?? null;
}
