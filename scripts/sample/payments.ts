/**
 * Who receives which program, and the payment rows that follow. Receipt is
 * drawn per family from RECEIPT_BY_DESIL, so most recipients sit inside the
 * program's desil rule but not all (inclusion error), and many eligible
 * families get nothing (exclusion error). Programs overlap on purpose.
 */
import {
  BENEFIT,
  BLT_IF_PKH_FACTOR,
  ENROLMENT,
  PAYMENT_STATUS_WEIGHTS,
  PBI_GIVEN_SEMBAKO,
  PKH_WITHOUT_COMPONENT_FACTOR,
  PKH_WITH_COMPONENT_FACTOR,
  RECEIPT_BY_DESIL,
  SEMBAKO_GIVEN_PKH,
} from './calibration.ts';
import type { Row } from './csv-writer.ts';
import { ageOn, firstDayOfMonth, periodLabel } from './dates.ts';
import type { Household, Person } from './households.ts';
import type { Program } from './reference.ts';
import { type Rng, Weighted } from './rng.ts';

const CADENCE_MONTHS: Record<string, number> = { BULANAN: 1, DUA_BULANAN: 2, TRIWULAN: 3, SEMESTER: 6, TAHUNAN: 12 };

export interface Schedule {
  program: Program;
  /** Month indices of the periods paid in the window. */
  periods: number[];
  months: number;
}

/** The window's periods per program: every `cadence` months from the first month. */
export const schedules = (programs: Iterable<Program>, firstMonth: number, lastMonth: number): Map<string, Schedule> => {
  const out = new Map<string, Schedule>();
  for (const program of programs) {
    const months = CADENCE_MONTHS[program.cadence];
    if (!months) throw new Error(`Unknown cadence ${program.cadence} for ${program.code}`);
    const periods: number[] = [];
    for (let m = firstMonth; m <= lastMonth; m += months) periods.push(m);
    out.set(program.code, { program, periods, months });
  }
  return out;
};

export interface Enrolment {
  program: string;
  /** The person paid, for per-person programs (PIP). */
  person?: Person;
  from: number;
  to: number;
  channel: 'HIMBARA' | 'POS';
  /** Rows carry both identifiers. */
  bothIds: boolean;
}

const p = (program: string, desil: number): number => RECEIPT_BY_DESIL[program]?.[desil - 1] ?? 0;

/** P(B | not A) so that P(B) stays the marginal while P(B | A) = given. */
const conditional = (marginal: number, pA: number, given: number): number =>
  pA >= 1 ? 0 : Math.max(0, (marginal - pA * given) / (1 - pA));

const schoolAge = (age: number): boolean => age >= 6 && age <= 18;

export const pkhComponents = (hh: Household, on: number, rng: Rng): number => {
  const amounts: number[] = [];
  const a = BENEFIT.pkhAnnual;
  for (const m of hh.members) {
    if (m.clone || (m.death !== undefined && m.death < on)) continue;
    const age = ageOn(m.birth, on);
    if (age < 0) continue;
    if (age <= 6) amounts.push(a.child0to6);
    else if (age <= 12) amounts.push(a.sd);
    else if (age <= 15) amounts.push(a.smp);
    else if (age <= 18) amounts.push(a.sma);
    else if (age >= BENEFIT.pkhElderlyAge) amounts.push(a.elderly);
    if (m.severeDisability) amounts.push(a.disability);
    if (m.female && age >= 18 && age <= 40 && m !== hh.head && rng.chance(BENEFIT.pkhPregnancyChance)) amounts.push(a.pregnant);
  }
  amounts.sort((x, y) => y - x);
  return amounts.slice(0, BENEFIT.pkhMaxComponents).reduce((s, x) => s + x, 0);
};

export interface EnrolContext {
  firstMonth: number;
  lastMonth: number;
  posShare: number;
  windowStart: number;
}

