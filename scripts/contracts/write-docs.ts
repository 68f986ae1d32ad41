/** `npm run docs:contracts`: regenerate docs/data-contracts.md from the contract module. */
import { writeFileSync } from 'node:fs';
import { CONTRACTS } from './contracts.ts';
import { renderContractsDoc } from './render-docs.ts';

export const CONTRACTS_DOC_PATH = new URL('../../docs/data-contracts.md', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(CONTRACTS_DOC_PATH, renderContractsDoc(CONTRACTS));
  console.log('docs/data-contracts.md ditulis ulang / rewritten');
}
