/**
 * Small built-in name lists with a regional flavour (Minang, Javanese,
 * Malay, Banjar). The sample is fictitious: names are combined at random and
 * must never be mistaken for real people, so no list holds full names.
 */
import type { Rng } from './rng.ts';
import type { NameFlavour } from './regions.ts';

interface NameLists {
  male: readonly string[];
  female: readonly string[];
  /** Second names, family or father's names. */
  second: readonly string[];
  /** Words that open an address line (dusun, korong, kampung …). */
  settlement: readonly string[];
  places: readonly string[];
}

const COMMON_MALE = ['Muhammad', 'Ahmad', 'Abdul', 'Rahmat', 'Hendra', 'Agus', 'Budi', 'Eko', 'Rudi', 'Fajar', 'Rizki', 'Arif', 'Dedi', 'Joko', 'Andi'];
const COMMON_FEMALE = ['Siti', 'Nur', 'Dewi', 'Sri', 'Rina', 'Fitri', 'Ani', 'Yuli', 'Wati', 'Lestari', 'Ratna', 'Indah', 'Putri', 'Rahma'];

const LISTS: Record<NameFlavour, NameLists> = {
  minang: {
    male: [...COMMON_MALE, 'Afrizal', 'Syafrizal', 'Zulkifli', 'Yusrizal', 'Jasman', 'Darmawan', 'Asril', 'Nofrizal', 'Irwan', 'Masrul', 'Syahril', 'Datuak'],
    female: [...COMMON_FEMALE, 'Yusnimar', 'Nurhayati', 'Rosmaniar', 'Zuraida', 'Yenni', 'Erna', 'Desmiati', 'Nurmaini', 'Yusniar', 'Rosna', 'Asmidar'],
    second: ['Sutan', 'Chaniago', 'Piliang', 'Tanjung', 'Koto', 'Sikumbang', 'Jambak', 'Caniago', 'Rangkayo', 'Malin', 'Hidayat', 'Putra', 'Syahputra', 'Yanti', 'Wati', 'Ningsih'],
    settlement: ['Korong', 'Nagari', 'Jorong'],
    places: ['Pasa Usang', 'Kampuang Dalam', 'Padang Sago', 'Lubuak Pandan', 'Sungai Sariak', 'Koto Tinggi', 'Balai Baru', 'Toboh Ketek'],
  },
  jawa: {
    male: [...COMMON_MALE, 'Slamet', 'Sugeng', 'Bambang', 'Suparno', 'Sutrisno', 'Wahyudi', 'Sumarno', 'Teguh', 'Heru', 'Suwarno', 'Gunawan', 'Mulyono', 'Supriadi', 'Imam'],
    female: [...COMMON_FEMALE, 'Suparmi', 'Sumiati', 'Tumini', 'Sulastri', 'Wahyuni', 'Endang', 'Sriyani', 'Painem', 'Suyati', 'Kasiyem', 'Umi', 'Khoirul'],
    second: ['Riyadi', 'Santoso', 'Purnomo', 'Susanto', 'Setiawan', 'Wibowo', 'Prasetyo', 'Hartono', 'Nugroho', 'Hidayat', 'Rahayu', 'Ningsih', 'Lestari', 'Wulandari', 'Mahmudah', 'Fauzi'],
    settlement: ['Dusun', 'Dusun', 'Dukuh'],
    places: ['Krajan', 'Sumberejo', 'Kedungrejo', 'Ngasem', 'Tambakrejo', 'Karanganyar', 'Sidomulyo', 'Wonosari', 'Banjarsari'],
  },
  melayu: {
    male: [...COMMON_MALE, 'Wan', 'Raja', 'Syarif', 'Hamdan', 'Zainal', 'Kamaruddin', 'Ismail', 'Yusuf', 'Hasan', 'Encik', 'Daeng', 'Azhar'],
    female: [...COMMON_FEMALE, 'Syarifah', 'Zubaidah', 'Halimah', 'Rohani', 'Maimunah', 'Fatimah', 'Salmah', 'Aisyah', 'Juriah', 'Norma', 'Asiah'],
    second: ['Abdullah', 'Ismail', 'Hamid', 'Yusof', 'Rahman', 'Salleh', 'Kadir', 'Latif', 'Hasyim', 'Bakar', 'Wati', 'Binti Ali', 'Binti Umar', 'Saleh'],
    settlement: ['Kampung', 'Kampung', 'Dusun'],
    places: ['Tanjung', 'Sebayar', 'Ceruk', 'Air Lengit', 'Teluk Buton', 'Pengadah', 'Sepempang', 'Kelarik', 'Batu Gajah'],
  },
  banjar: {
    male: [...COMMON_MALE, 'Gusti', 'Antung', 'Arsyad', 'Mahyuni', 'Syahrani', 'Jumberi', 'Rusmadi', 'Ahmadi', 'Saberan', 'Hamberi', 'Ijai', 'Masrani'],
    female: [...COMMON_FEMALE, 'Aluh', 'Galuh', 'Masitah', 'Rusmini', 'Jubaidah', 'Saniah', 'Mahmudah', 'Noorhayati', 'Jamilah', 'Rabiatul', 'Hamidah'],
    second: ['Rahman', 'Noor', 'Hasan', 'Ansyari', 'Rifani', 'Mursyid', 'Yusran', 'Hairani', 'Jannah', 'Wati', 'Arbain', 'Aini', 'Fadillah', 'Hidayah'],
    settlement: ['RT', 'Gang', 'Jalan'],
    places: ['Paringin', 'Halong', 'Awayan', 'Juai', 'Batulicin', 'Kusan', 'Simpang Empat', 'Sungai Danau', 'Pagatan'],
  },
};

/** Names that only look right in a real character set: used by `--messy` for the Windows-1252 file. */
export const NAMES_NEEDING_CP1252 = ['Ma’ruf Amin', 'Jum’at Santoso', 'Syafi’i Hasan', 'André Wibowo', 'Noémi Lestari', 'Ku’ati Rahman'] as const;

export const personName = (rng: Rng, flavour: NameFlavour, sex: 'L' | 'P'): string => {
  const lists = LISTS[flavour];
  const first = rng.pick(sex === 'L' ? lists.male : lists.female);
  // One person in six goes by a single name, still common across Indonesia.
  if (rng.chance(1 / 6)) return first;
  let second = rng.pick(lists.second);
  if (second === first) second = rng.pick(lists.second);
  return `${first} ${second}`;
};

export const address = (rng: Rng, flavour: NameFlavour): string => {
  const lists = LISTS[flavour];
  const rt = String(rng.int(1, 24)).padStart(3, '0');
  const rw = String(rng.int(1, 8)).padStart(3, '0');
  const settlement = rng.pick(lists.settlement);
  if (settlement === 'RT') return `RT ${rt} ${rng.pick(lists.places)}`;
  return `${settlement} ${rng.pick(lists.places)} RT ${rt} RW ${rw}`;
};
