/**
 * The PPKS register of one desa: mostly registry members, some people
 * without a NIK, some whose NIK was issued later through outreach.
 */
import { PPKS } from './calibration.ts';
import type { Row } from './csv-writer.ts';
import { ageOn } from './dates.ts';
import type { Formatter } from './formats.ts';
import type { Household, Person } from './households.ts';
import { buildNik, type SerialAllocator } from './nik.ts';
import { personName } from './names.ts';
import type { Desa } from './regions.ts';
import type { Rng, Weighted } from './rng.ts';

export interface PpksContext {
  asOf: number;
  registerStart: number;
  categories: Weighted<number>;
  serials: SerialAllocator;
  fmt: Formatter;
}

/** Categories that only fit some ages: children, elderly, women. */
const fits = (category: number, person: Person, asOf: number): boolean => {
  const age = ageOn(person.birth, asOf);
  if (category <= 7) return age < 18;
  if (category === 8) return age >= 60;
  if (category === 23) return person.female && age >= 18;
  return age >= 18;
};

export interface PpksEntry {
  row: Row;
  category: number;
  withoutNik: boolean;
  outreach: boolean;
  /** The person's registry NIK is structurally invalid (counted in the manifest). */
  flawedNik?: boolean;
}

export const ppksEntry = (ctx: PpksContext, rng: Rng, desa: Desa, households: readonly Household[], category: number): PpksEntry => {
  const registered = rng.int(ctx.registerStart, ctx.asOf);
  const base = { kategori: String(category), kode_desa: ctx.fmt.region(desa.code), tanggal_registrasi: ctx.fmt.date(registered) };
  const u = rng.next();
  const flavour = desa.kecamatan.kabupaten.flavour;
  if (u < PPKS.withoutNik || households.length === 0) {
    const female = rng.chance(0.5);
    // People without a NIK are often known by one name only.
    return { row: { nik: '', nama: personName(rng, flavour, female ? 'P' : 'L').split(' ')[0] as string, ...base, tanggal_terbit_nik: '' }, category, withoutNik: true, outreach: false };
  }
  if (u < PPKS.withoutNik + PPKS.outreachNik) {
    const female = rng.chance(0.5);
    const issued = registered + rng.int(14, 400);
    const birth = ctx.asOf - rng.int(category <= 7 ? 1 : 18, category <= 7 ? 17 : 85) * 365 - rng.int(0, 364);
    const serial = issued <= ctx.asOf ? ctx.serials.extraSerial(desa.kecamatan.digits, birth, female) : undefined;
    const nik = serial === undefined ? '' : buildNik(desa.kecamatan.digits, birth, female, serial);
    return {
      row: { nik, nama: personName(rng, flavour, female ? 'P' : 'L'), ...base, tanggal_terbit_nik: nik ? ctx.fmt.date(issued) : '' },
      category,
      withoutNik: nik === '',
      outreach: nik !== '',
    };
  }
  let person = rng.pick(rng.pick(households).members);
  for (let tries = 0; tries < 8 && !fits(category, person, ctx.asOf); tries++) person = rng.pick(rng.pick(households).members);
  return {
    row: { nik: person.nik, nama: person.name, ...base, tanggal_terbit_nik: '' },
    category,
    withoutNik: false,
    outreach: false,
    flawedNik: person.flaw !== undefined,
  };
};