const span = (ctx: EnrolContext, rng: Rng): { from: number; to: number } => {
  const from = rng.chance(ENROLMENT.fromFirstPeriod) ? ctx.firstMonth : rng.int(ctx.firstMonth + 1, ctx.lastMonth);
  const to = rng.chance(ENROLMENT.leaveEarly) ? rng.int(from, ctx.lastMonth) : ctx.lastMonth;
  return { from, to };
};

export const enrol = (hh: Household, ctx: EnrolContext, rng: Rng): Enrolment[] => {
  const out: Enrolment[] = [];
  const channel = rng.chance(ctx.posShare) ? 'POS' : 'HIMBARA';
  const bothIds = rng.chance(ENROLMENT.bothIdsOnFamilyRows);
  const add = (program: string): void => void out.push({ program, ...span(ctx, rng), channel, bothIds });

  const hasComponent = pkhComponents(hh, ctx.windowStart, rng) > 0;
  const pPkh = Math.min(1, p('PKH', hh.desil) * (hasComponent ? PKH_WITH_COMPONENT_FACTOR : PKH_WITHOUT_COMPONENT_FACTOR));
  const pkh = rng.chance(pPkh);
  if (pkh) add('PKH');
  const pSembako = p('SEMBAKO', hh.desil);
  const sembako = rng.chance(pkh ? SEMBAKO_GIVEN_PKH : conditional(pSembako, pPkh, SEMBAKO_GIVEN_PKH));
  if (sembako) add('SEMBAKO');
  if (rng.chance(sembako ? PBI_GIVEN_SEMBAKO : conditional(p('PBI_JK', hh.desil), pSembako, PBI_GIVEN_SEMBAKO))) add('PBI_JK');
  if (rng.chance(p('BLT_DD', hh.desil) * (pkh ? BLT_IF_PKH_FACTOR : 1.2))) add('BLT_DD');

  for (const child of hh.members) {
    if (child.clone || !schoolAge(ageOn(child.birth, ctx.windowStart))) continue;
    if (rng.chance(p('PIP', hh.desil))) {
      out.push({ program: 'PIP', person: child, ...span(ctx, rng), channel: 'HIMBARA', bothIds: rng.chance(ENROLMENT.kkOnPipRows) });
    }
  }
  return out;
};

const STATUS_TABLE = new Weighted(PAYMENT_STATUS_WEIGHTS);

const pipAmount = (age: number, months: number): number => {
  const annual = age <= 12 ? BENEFIT.pipAnnual.sd : age <= 15 ? BENEFIT.pipAnnual.smp : BENEFIT.pipAnnual.sma;
  return Math.round((annual * months) / 12);
};

export const amountFor = (schedule: Schedule, hh: Household, e: Enrolment, periodStart: number, rng: Rng): number => {
  const months = schedule.months;
  switch (e.program) {
    case 'PKH':
      return Math.round((pkhComponents(hh, periodStart, rng) * months) / 12);
    case 'SEMBAKO':
      return BENEFIT.sembakoMonthly * months;
    case 'BLT_DD':
      return BENEFIT.bltMonthly * months;
    case 'PBI_JK':
      return BENEFIT.pbiPerPersonMonthly * months * hh.members.length;
    case 'PIP': {
      const age = ageOn((e.person as Person).birth, periodStart);
      return schoolAge(age) ? pipAmount(age, months) : 0;
    }
    default:
      return 0;
  }
};

export interface PaymentRowInput {
  nik: string;
  kk: string;
  program: string;
  month: number;
  amount: number;
  channel: string;
  rng: Rng;
  formatDate: (days: number | undefined) => string;
}

/** One payment row: status drawn, paid date inside the period's first month. */
export const paymentRow = (input: PaymentRowInput): Row => {
  const status = STATUS_TABLE.draw(input.rng);
  const start = firstDayOfMonth(input.month);
  const paidOn = status === 'DIBAYAR' ? start + input.rng.int(4, 27) : undefined;
  return {
    nik: input.nik,
    no_kk: input.kk,
    kode_program: input.program,
    periode: periodLabel(input.month),
    nominal: String(input.amount),
    saluran: input.channel,
    status,
    tanggal_bayar: input.formatDate(paidOn),
  };
};
