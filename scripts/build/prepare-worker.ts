/**
 * The JavaScript pre-scan of one contract's files (`prepareContract`: encoding, separator,
 * row count, numbered or sliced copies), in a worker thread, so the main thread keeps sending
 * DuckDB the checks of the previous contract while this one is read. At scale 16 the scan of
 * the 7.2 GB payment file takes minutes; on the main thread it held up every statement of the
 * people file's checks behind it.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { CONTRACTS } from '../contracts/contracts.ts';
import type { FileContract } from '../contracts/types.ts';
import { InputFileError, type ErrorCode } from './errors.ts';
import type { PreparedCsv } from './prepare-csv.ts';
import { prepareContract, type PrepareOptions } from './validate.ts';

type Reply = { prepared: PreparedCsv[] } | { fileError: { code: ErrorCode; file: string; detail: string } } | { error: string };

export interface PreparingContract {
  result: Promise<PreparedCsv[]>;
  /** Stops the scan (a build that failed elsewhere must not leave it writing files). */
  stop(): Promise<void>;
}

/** Prepares a contract's files in a worker thread; rejects with the same InputFileError the scan throws. */
export const prepareInWorker = (contract: FileContract, options: PrepareOptions): PreparingContract => {
  const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
    workerData: { entry: import.meta.url, contractId: contract.id, options },
  });
  let settled = false;
  const result = new Promise<PreparedCsv[]>((resolve, reject) => {
    worker.once('message', (reply: Reply) => {
      settled = true;
      if ('prepared' in reply) resolve(reply.prepared);
      else if ('fileError' in reply) reject(new InputFileError(reply.fileError.code, reply.fileError.file, reply.fileError.detail));
      else reject(new Error(reply.error));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`The pre-scan of ${contract.id} stopped (exit code ${code}) without a result`));
    });
  });
  result.catch(() => undefined); // awaited by the caller; never an unhandled rejection meanwhile
  return {
    result,
    stop: async () => {
      if (!settled) await worker.terminate();
    },
  };
};

if (!isMainThread && workerData?.entry === import.meta.url) {
  const { contractId, options } = workerData as { contractId: string; options: PrepareOptions };
  let reply: Reply;
  try {
    const contract = CONTRACTS.find((c) => c.id === contractId);
    if (!contract) throw new Error(`Unknown contract ${contractId}`);
    reply = { prepared: prepareContract(contract, options) };
  } catch (error) {
    reply =
      error instanceof InputFileError
        ? { fileError: { code: error.code, file: error.file, detail: error.detail } }
        : { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort!.postMessage(reply);
}
