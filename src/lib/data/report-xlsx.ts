/**
 * The report's tables as one XLSX workbook, written at site build time with
 * `write-excel-file` (maintained, MIT, no dependency but fflate). SheetJS's
 * npm package (`xlsx`) is not used: its npm releases stopped at 0.18.5 (2022),
 * with known prototype-pollution and ReDoS advisories, and newer versions are
 * only on the vendor's own CDN, outside the npm registry.
 *
 * One worksheet per table, the column headers on row 1 (frozen), then one
 * row per table row: numbers stay numbers (counts and rupiah `#,##0`,
 * percentages 0–100 exactly as published, `0.0#`; the page rounds them to 0.1); a suppressed cell
 * holds the text "disamarkan"/"suppressed" (so a sum over the column can
 * never silently read it as 0, and a reader sees why it is empty); a value
 * that does not exist is an empty cell. A last sheet ("Tentang"/"About") says
 * which region, release and period, and what each sheet holds.
 */
import writeExcelFile, { type Cell, type Row as SheetRow, type Sheet } from 'write-excel-file/node';

type WorkbookSheet = Parameters<typeof writeExcelFile>[0] extends infer T ? (T extends Sheet<infer C>[] ? Sheet<C> : never) : never;
import { formatDate } from '../format.ts';
import { REPORT } from '../strings/report.ts';
import type { Report, ReportCell, ReportTable } from './report.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const NUMBER_FORMAT: Record<string, string | undefined> = {
  count: '#,##0',
  rupiah: '#,##0',
  rupiahFull: '#,##0',
  percent: '0.0#', // as published: targeting shares to 0.1, complaint shares to 0.01
  days: undefined,
};

const bold = { fontWeight: 'bold' } as const;

function sheetCell(value: ReportCell, suppressedText: string): Cell {
  if (value.kind === 'text') return { value: value.text, type: String };
  if (value.cell.suppressed) return { value: suppressedText, type: String, align: 'right' };
  if (value.cell.value === null || !Number.isFinite(value.cell.value)) return null;
  const format = NUMBER_FORMAT[value.kind];
  return { value: value.cell.value, type: Number, ...(format ? { format } : {}) };
}

function tableSheet(table: ReportTable, report: Report): WorkbookSheet {
  const s = REPORT[report.lang];
  const withSub = table.rows.some((row) => row.sub);
  const header: SheetRow = [
    { value: table.rowHeader, ...bold },
    ...(withSub ? [{ value: s.periodColumn, ...bold }] : []),
    ...table.columns.map((column) => ({ value: column.label, ...bold, wrap: true })),
  ];
  const rows: SheetRow[] = table.rows.map((row) => [
    { value: row.header, type: String, ...(row.total ? bold : {}) },
    ...(withSub ? [row.sub ? { value: row.sub, type: String } : null] : []),
    ...row.cells.map((c) => sheetCell(c, s.xlsxSuppressed)),
  ]);
  return {
    sheet: table.sheet.slice(0, 31),
    data: [header, ...rows],
    columns: [{ width: 40 }, ...(withSub ? [{ width: 26 }] : []), ...table.columns.map(() => ({ width: 16 }))],
    stickyRowsCount: 1,
  };
}

function aboutSheet(report: Report): WorkbookSheet {
  const s = REPORT[report.lang];
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
  const region = [...report.ancestors.map((r) => r.nama), report.region.nama].join(' › ');
  const line = (label: string, value: string): SheetRow => [{ value: label, ...bold }, { value, type: String }];
  return {
    sheet: s.sheetAbout,
    data: [
      [{ value: `${s.xlsxAbout}: ${report.region.nama}`, ...bold, fontSize: 14 }],
      line(s.regionLabel, `${region} (${report.region.kode})`),
      line(s.release, report.release),
      line(s.dataAsOf, report.dataDate ? formatDate(report.dataDate, report.lang) : '–'),
      line(s.periodsHeading, [s.periodTargeting, `${s.periodComplaints} ${report.complaintYear ?? '–'}`, s.periodSnapshot].join('; ')),
      [],
      [{ value: s.xlsxNote, wrap: true }],
      [{ value: fill(s.xlsxLicence, { release: report.release }) }],
      [],
      ...report.tables.map((table) => line(table.sheet.slice(0, 31), `${table.heading}. ${table.caption}`)),
    ],
    columns: [{ width: 28 }, { width: 110 }],
  };
}

/** The workbook's bytes. */
export async function reportWorkbook(report: Report): Promise<Buffer> {
  const sheets = [...report.tables.map((table) => tableSheet(table, report)), aboutSheet(report)];
  return writeExcelFile(sheets).toBuffer();
}

