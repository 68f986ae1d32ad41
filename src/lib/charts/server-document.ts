/**
 * A DOM document for rendering charts at site build time (linkedom). Chart
 * specs take the document as an argument, so in a browser they get the real one.
 */
import { parseHTML } from 'linkedom';

export const serverDocument = (): Document => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
