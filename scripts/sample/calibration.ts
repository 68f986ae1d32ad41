/**
 * Every rate the sample is calibrated on, in one place, with where it comes
 * from. docs/sample-data.md lists the same numbers; change them here.
 * Figures from audits are scaled to a five-kabupaten sample, not copied
 * blindly: see the notes on each.
 */

/** Households per person: Indonesia's average family size is about 3.3 (avg ≈ 3.3 in the brief). */
export const HOUSEHOLD_SIZE_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 12], [2, 22], [3, 24], [4, 22], [5, 12], [6, 5], [7, 2], [8, 1],
];
export const PEOPLE_PER_HOUSEHOLD = 3.3;

/** Log-normal sigma of desa size weights: a few big desa, many small ones. */
export const DESA_SIZE_SIGMA = 0.75;

export const FEMALE_HEAD_SHARE = 0.15;
export const SPOUSE_SHARE = 0.9;
export const ELDERLY_PARENT_SHARE = 0.22;
/** Adults whose NIK was first issued in another sample kecamatan. */
export const MIGRANT_SHARE = 0.08;
export const DISABILITY_SHARE = { under60: 0.015, over60: 0.06 };
/** Of disabled members, the share that counts as the PKH severe-disability component. */
export const SEVERE_DISABILITY_SHARE = 0.5;

/**
 * Annual mortality, Gompertz q(age) = exp(A + B·age), with infants apart.
 * Tuned so the crude death rate of the generated population is about
 * 6.5 per 1,000 a year (Indonesia: 6–7).
 */
export const MORTALITY = { a: -9.65, b: 0.088, infant: 0.018, max: 0.35 };

/** Registry flaws. BPK: 10.9 M invalid NIKs and 86 k duplicates in a registry of roughly 190 M people. */
export const INVALID_NIK_SHARE = 0.015; // per person; BPK's ≈ 6 % predates DTSEN's Dukcapil matching
export const EXCEL_NIK_SHARE = 0.004; // rows of individu.csv where the export turned the NIK into 3.51701E+15
export const DUPLICATE_MEMBER_SHARE = 0.003; // households that list a member already listed elsewhere
export const DUPLICATE_HEAD_SHARE = 0.005; // households whose head heads another family too (status GANDA)

/** Verval (verification and validation). */
export const VERVAL = {
  neverVerified: 0.03, // tanggal_verval empty
  olderThanTwoYears: 0.1, // of households still AKTIF
  moved: 0.02, // PINDAH
  notFound: 0.015, // TIDAK_DITEMUKAN
  /** Deaths of heads caught by verval; the rest stay AKTIF and keep being paid. BPK: 125.7 k of 1.69 M deceased still paid. */
  deathCaught: 0.85,
  deathCaughtLagDays: [20, 240] as const,
  /** Payments that continue after a PINDAH / TIDAK_DITEMUKAN / GANDA verval (stale lists). */
  staleAfterVerval: { PINDAH: 0.1, TIDAK_DITEMUKAN: 0.1, GANDA: 0.4 } as Record<string, number>,
};

/** PKH families that withdrew (MENGUNDURKAN_DIRI). Jombang: 1,982 of about 86,000 PKH families after houses were labelled. */
export const WITHDRAWAL_SHARE_OF_PKH: Record<string, number> = { '35.17': 0.023, default: 0.012 };

/** Probability a family receives a program, by desil 1–10 (eligible desil give coverage, the rest inclusion error). */
export const RECEIPT_BY_DESIL: Record<string, readonly number[]> = {
  PKH: [0.6, 0.52, 0.42, 0.32, 0.24, 0.15, 0.09, 0.05, 0.025, 0.015],
  SEMBAKO: [0.66, 0.58, 0.5, 0.44, 0.36, 0.34, 0.22, 0.12, 0.06, 0.03],
  PBI_JK: [0.55, 0.5, 0.45, 0.4, 0.35, 0.34, 0.24, 0.14, 0.07, 0.035],
  BLT_DD: [0.07, 0.06, 0.05, 0.04, 0.02, 0.012, 0.006, 0.002, 0.002, 0.002],
  PIP: [0.5, 0.47, 0.45, 0.42, 0.38, 0.2, 0.12, 0.05, 0.03, 0.02],
};
/** PKH needs a component (child, elderly, disability): families without one are rarely enrolled. */
export const PKH_WITHOUT_COMPONENT_FACTOR = 0.15;
export const PKH_WITH_COMPONENT_FACTOR = 1.25;
/** Programs overlap: most PKH families also get Sembako, most Sembako families PBI-JK. */
export const SEMBAKO_GIVEN_PKH = 0.85;
export const PBI_GIVEN_SEMBAKO = 0.75;
/** BLT Dana Desa is meant for families not covered by PKH/Sembako. */
export const BLT_IF_PKH_FACTOR = 0.2;

