/**
 * The household's latest verval: its status, the date, and from when the
 * payment lists stop paying it. Deaths of heads are usually caught after a
 * lag; some moved or duplicate families stay on stale lists.
 */
import { VERVAL, WITHDRAWAL_SHARE_OF_PKH } from './calibration.ts';
import type { Household } from './households.ts';
import type { Rng } from './rng.ts';

const TWO_YEARS = 730;

export interface VervalContext {
  asOf: number;
  windowStart: number;
}

const recentDate = (ctx: VervalContext, rng: Rng): number => ctx.asOf - rng.int(0, TWO_YEARS - 1);

export const settleVerval = (hh: Household, receivesPkh: boolean, ctx: VervalContext, rng: Rng): void => {
  const death = hh.head.clone ? undefined : hh.head.death;
  if (death !== undefined && rng.chance(VERVAL.deathCaught)) {
    const caught = death + rng.int(VERVAL.deathCaughtLagDays[0], VERVAL.deathCaughtLagDays[1]);
    if (caught <= ctx.asOf) {
      hh.status = 'MENINGGAL';
      hh.vervalDate = caught;
      hh.stopDay = caught;
      return;
    }
  }
  if (hh.status === 'GANDA') {
    hh.vervalDate = recentDate(ctx, rng);
    if (!rng.chance(VERVAL.staleAfterVerval.GANDA ?? 0)) hh.stopDay = hh.vervalDate;
    return;
  }
  const kabupaten = hh.desa.kecamatan.kabupaten.code;
  const withdrawShare = WITHDRAWAL_SHARE_OF_PKH[kabupaten] ?? WITHDRAWAL_SHARE_OF_PKH.default ?? 0;
  if (receivesPkh && rng.chance(withdrawShare)) {
    hh.status = 'MENGUNDURKAN_DIRI';
    hh.vervalDate = rng.int(ctx.windowStart + 90, ctx.asOf - 15);
    hh.stopDay = hh.vervalDate;
    return;
  }
  const u = rng.next();
  if (u < VERVAL.moved + VERVAL.notFound) {
    hh.status = u < VERVAL.moved ? 'PINDAH' : 'TIDAK_DITEMUKAN';
    hh.vervalDate = recentDate(ctx, rng);
    if (!rng.chance(VERVAL.staleAfterVerval[hh.status] ?? 0)) hh.stopDay = hh.vervalDate;
    return;
  }
  const v = rng.next();
  if (v < VERVAL.neverVerified) return;
  hh.vervalDate = v < VERVAL.neverVerified + VERVAL.olderThanTwoYears ? ctx.asOf - TWO_YEARS - rng.int(1, 5 * 365) : recentDate(ctx, rng);
};
