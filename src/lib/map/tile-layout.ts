/**
 * The tile-grid map: one equal square per province (Kemendagri code, 38
 * provinces per Kepmendagri 300.2.2-2138/2025), laid out by hand in rough
 * geographic position. Aceh sits top-left, Sumatra runs down to Lampung,
 * Java and Nusa Tenggara form the bottom rows, Kalimantan and Sulawesi the
 * middle, Maluku and the six Papua provinces the right.
 *
 * Labels are the ISO 3166-2:ID subdivision codes (two letters, e.g. `JI` for
 * Jawa Timur): short enough for a 360 px screen, and standard. The tables
 * next to the map spell every name out. No boundary file is needed.
 */

export interface Tile {
  /** Kemendagri province code. */
  kode: string;
  /** ISO 3166-2:ID code without the `ID-` prefix. */
  abbr: string;
  col: number;
  row: number;
}

/** Column × row of every province; a new province needs a free cell here. */
export const PROVINCE_TILES: readonly Tile[] = [
  // Sumatra and its islands
  { kode: '11', abbr: 'AC', col: 0, row: 0 },
  { kode: '12', abbr: 'SU', col: 1, row: 0 },
  { kode: '13', abbr: 'SB', col: 1, row: 1 },
  { kode: '14', abbr: 'RI', col: 2, row: 1 },
  { kode: '21', abbr: 'KR', col: 3, row: 1 },
  { kode: '17', abbr: 'BE', col: 1, row: 2 },
  { kode: '15', abbr: 'JA', col: 2, row: 2 },
  { kode: '19', abbr: 'BB', col: 3, row: 2 },
  { kode: '16', abbr: 'SS', col: 2, row: 3 },
  { kode: '18', abbr: 'LA', col: 2, row: 4 },
  // Java
  { kode: '36', abbr: 'BT', col: 3, row: 4 },
  { kode: '31', abbr: 'JK', col: 4, row: 3 },
  { kode: '32', abbr: 'JB', col: 4, row: 4 },
  { kode: '33', abbr: 'JT', col: 5, row: 4 },
  { kode: '34', abbr: 'YO', col: 5, row: 5 },
  { kode: '35', abbr: 'JI', col: 6, row: 4 },
  // Bali and Nusa Tenggara
  { kode: '51', abbr: 'BA', col: 7, row: 4 },
  { kode: '52', abbr: 'NB', col: 8, row: 4 },
  { kode: '53', abbr: 'NT', col: 9, row: 4 },
  // Kalimantan
  { kode: '61', abbr: 'KB', col: 4, row: 1 },
  { kode: '62', abbr: 'KT', col: 5, row: 1 },
  { kode: '63', abbr: 'KS', col: 6, row: 2 },
  { kode: '64', abbr: 'KI', col: 6, row: 1 },
  { kode: '65', abbr: 'KU', col: 6, row: 0 },
  // Sulawesi
  { kode: '71', abbr: 'SA', col: 9, row: 0 },
  { kode: '75', abbr: 'GO', col: 8, row: 0 },
  { kode: '72', abbr: 'ST', col: 8, row: 1 },
  { kode: '76', abbr: 'SR', col: 7, row: 2 },
  { kode: '73', abbr: 'SN', col: 7, row: 3 },
  { kode: '74', abbr: 'SG', col: 8, row: 2 },
  // Maluku
  { kode: '82', abbr: 'MU', col: 10, row: 1 },
  { kode: '81', abbr: 'MA', col: 10, row: 2 },
  // Papua
  { kode: '96', abbr: 'PD', col: 11, row: 1 },
  { kode: '92', abbr: 'PB', col: 12, row: 1 },
  { kode: '91', abbr: 'PA', col: 13, row: 1 },
  { kode: '94', abbr: 'PT', col: 12, row: 2 },
  { kode: '95', abbr: 'PE', col: 13, row: 2 },
  { kode: '93', abbr: 'PS', col: 13, row: 3 },
];

/** Grid size in tiles. */
export const GRID = {
  cols: Math.max(...PROVINCE_TILES.map((t) => t.col)) + 1,
  rows: Math.max(...PROVINCE_TILES.map((t) => t.row)) + 1,
};

export interface PlacedTile extends Tile {
  x: number;
  y: number;
  size: number;
}

/** Tiles in SVG user units: `size` per tile with `gap` between; returns the viewBox size too. */
export function placeTiles(size = 44, gap = 4): { tiles: PlacedTile[]; width: number; height: number } {
  const step = size + gap;
  return {
    tiles: PROVINCE_TILES.map((tile) => ({ ...tile, x: tile.col * step, y: tile.row * step, size })),
    width: GRID.cols * step - gap,
    height: GRID.rows * step - gap,
  };
}