export const ENROLMENT = {
  fromFirstPeriod: 0.85, // the rest join at a later period
  leaveEarly: 0.04, // leave at a random period (graduation, other reasons)
  bothIdsOnFamilyRows: 0.04, // family program rows that also carry the head's NIK
  kkOnPipRows: 0.25, // PIP rows that also carry the family's KK
};

export const PAYMENT_STATUS_WEIGHTS: readonly (readonly [string, number])[] = [
  ['DIBAYAR', 96.5], ['GAGAL', 2.2], ['DIKEMBALIKAN', 1.3],
];

/** Payments to a KK or NIK that is not in the registry, per registry household. */
export const GHOST_RECIPIENT_SHARE = 0.002;

/** Benefit amounts in rupiah (programs.csv holds them as text for people). */
export const BENEFIT = {
  pkhAnnual: { pregnant: 3_000_000, child0to6: 3_000_000, sd: 900_000, smp: 1_500_000, sma: 2_000_000, disability: 2_400_000, elderly: 2_400_000 },
  pkhMaxComponents: 4,
  pkhElderlyAge: 70,
  pkhPregnancyChance: 0.03, // per stage, for a wife aged 18–40
  sembakoMonthly: 200_000,
  bltMonthly: 300_000,
  pbiPerPersonMonthly: 42_000, // (unverified) in DOMAIN.md
  pipAnnual: { sd: 450_000, smp: 750_000, sma: 1_800_000 },
};

/** PPKS register entries per registry person, and how they are identified. */
export const PPKS = {
  perPerson: 0.012,
  withoutNik: 0.15,
  outreachNik: 0.12, // NIK issued later through jemput bola
  weights: {
    1: 1.5, 2: 3, 3: 0.3, 4: 0.6, 5: 2.5, 6: 0.3, 7: 0.3, 8: 14, 9: 10, 10: 0.15, 11: 0.6, 12: 0.8, 13: 1.2,
    14: 0.2, 15: 0.4, 16: 0.15, 17: 0.3, 18: 0.1, 19: 0.4, 20: 0.8, 21: 3, 22: 0.5, 23: 12, 24: 40, 25: 1, 26: 0.5,
  } as Record<number, number>,
};

/** Complaints per registry household per year, and how they flow. */
export const COMPLAINTS = {
  perHouseholdYear: 0.015,
  channels: [['PUSKESOS', 35], ['SLRT', 15], ['LAPOR', 15], ['HOTLINE', 15], ['LANGSUNG', 17], ['UPTD_PPA', 1]] as const,
  categories: [
    ['LAYAK_TIDAK_MENERIMA', 28], ['MENERIMA_TIDAK_LAYAK', 12], ['PERBAIKAN_DATA', 25], ['MASALAH_PEMBAYARAN', 20],
    ['RUJUKAN_PPKS', 8], ['LAINNYA', 6], ['KEKERASAN_PA', 1.5],
  ] as const,
  violenceViaPpa: 0.8,
  solvedLocally: 0.8,
  onwardReferral: 0.5, // of cases referred to SLRT, the share sent on to another agency
  /** Median time as a share of the category's deadline; log-normal sigma gives the heavy tail. */
  responseMedianShare: 0.45,
  responseSigma: 0.8,
  resolutionMedianShare: 0.55,
  resolutionSigma: 0.9,
  referredSlowdown: 1.8,
  neverClosed: 0.06,
  reopened: 0.03,
  nikFilled: 0.4,
  outcomes: [['SELESAI', 65], ['SEBAGIAN', 12], ['TIDAK_TERBUKTI', 15], ['DICABUT', 8]] as const,
};

/** `--messy`: share of rows that get each kind of defect (at least one of each is always injected). */
export const MESSY_ROW_SHARE = 0.0005;
