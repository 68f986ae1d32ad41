/**
 * Real Dinas exports differ from file to file: a BOM here, dd/mm/yyyy there,
 * region codes with or without dots. Each raw file gets one fixed profile,
 * all valid per the contracts, so the pipeline meets the variety every run.
 */
import type { CsvFormat } from './csv-writer.ts';
import { dmyDate, formatTimestamp, isoDate } from './dates.ts';

export interface FileProfile extends CsvFormat {
  dateStyle: 'iso' | 'dmy';
  dottedRegionCodes: boolean;
}

export type RawFileId = 'households' | 'individuals' | 'payments' | 'deaths' | 'ppks' | 'complaints';

const base: FileProfile = { separator: ',', bom: false, encoding: 'utf8', dateStyle: 'iso', dottedRegionCodes: true };

export const FILE_PROFILES: Record<RawFileId, FileProfile> = {
  households: { ...base },
  individuals: { ...base, bom: true, dateStyle: 'dmy' },
  payments: { ...base },
  deaths: { ...base, dateStyle: 'dmy' },
  ppks: { ...base, dottedRegionCodes: false },
  complaints: { ...base, dateStyle: 'dmy', dottedRegionCodes: false },
};

/** What `--messy` changes on top: one file re-encoded, one with semicolons. */
export const MESSY_PROFILE_CHANGES: Partial<Record<RawFileId, Partial<FileProfile>>> = {
  households: { encoding: 'win1252' },
  payments: { separator: ';' },
};

export const profileFor = (id: RawFileId, messy: boolean): FileProfile => ({
  ...FILE_PROFILES[id],
  ...(messy ? MESSY_PROFILE_CHANGES[id] : {}),
});

export interface Formatter {
  date(days: number | undefined): string;
  timestamp(minutes: number | undefined): string;
  region(dotted: string): string;
}

export const formatterFor = (profile: FileProfile): Formatter => ({
  date: (days) => (days === undefined ? '' : profile.dateStyle === 'iso' ? isoDate(days) : dmyDate(days)),
  timestamp: (minutes) => (minutes === undefined ? '' : formatTimestamp(minutes, profile.dateStyle)),
  region: (dotted) => (profile.dottedRegionCodes ? dotted : dotted.replaceAll('.', '')),
});
