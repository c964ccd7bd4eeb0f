/** Streaming a long download (CSV, workbook) to the response, shared by the export and audit pages. */
import type { Request, Response } from 'express';

/**
 * A chunk writer for `res`: it calls `beforeFirst` once, before the first chunk (so an error
 * before any data still gets a proper page), and waits for the socket to drain when its buffer is
 * full, so a long export never piles up in memory. `closedMessage` is the error thrown when the
 * client has gone.
 */
export function chunkWriter(
  res: Response,
  closedMessage: string,
  beforeFirst?: () => void,
): (chunk: string) => Promise<void> | void {
  return (chunk) => {
    if (res.destroyed) throw new Error(closedMessage);
    if (!res.headersSent) beforeFirst?.();
    if (res.write(chunk)) return;
    return new Promise((resolve) => {
      const done = () => {
        res.removeListener('close', done);
        resolve();
      };
      res.once('drain', done);
      res.once('close', done);
    });
  };
}

/**
 * Runs `send`, which streams the body. An error before anything is sent is rethrown for the caller
 * (or the error page) to answer; part way through, the status is already sent, so all we can do is
 * log it as `<what> failed part way` and cut the download short.
 */
export async function streamDownload(
  req: Request,
  res: Response,
  what: string,
  send: () => Promise<void>,
): Promise<void> {
  try {
    await send();
  } catch (err) {
    if (!res.headersSent) throw err;
    req.ctx().logger.error({ err, requestId: req.requestId }, `${what} failed part way`);
    res.destroy(err as Error);
  }
}
