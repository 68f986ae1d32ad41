/**
 * `npm run sample -- [--scale 0.01] [--seed 42] [--out data/raw] [--messy] [--as-of 2026-10-31]`
 */
import { parseArgs } from 'node:util';
import { DEFAULTS, generateSample } from './generate.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: String(DEFAULTS.scale) },
    seed: { type: 'string', default: String(DEFAULTS.seed) },
    out: { type: 'string', default: DEFAULTS.out },
    messy: { type: 'boolean', default: false },
    'as-of': { type: 'string', default: DEFAULTS.asOf },
  },
});

const number = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isFinite(value)) throw new Error(`--${name} must be a number, got "${text}"`);
  return value;
};

const started = performance.now();
const manifest = await generateSample({
  scale: number('scale', values.scale),
  seed: number('seed', values.seed),
  out: values.out,
  messy: values.messy,
  asOf: values['as-of'],
});
const seconds = (performance.now() - started) / 1000;

console.log(`Sampel Terang: seed ${manifest.seed}, skala ${manifest.scale}, per ${manifest.asOf}${manifest.messy ? ', --messy' : ''} → ${values.out}`);
for (const [file, info] of Object.entries(manifest.files)) console.log(`  ${file.padEnd(16)} ${String(info.rows).padStart(10)} baris`);
if (manifest.unreadable) console.log(`  ${manifest.unreadable.files.length} file rusak → ${manifest.unreadable.dir}/`);
console.log(`Selesai dalam ${seconds.toFixed(1)} s; puncak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
