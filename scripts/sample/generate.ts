/**
 * The sample generator: walks the 800 desa in code order, draws each desa's
 * households, their programs and payments, deaths, PPKS entries and
 * complaints, and streams every row straight to its file. Only one desa is
 * in memory at a time, so `--scale 16` runs in the same memory as `--scale 1`.
 *
 * `generateSample` is pure apart from writing into `out` (and
 * `<out>-unreadable` with `messy`): no clock, no global randomness.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { complaints as complaintsContract, deaths as deathsContract, households as householdsContract, individuals as individualsContract, payments as paymentsContract, ppks as ppksContract } from '../contracts/contracts.ts';
import type { FileContract } from '../contracts/types.ts';
import { COMPLAINTS, DESA_SIZE_SIGMA, EXCEL_NIK_SHARE, GHOST_RECIPIENT_SHARE, PEOPLE_PER_HOUSEHOLD, PPKS } from './calibration.ts';
import { complaint } from './complaints.ts';
import { CsvFileWriter, type Row } from './csv-writer.ts';
import { firstDayOfMonth, monthOf, parseIsoDate, periodLabel } from './dates.ts';
import { type FileProfile, formatterFor, profileFor, type RawFileId } from './formats.ts';
import { type Household, type HouseholdContext, type Person, desilTable, makeHousehold } from './households.ts';
import { type DefectCounts, messyFilter, type UnreadableFile, writeUnreadable } from './messy.ts';
import { KkAllocator, SerialAllocator, buildNik, excelForm } from './nik.ts';
import { amountFor, type EnrolContext, type Enrolment, enrol, paymentRow, schedules } from './payments.ts';
import { ppksEntry } from './ppks.ts';
import { DEFAULT_AREA_DIR, DEFAULT_REFERENCE_DIR, readReference } from './reference.ts';
import { type Desa, loadRegions } from './regions.ts';
import { type Rng, Weighted, rngFor } from './rng.ts';
import { settleVerval } from './verval.ts';
import { WorkingCalendar } from './working-days.ts';

export interface SampleOptions {
  seed?: number;
  /** 1 ≈ 700,000 households and 2.3 million people. */
  scale?: number;
  out?: string;
  messy?: boolean;
  /** yyyy-mm-dd; the generator's "today". Payments cover the 24 months before its month. */
  asOf?: string;
  referenceDir?: string;
  areaDir?: string;
}

export const DEFAULTS = { seed: 42, scale: 1, out: 'data/raw', asOf: '2026-10-31' } as const;

export const RAW_FILES: Record<RawFileId, FileContract> = {
  households: householdsContract,
  individuals: individualsContract,
  payments: paymentsContract,
  deaths: deathsContract,
  ppks: ppksContract,
  complaints: complaintsContract,
};
const FILE_IDS = Object.keys(RAW_FILES) as RawFileId[];

export type SampleManifest = ReturnType<typeof emptyTally> & {
  generator: string;
  seed: number;
  scale: number;
  asOf: string;
  messy: boolean;
  periods: { first: string; last: string };
  files: Record<string, { rows: number; encoding: string; separator: string; bom: boolean; dateStyle: string; dottedRegionCodes: boolean }>;
  unreadable?: { dir: string; files: UnreadableFile[] };
};

const emptyTally = () => ({
  regions: { kabupaten: 0, kecamatan: 0, desa: 0 },
  population: { households: 0, people: 0, crudeDeathRatePer1000PerYear: 0 },
  vervalStatus: {} as Record<string, number>,
  imperfections: {
    invalidNik: { people: 0, byFlaw: {} as Record<string, number>, cellsByFile: {} as Record<string, number>, excelFormRows: 0 },
    duplicateNik: { extraListings: 0, duplicateHeads: 0 },
    deceased: { deaths: 0, recipientsPaidAfterDeath: 0, paymentsAfterDeath: 0 },
    neverVerified: 0,
    notVerifiedForTwoYears: 0,
    withdrawals: { households: 0, pkhFamilies: 0, share: 0 },
    ghostRecipients: { recipients: 0, payments: 0 },
  },
  targeting: {} as Record<string, { eligible: number; beneficiaries: number; beneficiariesEligible: number; inclusionError: number; exclusionError: number }>,
  payments: { byProgram: {} as Record<string, number>, byStatus: {} as Record<string, number>, byChannel: {} as Record<string, number> },
  ppks: { byCategory: {} as Record<string, number>, withoutNik: 0, outreachNik: 0 },
  complaints: { total: 0, open: 0, referred: 0, reopened: 0, byChannel: {} as Record<string, number> },
  messyRows: {} as Record<string, DefectCounts>,
  cp1252Names: {} as Record<string, number>,
});
type Tally = ReturnType<typeof emptyTally>;

