/**
 * Kaplan–Meier estimates of time to an event (first response, resolution)
 * in which still-open cases count as censored observations: a median over
 * closed cases alone flatters a slow service.
 *
 *   S(t) = Π over event times tᵢ ≤ t of (1 − dᵢ / nᵢ)
 *
 * with dᵢ the events at tᵢ and nᵢ the cases still at risk at tᵢ (time ≥ tᵢ).
 * At a tied time events come before censorings (a case censored at t was at
 * risk at t), the usual convention.
 *
 * Quantile q of the time to event = the smallest t with S(t) ≤ 1 − q: the
 * median is the smallest t with S(t) ≤ 0.5, P90 the smallest with S(t) ≤ 0.1.
 * When the curve never gets that low the quantile is NULL and the site says
 * "more than X working days", X being the longest time observed in the group.
 *
 * The SQL version (grouped, window functions over distinct times) is what the
 * build runs; the TypeScript version is a small reference used by the tests.
 */

/** S(t) is compared with a small tolerance so an exact 0.5 is not missed by rounding in the product. */
export const KM_TOLERANCE = 1e-9;

export interface KmSource {
  /** A table name or a parenthesised subquery, one row per case. */
  source: string;
  /** Columns that define a group (each group gets its own curve). */
  groupBy: string[];
  /** Integer time column (working days). */
  time: string;
  /** Boolean column: true when the event happened at `time`, false when censored at `time`. */
  event: string;
}

export interface KmCountsSource {
  /**
   * A table name or a parenthesised subquery with counts per group and time,
   * e.g. already summed per desa so that higher levels are a cheap re-sum.
   * Several rows with the same group and time are added up.
   */
  source: string;
  groupBy: string[];
  /** Integer time column. */
  time: string;
  /** Count column: events at `time`. */
  events: string;
  /** Count column: censored at `time`. */
  censored: string;
}

const partition = (groupBy: string[]): string => (groupBy.length ? `PARTITION BY ${groupBy.join(', ')}` : '');
const groupList = (groupBy: string[]): string => groupBy.map((g) => `${g}, `).join('');

/**
 * One row per group and distinct time: `t, n_risiko` (at risk at t),
 * `peristiwa` (events at t), `tersensor` (censored at t), `s` = S(t).
 * Two window passes over the distinct times: a reverse running sum for the
 * risk set, a running product for S.
 */
export const kmCurveFromCountsSql = ({ source, groupBy, time, events, censored }: KmCountsSource): string => `
  WITH km_at AS (
    SELECT ${groupList(groupBy)}${time} AS t, sum(${events})::BIGINT AS peristiwa, sum(${censored})::BIGINT AS tersensor
    FROM ${source}
    WHERE ${time} IS NOT NULL
    GROUP BY ${groupList(groupBy)}${time}
  ),
  km_risk AS (
    SELECT *, sum(peristiwa + tersensor) OVER (${partition(groupBy)} ORDER BY t DESC ROWS UNBOUNDED PRECEDING) AS n_risiko
    FROM km_at
  )
  SELECT ${groupList(groupBy)}t, n_risiko::BIGINT AS n_risiko, peristiwa, tersensor,
         product(1 - peristiwa / n_risiko) OVER (${partition(groupBy)} ORDER BY t ROWS UNBOUNDED PRECEDING) AS s
  FROM km_risk`;

/** The same from one row per case. */
export const kmCurveSql = ({ source, groupBy, time, event }: KmSource): string =>
  kmCurveFromCountsSql({
    source: `(SELECT *, (${event})::INTEGER AS km_event, (NOT (${event}))::INTEGER AS km_censored FROM ${source})`,
    groupBy,
    time,
    events: 'km_event',
    censored: 'km_censored',
  });

export interface KmQuantile {
  /** Output column name. */
  name: string;
  /** Quantile of the time to event, e.g. 0.5 for the median, 0.9 for P90. */
  q: number;
}

export const KM_MEDIAN_P90: KmQuantile[] = [
  { name: 'median', q: 0.5 },
  { name: 'p90', q: 0.9 },
];

/**
 * One row per group: `n` (cases), one column per quantile (NULL when not
 * reached) and `teramati_maks` (the longest time observed: the X of
 * "more than X working days").
 */
export const kmQuantilesSql = (input: KmSource | KmCountsSource, quantiles: KmQuantile[] = KM_MEDIAN_P90): string => `
  WITH km_curve AS (${'event' in input ? kmCurveSql(input) : kmCurveFromCountsSql(input)})
  SELECT ${groupList(input.groupBy)}sum(peristiwa + tersensor)::BIGINT AS n,
         ${quantiles.map((x) => `min(t) FILTER (WHERE s <= ${1 - x.q} + ${KM_TOLERANCE}) AS ${x.name}`).join(',\n         ')},
         max(t) AS teramati_maks
  FROM km_curve
  ${input.groupBy.length ? `GROUP BY ${input.groupBy.join(', ')}` : ''}`;

// ── Reference implementation (tests) ─────────────────────────────────────────

export interface KmObservation {
  t: number;
  event: boolean;
}

export interface KmPoint {
  t: number;
  atRisk: number;
  events: number;
  censored: number;
  s: number;
}

export const kaplanMeier = (observations: readonly KmObservation[]): KmPoint[] => {
  const times = [...new Set(observations.map((o) => o.t))].sort((a, b) => a - b);
  let atRisk = observations.length;
  let s = 1;
  return times.map((t) => {
    const here = observations.filter((o) => o.t === t);
    const events = here.filter((o) => o.event).length;
    s *= 1 - events / atRisk;
    const point = { t, atRisk, events, censored: here.length - events, s };
    atRisk -= here.length;
    return point;
  });
};

/** Smallest t with S(t) ≤ 1 − q, or null when the curve does not get there. */
export const kmQuantile = (curve: readonly KmPoint[], q: number): number | null =>
  curve.find((p) => p.s <= 1 - q + KM_TOLERANCE)?.t ?? null;
