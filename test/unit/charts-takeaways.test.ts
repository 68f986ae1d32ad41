/** The one-sentence takeaways: computed from published values only, in the page's language. */
import { describe, expect, it } from 'vitest';
import type { BarDatum } from '../../src/lib/charts/bar-chart.ts';
import { extreme, extremeTakeaway, kmTakeaway } from '../../src/lib/charts/takeaways.ts';
import { TOPIC_UI } from '../../src/lib/strings/topics.ts';

const id = TOPIC_UI.id;
const en = TOPIC_UI.en;

const ROWS: BarDatum[] = [
  { key: '1', label: 'Desil 1 (termiskin)', cell: { value: 16150, suppressed: false } },
  // A suppressed cell never wins, even though its hidden value is unknown.
  { key: '2', label: 'Desil 2', cell: { value: null, suppressed: true } },
  { key: '3', label: 'Desil 3', cell: { value: 14296, suppressed: false } },
];

describe('takeaways', () => {
  it('names the largest published value in Indonesian format', () => {
    expect(extremeTakeaway(ROWS, 'largest', { found: id.desilTakeaway, none: id.desilTakeawayNone }, 'count', 'id')).toBe(
      'Desil terbesar adalah Desil 1 (termiskin), dengan 16.150 keluarga.',
    );
    expect(extremeTakeaway(ROWS, 'largest', { found: en.desilTakeaway, none: en.desilTakeawayNone }, 'count', 'en')).toBe(
      'The largest desil is Desil 1 (termiskin), with 16,150 families.',
    );
  });

  it('finds the smallest share, skipping suppressed ones', () => {
    const shares: BarDatum[] = [
      { key: 'A', label: 'Masalah pembayaran', cell: { value: 50.7, suppressed: false } },
      { key: 'B', label: 'Lainnya', cell: { value: null, suppressed: true } },
      { key: 'C', label: 'Perbaikan data', cell: { value: 61.7, suppressed: false } },
    ];
    expect(extreme(shares, 'smallest')?.key).toBe('A');
    expect(extremeTakeaway(shares, 'smallest', { found: id.deadlineTakeaway, none: id.allSuppressed }, 'percent', 'id')).toBe(
      'Paling jarang selesai tepat waktu: “Masalah pembayaran”, 50,7% dalam tenggat.',
    );
  });

  it('says so when every value is suppressed', () => {
    const hidden: BarDatum[] = [{ key: 'x', label: 'X', cell: { value: null, suppressed: true } }];
    expect(extremeTakeaway(hidden, 'largest', { found: id.desilTakeaway, none: id.desilTakeawayNone }, 'count', 'id')).toBe(id.desilTakeawayNone);
  });

  it('reads the Kaplan–Meier curves at the deadline: one value or the range across regions', () => {
    const templates = { one: id.kmTakeaway, range: id.kmTakeawayRange, none: id.kmTakeawayNone };
    const a = { key: '35', label: 'Jawa Timur', points: [{ t: 5, value: 60 }, { t: 14, value: 35 }, { t: 30, value: 10 }] };
    const b = { key: '13', label: 'Sumatera Barat', points: [{ t: 10, value: 37 }, { t: 40, value: 9 }] };
    const hidden = { key: '21', label: 'Kepulauan Riau', points: [{ t: 3, value: null }, { t: 50, value: 5 }] };
    expect(kmTakeaway([a], 14, templates, 'id')).toBe('Setelah 14 hari kerja, 35,0% pengaduan di Jawa Timur belum selesai.');
    expect(kmTakeaway([a, b, hidden], 14, templates, 'id')).toBe('Setelah 14 hari kerja, 35,0% sampai 37,0% pengaduan belum selesai, tergantung provinsi.');
    expect(kmTakeaway([hidden], 14, templates, 'id')).toBe(id.kmTakeawayNone);
  });
});