const bump = (record: Record<string, number>, key: string, by = 1): void => {
  record[key] = (record[key] ?? 0) + by;
};

/** Households per desa: in proportion to each kabupaten's population, skewed across its desa, at least one each. */
const desaSizes = (desa: readonly Desa[], seed: number, scale: number): number[] => {
  const rng = rngFor(seed, 'desa-sizes');
  const weights = desa.map(() => Math.exp(DESA_SIZE_SIGMA * rng.normal()));
  const totals = new Map<string, number>();
  desa.forEach((d, i) => totals.set(d.kecamatan.kabupaten.code, (totals.get(d.kecamatan.kabupaten.code) ?? 0) + (weights[i] as number)));
  return desa.map((d, i) => {
    const kab = d.kecamatan.kabupaten;
    const households = (kab.population / PEOPLE_PER_HOUSEHOLD) * scale;
    return Math.max(1, Math.round((households * (weights[i] as number)) / (totals.get(kab.code) as number)));
  });
};

export const generateSample = async (options: SampleOptions = {}): Promise<SampleManifest> => {
  const seed = options.seed ?? DEFAULTS.seed;
  const scale = options.scale ?? DEFAULTS.scale;
  const out = path.resolve(options.out ?? DEFAULTS.out);
  const messy = options.messy ?? false;
  const asOfText = options.asOf ?? DEFAULTS.asOf;
  if (!(scale > 0)) throw new Error(`--scale must be positive, got ${scale}`);
  const asOf = parseIsoDate(asOfText);
  const lastMonth = monthOf(asOf) - 1;
  const firstMonth = lastMonth - 23;
  const windowStart = firstDayOfMonth(firstMonth);
  const years = (asOf - windowStart + 1) / 365.25;

  const regions = loadRegions(options.areaDir ?? DEFAULT_AREA_DIR);
  const reference = readReference(options.referenceDir ?? DEFAULT_REFERENCE_DIR);
  const schedule = schedules(reference.programs.values(), firstMonth, lastMonth);
  const calendar = new WorkingCalendar(reference.holidays);
  const tally = emptyTally();
  tally.regions = { kabupaten: regions.kabupaten.length, kecamatan: regions.kecamatan.length, desa: regions.desa.length };

  mkdirSync(out, { recursive: true });
  const profiles = Object.fromEntries(FILE_IDS.map((id) => [id, profileFor(id, messy)])) as Record<RawFileId, FileProfile>;
  const fmt = Object.fromEntries(FILE_IDS.map((id) => [id, formatterFor(profiles[id])])) as Record<RawFileId, ReturnType<typeof formatterFor>>;
  const writers = {} as Record<RawFileId, CsvFileWriter>;
  for (const id of FILE_IDS) {
    const contract = RAW_FILES[id];
    let filter;
    if (messy) {
      const counts: DefectCounts = {};
      tally.messyRows[contract.fileName] = counts;
      const unknownVillage = fmt[id].region('35.17.99.2999');
      const messyCtx = { asOf, fmtDate: (d: number) => fmt[id].date(d), fmtTimestamp: (m: number) => fmt[id].timestamp(m), unknownVillage };
      const onName = profiles[id].encoding === 'win1252' ? (name: string) => bump(tally.cp1252Names, name) : undefined;
      filter = messyFilter(id, messyCtx, rngFor(seed, 'messy', id), counts, onName);
    }
    writers[id] = new CsvFileWriter(path.join(out, contract.fileName), contract.columns.map((c) => c.name), profiles[id], filter);
  }
  const invalidCell = (id: RawFileId): void => bump(tally.imperfections.invalidNik.cellsByFile, RAW_FILES[id].fileName);

  const serials = new SerialAllocator();
  const kks = new KkAllocator();
  const hhCtx: HouseholdContext = { asOf, windowStart, serials, kks, kecamatan: regions.kecamatan, donors: [] };
  const ppksCtx = {
    asOf,
    registerStart: asOf - 7 * 365,
    categories: new Weighted(reference.ppksCategories.map((c) => [c.code, PPKS.weights[c.code] ?? 0.2] as const)),
    serials,
    fmt: fmt.ppks,
  };
  const complaintCtx = {
    asOf,
    start: windowStart,
    calendar,
    categories: new Map(reference.complaintCategories.map((c) => [c.code, c])),
    fmt: fmt.complaints,
    sequences: new Map<string, number>(),
  };
  const ppksSeen = new Set<number>();
  for (const program of schedule.keys()) {
    tally.targeting[program] = { eligible: 0, beneficiaries: 0, beneficiariesEligible: 0, inclusionError: 0, exclusionError: 0 };
  }

  const writePayment = (row: Row, program: string): void => {
    writers.payments.write(row);
    bump(tally.payments.byProgram, program);
    bump(tally.payments.byStatus, row.status as string);
    bump(tally.payments.byChannel, row.saluran as string);
  };

  const emitHousehold = (hh: Household, enrolments: readonly Enrolment[], rng: Rng, excelRng: Rng): void => {
    const t = tally.imperfections;
    writers.households.write({
      no_kk: hh.kk,
      nik_kepala: hh.head.nik,
      nama_kepala: hh.head.name,
      alamat: hh.address,
      kode_desa: fmt.households.region(hh.desa.code),
      desil: String(hh.desil),
      jumlah_anggota: String(hh.members.length),
      status_verval: hh.status,
      tanggal_verval: fmt.households.date(hh.vervalDate),
    });
    tally.population.households++;
    bump(tally.vervalStatus, hh.status);
    if (hh.head.flaw) invalidCell('households');
    if (hh.vervalDate === undefined) t.neverVerified++;
    else if (hh.vervalDate < asOf - 730) t.notVerifiedForTwoYears++;
    if (hh.head.clone) t.duplicateNik.duplicateHeads++;

    for (const m of hh.members) {
      let nik = m.nik;
      if (!m.flaw && excelRng.chance(EXCEL_NIK_SHARE)) {
        nik = excelForm(m.nik);
        t.invalidNik.excelFormRows++;
        invalidCell('individuals');
      }
      if (m.flaw) invalidCell('individuals');
      writers.individuals.write({
        nik,
        no_kk: hh.kk,
        nama: m.name,
        tanggal_lahir: fmt.individuals.date(m.birth),
        jenis_kelamin: m.female ? 'P' : 'L',
        disabilitas: m.disabled ? '1' : '0',
      });
      if (m.clone) {
        t.duplicateNik.extraListings++;
        continue;
      }
      tally.population.people++;
      if (m.flaw) {
        t.invalidNik.people++;
        bump(t.invalidNik.byFlaw, m.flaw);
      }
      if (m.death !== undefined) {
        writers.deaths.write({ nik: m.nik, nama: m.name, tanggal_meninggal: fmt.deaths.date(m.death) });
        t.deceased.deaths++;
        if (m.flaw) invalidCell('deaths');
      }
    }

    const received = new Set<string>();
    for (const e of enrolments) {
      const plan = schedule.get(e.program);
      if (!plan) continue;
      const recipient: Person = e.person ?? hh.head;
      let paidAfterDeath = false;
      let paidAny = false;
      for (const month of plan.periods) {
        if (month < e.from || month > e.to) continue;
        const start = firstDayOfMonth(month);
        if (start > hh.stopDay) break;
        if (e.person?.death !== undefined && start > e.person.death + 120) break;
        const amount = amountFor(plan, hh, e, start, rng);
        if (amount <= 0) continue;
        const perPerson = e.person !== undefined;
        const nik = perPerson || e.bothIds ? recipient.nik : '';
        writePayment(
          paymentRow({ nik, kk: !perPerson || e.bothIds ? hh.kk : '', program: e.program, month, amount, channel: e.channel, rng, formatDate: fmt.payments.date }),
          e.program,
        );
        paidAny = true;
        if (nik && recipient.flaw) invalidCell('payments');
        if (recipient.death !== undefined && recipient.death < start && !recipient.clone) {
          t.deceased.paymentsAfterDeath++;
          paidAfterDeath = true;
        }
      }
      if (paidAfterDeath) t.deceased.recipientsPaidAfterDeath++;
      if (paidAny && !perPersonProgram(e)) received.add(e.program);
      if (paidAny && perPersonProgram(e)) countTarget(e.program, hh.desil, true, 1);
    }
    for (const [code, plan] of schedule) {
      if (plan.program.unit === 'INDIVIDU') continue;
      const target = tally.targeting[code] as Tally['targeting'][string];
      const eligible = hh.desil >= plan.program.desilMin && hh.desil <= plan.program.desilMax;
      if (eligible) target.eligible++;
      if (received.has(code)) {
        target.beneficiaries++;
        if (eligible) target.beneficiariesEligible++;
      }
    }
    if (received.has('PKH')) t.withdrawals.pkhFamilies++;
    if (hh.status === 'MENGUNDURKAN_DIRI') t.withdrawals.households++;
  };

  const perPersonProgram = (e: Enrolment): boolean => e.person !== undefined;
  const countTarget = (code: string, desil: number, beneficiary: boolean, eligibleAdd: number): void => {
    const plan = schedule.get(code);
    const target = tally.targeting[code];
    if (!plan || !target) return;
    const eligible = desil >= plan.program.desilMin && desil <= plan.program.desilMax;
    if (beneficiary) {
      target.beneficiaries++;
      if (eligible) target.beneficiariesEligible++;
    } else if (eligible) target.eligible += eligibleAdd;
  };

  const emitGhost = (desa: Desa, rng: Rng): void => {
    const kec = desa.kecamatan.digits;
    const perPerson = rng.chance(0.2);
    const program = perPerson ? 'PIP' : rng.chance(0.6) ? 'SEMBAKO' : 'PKH';
    const plan = schedule.get(program);
    if (!plan) return;
    const female = rng.chance(0.5);
    const birth = asOf - rng.int(perPerson ? 8 : 25, perPerson ? 17 : 70) * 365 - rng.int(0, 364);
    const serial = serials.extraSerial(kec, birth, female);
    const nik = perPerson && serial !== undefined ? buildNik(kec, birth, female, serial) : '';
    const kk = perPerson ? '' : kks.nextGhost(kec, asOf - rng.int(100, 3000));
    if (perPerson && !nik) return;
    const from = rng.int(firstMonth, lastMonth);
    let rows = 0;
    for (const month of plan.periods) {
      if (month < from) continue;
      const amount = program === 'PIP' ? 225_000 : program === 'SEMBAKO' ? 400_000 : 750_000;
      writePayment(paymentRow({ nik, kk, program, month, amount, channel: 'HIMBARA', rng, formatDate: fmt.payments.date }), program);
      rows++;
    }
    if (rows > 0) {
      tally.imperfections.ghostRecipients.recipients++;
      tally.imperfections.ghostRecipients.payments += rows;
    }
  };

  const sizes = desaSizes(regions.desa, seed, scale);
  for (const [index, desa] of regions.desa.entries()) {
    serials.enterKecamatan(desa.kecamatan.digits, desa.kecamatan.index);
    kks.enterKecamatan(desa.kecamatan.digits);
    const hhRng = rngFor(seed, 'households', desa.code);
    const payRng = rngFor(seed, 'payments', desa.code);
    const excelRng = rngFor(seed, 'excel', desa.code);
    const desil = desilTable(desa.kecamatan.kabupaten.povertyTilt + 0.05 * hhRng.normal());
    const enrolCtx: EnrolContext = { firstMonth, lastMonth, posShare: desa.kecamatan.kabupaten.posShare, windowStart };
    const households: Household[] = [];
    for (let i = 0; i < (sizes[index] as number); i++) {
      const hh = makeHousehold(hhCtx, hhRng, desa, desil.draw(hhRng));
      const enrolments = enrol(hh, enrolCtx, payRng);
      settleVerval(hh, enrolments.some((e) => e.program === 'PKH'), { asOf, windowStart }, hhRng);
      // PIP eligibility is per child: count the eligible school-age children here.
      for (const m of hh.members) {
        if (m.clone) continue;
        const age = (windowStart - m.birth) / 365.25;
        if (age >= 6 && age < 19) countTarget('PIP', hh.desil, false, 1);
      }
      emitHousehold(hh, enrolments, payRng, excelRng);
      households.push(hh);
    }

    const ghostRng = rngFor(seed, 'ghosts', desa.code);
    for (let g = ghostRng.poisson(households.length * GHOST_RECIPIENT_SHARE); g > 0; g--) emitGhost(desa, ghostRng);

    const ppksRng = rngFor(seed, 'ppks', desa.code);
    const people = households.reduce((s, hh) => s + hh.members.length, 0);
    const ppksKeys = new Set<string>();
    const writePpks = (category: number): void => {
      const entry = ppksEntry(ppksCtx, ppksRng, desa, households, category);
      const key = `${entry.row.nik}|${category}`;
      if (entry.row.nik && ppksKeys.has(key)) return;
      ppksKeys.add(key);
      writers.ppks.write(entry.row);
      ppksSeen.add(category);
      bump(tally.ppks.byCategory, String(category));
      if (entry.withoutNik) tally.ppks.withoutNik++;
      if (entry.outreach) tally.ppks.outreachNik++;
      if (entry.flawedNik) invalidCell('ppks');
    };
    for (let n = ppksRng.poisson(people * PPKS.perPerson); n > 0; n--) writePpks(ppksCtx.categories.draw(ppksRng));
    // Even the smallest sample shows every one of the 26 categories.
    if (index === regions.desa.length - 1) for (const c of reference.ppksCategories) if (!ppksSeen.has(c.code)) writePpks(c.code);

    const complaintRng = rngFor(seed, 'complaints', desa.code);
    for (let n = complaintRng.poisson(households.length * COMPLAINTS.perHouseholdYear * years); n > 0; n--) {
      const result = complaint(complaintCtx, complaintRng, desa, households);
      writers.complaints.write(result.row);
      tally.complaints.total++;
      bump(tally.complaints.byChannel, result.row.saluran as string);
      if (result.open) tally.complaints.open++;
      if (result.referred) tally.complaints.referred++;
      if (result.reopened) tally.complaints.reopened++;
      if (result.flawedNik) invalidCell('complaints');
    }

    await Promise.all(FILE_IDS.map((id) => writers[id].drain()));
  }
  await Promise.all(FILE_IDS.map((id) => writers[id].close()));

  finishTally(tally, years);
  const manifest: SampleManifest = {
    generator: 'terang scripts/sample',
    seed,
    scale,
    asOf: asOfText,
    messy,
    periods: { first: periodLabel(firstMonth), last: periodLabel(lastMonth) },
    files: Object.fromEntries(
      FILE_IDS.map((id) => {
        const p = profiles[id];
        return [RAW_FILES[id].fileName, { rows: writers[id].rows, encoding: p.encoding, separator: p.separator, bom: p.bom, dateStyle: p.dateStyle, dottedRegionCodes: p.dottedRegionCodes }];
      }),
    ),
    ...tally,
  };
  if (messy) {
    const dir = `${out.replace(/[\\/]+$/, '')}-unreadable`;
    manifest.unreadable = { dir: path.basename(dir), files: writeUnreadable(dir, writers, rngFor(seed, 'unreadable')) };
  }
  writeFileSync(path.join(out, 'sample-manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
};

const ratio = (a: number, b: number): number => (b === 0 ? 0 : Math.round((a / b) * 10000) / 10000);

const finishTally = (tally: Tally, years: number): void => {
  tally.population.crudeDeathRatePer1000PerYear = ratio(tally.imperfections.deceased.deaths * 1000, tally.population.people * years);
  const w = tally.imperfections.withdrawals;
  w.share = ratio(w.households, w.pkhFamilies);
  for (const target of Object.values(tally.targeting)) {
    target.inclusionError = ratio(target.beneficiaries - target.beneficiariesEligible, target.beneficiaries);
    target.exclusionError = ratio(target.eligible - target.beneficiariesEligible, target.eligible);
  }
};
