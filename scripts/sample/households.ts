/**
 * Families and their members for one desa. A household is drawn as a head,
 * usually a spouse, children (grandchildren in older households) and
 * sometimes an elderly parent; ages give birth dates, birth dates and sex
 * give NIKs, and an age-dependent hazard decides who dies in the window.
 */
import {
  DISABILITY_SHARE,
  DUPLICATE_HEAD_SHARE,
  DUPLICATE_MEMBER_SHARE,
  ELDERLY_PARENT_SHARE,
  FEMALE_HEAD_SHARE,
  HOUSEHOLD_SIZE_WEIGHTS,
  INVALID_NIK_SHARE,
  MIGRANT_SHARE,
  MORTALITY,
  SEVERE_DISABILITY_SHARE,
  SPOUSE_SHARE,
} from './calibration.ts';
import { KkAllocator, NIK_FLAWS, type NikFlaw, SerialAllocator, applyFlaw, buildNik } from './nik.ts';
import { address, personName } from './names.ts';
import type { Desa, Kecamatan } from './regions.ts';
import { type Rng, Weighted } from './rng.ts';

export interface Person {
  /** The NIK as every file shows it; structurally invalid when `flaw` is set. */
  nik: string;
  flaw?: NikFlaw;
  name: string;
  birth: number;
  female: boolean;
  disabled: boolean;
  severeDisability: boolean;
  death?: number;
  /** A second listing of someone already in another family (duplicate NIK). */
  clone: boolean;
}

export interface Household {
  kk: string;
  desa: Desa;
  head: Person;
  members: Person[];
  desil: number;
  address: string;
  status: string;
  vervalDate?: number;
  /** Payments for periods starting after this day are not made (verval caught up). */
  stopDay: number;
}

export interface HouseholdContext {
  asOf: number;
  /** First day of the first payment period: deaths are drawn from here to as-of. */
  windowStart: number;
  serials: SerialAllocator;
  kks: KkAllocator;
  kecamatan: readonly Kecamatan[];
  /** Recent people who may be listed again elsewhere (duplicate NIKs). */
  donors: Person[];
}

const SIZE_TABLE = new Weighted(HOUSEHOLD_SIZE_WEIGHTS);
const YEAR = 365.25;
const DONOR_POOL = 400;

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

export const desilTable = (tilt: number): Weighted<number> =>
  new Weighted(Array.from({ length: 10 }, (_, i) => [i + 1, Math.exp(-tilt * (i + 1 - 5.5))] as const));

const annualMortality = (age: number): number =>
  age < 1 ? MORTALITY.infant : Math.min(MORTALITY.max, Math.exp(MORTALITY.a + MORTALITY.b * age));

const makePerson = (ctx: HouseholdContext, rng: Rng, desa: Desa, age: number, female: boolean): Person => {
  const birth = ctx.asOf - Math.floor((age + rng.next()) * YEAR);
  let nik: string | undefined;
  if (age >= 18 && rng.chance(MIGRANT_SHARE)) {
    const origin = rng.pick(ctx.kecamatan);
    const serial = ctx.serials.migrantSerial(origin.digits, birth, female);
    if (serial !== undefined) nik = buildNik(origin.digits, birth, female, serial);
  }
  nik ??= buildNik(desa.kecamatan.digits, birth, female, ctx.serials.nativeSerial(birth, female));
  let flaw: NikFlaw | undefined;
  if (rng.chance(INVALID_NIK_SHARE)) {
    flaw = rng.pick(NIK_FLAWS);
    nik = applyFlaw(nik, flaw);
  }
  const disabled = rng.chance(age >= 60 ? DISABILITY_SHARE.over60 : DISABILITY_SHARE.under60);
  const person: Person = {
    nik,
    name: personName(rng, desa.kecamatan.kabupaten.flavour, female ? 'P' : 'L'),
    birth,
    female,
    disabled,
    severeDisability: disabled && rng.chance(SEVERE_DISABILITY_SHARE),
    clone: false,
  };
  if (flaw) person.flaw = flaw;
  const window = ctx.asOf - ctx.windowStart + 1;
  const ageAtStart = Math.max(0, (ctx.windowStart - birth) / YEAR);
  const pDie = 1 - (1 - annualMortality(ageAtStart)) ** (window / YEAR);
  if (rng.chance(pDie)) person.death = Math.max(birth, ctx.windowStart) + Math.floor(rng.next() * (ctx.asOf - Math.max(birth, ctx.windowStart) + 1));
  return person;
};

