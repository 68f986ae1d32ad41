/**
 * A page's view state kept in the URL query string, so a reload or a shared
 * link shows the same view. Pure (no `window`): a page passes `location.search`
 * in and writes the result out with `history`.
 *
 * A state is a flat record of strings. Its fields are parsed in the order
 * given, so a field's allowed values and default may depend on the fields
 * before it (a program's periods depend on the program). A missing or unknown
 * value falls back to the field's default: a link from an older release
 * still opens, on the nearest view this release has.
 */

export type ViewState = Readonly<Record<string, string>>;

export interface StateField {
  /** Query-string key, e.g. `program`. */
  name: string;
  /** The values allowed, given the fields parsed before this one. */
  values: (before: ViewState) => readonly string[];
  /** The value when the URL has none or one not allowed; must be in `values(before)`. */
  fallback: (before: ViewState) => string;
}

/** The state a query string asks for, field by field, with fallbacks. */
export function parseState(search: string, fields: readonly StateField[]): ViewState {
  const params = new URLSearchParams(search);
  const state: Record<string, string> = {};
  for (const field of fields) {
    const raw = params.get(field.name);
    state[field.name] = raw !== null && field.values(state).includes(raw) ? raw : field.fallback(state);
  }
  return state;
}

/**
 * The query string (with `?`, or `''` when nothing is written) for a state.
 * Every field is written, defaults too, so a shared link keeps meaning the
 * same view when a later release changes the defaults; `omitDefaults` writes
 * only the fields that differ from them. Parameters not in `fields` (a
 * tracker's, another script's) are kept from `keep`.
 */
export function serialiseState(state: ViewState, fields: readonly StateField[], options: { omitDefaults?: boolean; keep?: string } = {}): string {
  const params = new URLSearchParams(options.keep ?? '');
  const names = new Set(fields.map((field) => field.name));
  for (const name of names) params.delete(name);
  const before: Record<string, string> = {};
  for (const field of fields) {
    const value = state[field.name];
    if (value !== undefined && !(options.omitDefaults && value === field.fallback(before))) params.set(field.name, value);
    if (value !== undefined) before[field.name] = value;
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/** Whether two states show the same view (same value for every field). */
export function sameState(a: ViewState, b: ViewState, fields: readonly StateField[]): boolean {
  return fields.every((field) => a[field.name] === b[field.name]);
}
