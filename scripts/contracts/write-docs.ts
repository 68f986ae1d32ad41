/** `npm run docs:contracts`: regenerate docs/data-contracts.md from the contract module. */
import { writeFileSync } from 'node:fs';
import { CONTRACTS } from './contracts.ts';
import { renderContractsDoc } from './render-docs.ts';
import { renderErrorsDoc } from '../build/render-errors-doc.ts';

export const CONTRACTS_DOC_PATH = new URL('../../docs/data-contracts.md', import.meta.url);
export const ERRORS_DOC_PATH = new URL('../../docs/errors.md', import.meta.url);

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(CONTRACTS_DOC_PATH, renderContractsDoc(CONTRACTS));
  writeFileSync(ERRORS_DOC_PATH, renderErrorsDoc());
  console.log('docs/data-contracts.md, docs/errors.md ditulis ulang / rewritten');
}
