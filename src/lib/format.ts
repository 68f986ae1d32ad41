/**
 * How numbers, money, shares and dates read on the site: Indonesian formats on
 * Indonesian pages (`1.234.567`, `Rp1,2 miliar`, `Rp 1.234.567`, `12,3%`, `31 Oktober 2026`),
 * English on English pages. A published value travels with its `_disamarkan`
 * flag; a suppressed value always reads "disamarkan" / "suppressed", never 0.
 * Pure functions, no I/O.
 */
export type Lang = 'id' | 'en';

/** A published cell: the value (NULL in the data is `null`) and its suppression flag. */
export interface Published {
  value: number | null;
  suppressed: boolean;
  /**
   * The value is a lower bound: a sum of published parts where other parts are
   * suppressed (the true total is at least this). Never set on a published cell.
   */
  atLeast?: boolean;
}

export type ValueKind = 'count' | 'rupiah' | 'rupiahFull' | 'percent' | 'days';

const LOCALE: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

export const SUPPRESSED_TEXT: Record<Lang, string> = { id: 'disamarkan', en: 'suppressed' };
const AT_LEAST_TEXT: Record<Lang, string> = { id: 'sedikitnya', en: 'at least' };
/** A value that is not suppressed but absent: no basis, not reached (a KM median), or no data. */
export const MISSING_TEXT = '–';

const formatters = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, maxFraction: number, minFraction = 0): Intl.NumberFormat {
  const key = `${lang}:${minFraction}:${maxFraction}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[lang], { minimumFractionDigits: minFraction, maximumFractionDigits: maxFraction });
    formatters.set(key, format);
  }
  return format;
}

/** `1.234.567` (id) or `1,234,567` (en); up to `maxFraction` decimals. */
export const formatNumber = (value: number, lang: Lang, maxFraction = 0): string => numberFormat(lang, maxFraction).format(value);

/** `12,3%` (id) or `12.3%` (en), always one decimal: the build rounds shares to 0.1. */
export const formatPercent = (value: number, lang: Lang): string => `${numberFormat(lang, 1, 1).format(value)}%`;

/** `Rp 1.234.567` (id) or `Rp 1,234,567` (en): whole rupiah, as Intl writes IDR (a no-break space after Rp). */
export const formatRupiahFull = (value: number, lang: Lang): string => `Rp\u00a0${formatNumber(Math.round(value), lang)}`;

const RUPIAH_SCALES: { min: number; word: Record<Lang, string> }[] = [
  { min: 1e12, word: { id: 'triliun', en: 'trillion' } },
  { min: 1e9, word: { id: 'miliar', en: 'billion' } },
  { min: 1e6, word: { id: 'juta', en: 'million' } },
];

/** `Rp1,2 miliar`, `Rp350 juta` (id) or `Rp1.2 billion` (en), as Indonesian media write them; below a million the full amount. */
export function formatRupiah(value: number, lang: Lang): string {
  const scale = RUPIAH_SCALES.find((s) => Math.abs(value) >= s.min);
  if (!scale) return formatRupiahFull(value, lang);
  return `Rp${numberFormat(lang, 1).format(value / scale.min)} ${scale.word[lang]}`;
}

/** Working days: whole numbers, or one decimal if the data has one. */
export const formatDays = (value: number, lang: Lang): string => formatNumber(value, lang, 1);

const MONTHS: Record<Lang, string[]> = {
  id: ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'],
  en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
};

/** `31 Oktober 2026` / `31 October 2026` from `2026-10-31`; anything else as written. */
export function formatDate(isoDate: string, lang: Lang): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, year, month, day] = match;
  const monthName = MONTHS[lang][Number(month) - 1];
  return monthName ? `${Number(day)} ${monthName} ${year}` : isoDate;
}

/** `2026-Q3` → `Triwulan III 2026` / `Q3 2026`; a year stays a year. */
export function formatPeriod(period: string, lang: Lang): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(period);
  if (!match) return period;
  const [, year, quarter] = match;
  return lang === 'id' ? `Triwulan ${['I', 'II', 'III', 'IV'][Number(quarter) - 1]} ${year}` : `Q${quarter} ${year}`;
}

export function formatValue(value: number, kind: ValueKind, lang: Lang): string {
  switch (kind) {
    case 'count':
      return formatNumber(value, lang);
    case 'rupiah':
      return formatRupiah(value, lang);
    case 'rupiahFull':
      return formatRupiahFull(value, lang);
    case 'percent':
      return formatPercent(value, lang);
    case 'days':
      return formatDays(value, lang);
  }
}

/**
 * The text of a published cell: "disamarkan"/"suppressed" when its flag is
 * set (whatever the value), `–` when absent, "sedikitnya …"/"at least …" for
 * a lower bound, the formatted value otherwise.
 */
export function formatPublished(cell: Published, kind: ValueKind, lang: Lang): string {
  if (cell.suppressed) return SUPPRESSED_TEXT[lang];
  if (cell.value === null || !Number.isFinite(cell.value)) return MISSING_TEXT;
  const text = formatValue(cell.value, kind, lang);
  return cell.atLeast ? `${AT_LEAST_TEXT[lang]} ${text}` : text;
}