const memberAges = (rng: Rng, size: number, headAge: number, withSpouse: boolean): number[] => {
  const ages: number[] = [];
  let slots = size - 1 - (withSpouse ? 1 : 0);
  if (slots >= 1 && headAge < 70 && rng.chance(ELDERLY_PARENT_SHARE)) {
    ages.push(clamp(headAge + rng.int(20, 32), 60, 95));
    slots--;
  }
  for (let i = 0; i < slots; i++) {
    const grandchild = headAge >= 58 && rng.chance(0.5);
    const maxAge = grandchild ? 17 : clamp(headAge - 19, 0, 30);
    // Older children more often than babies: families form over years.
    ages.push(Math.floor(maxAge * Math.sqrt(rng.next())));
  }
  return ages;
};

/** Remembers adults with a clean record who could later be listed twice. */
const offerDonor = (ctx: HouseholdContext, person: Person): void => {
  if (person.flaw || person.death !== undefined || person.clone) return;
  if (ctx.donors.length < DONOR_POOL) ctx.donors.push(person);
  else ctx.donors[(person.birth >>> 0) % DONOR_POOL] = person;
};

const cloneOf = (person: Person): Person => ({ ...person, clone: true });

export const makeHousehold = (ctx: HouseholdContext, rng: Rng, desa: Desa, desil: number): Household => {
  let size = SIZE_TABLE.draw(rng);
  if (desil <= 3 && rng.chance(0.15)) size++;
  const duplicateHead = ctx.donors.length > 20 && rng.chance(DUPLICATE_HEAD_SHARE);
  const femaleHead = rng.chance(size === 1 ? 0.45 : FEMALE_HEAD_SHARE);
  const headAge = Math.round(clamp(size === 1 ? 58 + 15 * rng.normal() : 46 + 13 * rng.normal(), 19, 95));
  const head = duplicateHead ? cloneOf(rng.pick(ctx.donors)) : makePerson(ctx, rng, desa, headAge, femaleHead);
  const realHeadAge = Math.floor((ctx.asOf - head.birth) / YEAR);
  const withSpouse = size >= 2 && rng.chance(head.female ? 0.2 : SPOUSE_SHARE);
  const members = [head];
  if (withSpouse) {
    const spouseAge = clamp(head.female ? realHeadAge + rng.int(-2, 8) : realHeadAge - rng.int(-2, 8), 17, 95);
    members.push(makePerson(ctx, rng, desa, spouseAge, !head.female));
  }
  for (const age of memberAges(rng, size, realHeadAge, withSpouse)) members.push(makePerson(ctx, rng, desa, age, rng.chance(0.49)));
  if (ctx.donors.length > 20 && rng.chance(DUPLICATE_MEMBER_SHARE)) {
    const donor = rng.pick(ctx.donors);
    if (donor !== head && !members.includes(donor)) members.push(cloneOf(donor));
  }
  for (const m of members) offerDonor(ctx, m);

  // KK issued after the head turned 17, at the earliest in 2000 when the national format began.
  const earliest = Math.max(head.birth + Math.floor(17 * YEAR), ctx.asOf - Math.floor(26 * YEAR));
  const issued = earliest >= ctx.asOf ? ctx.asOf : earliest + Math.floor(rng.next() ** 0.6 * (ctx.asOf - earliest));
  return {
    kk: ctx.kks.next(desa.kecamatan.digits, issued),
    desa,
    head,
    members,
    desil,
    address: address(rng, desa.kecamatan.kabupaten.flavour),
    status: duplicateHead ? 'GANDA' : 'AKTIF',
    stopDay: Number.POSITIVE_INFINITY,
  };
};
