/** Streaming a long download (CSV, workbook) to the response, shared by the export, audit and "Download this view" links. */
import type { Request, RequestHandler, Response, Router } from 'express';
import { NotFoundError } from '../errors';
import { todayIso } from '../financial-year';
import { writeCsv, writeXlsx, type TableSpec } from '../io/write-table';

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

/** The two formats of "Download this view". */
export const DOWNLOAD_EXTS = ['csv', 'xlsx'] as const;
export type DownloadExt = (typeof DOWNLOAD_EXTS)[number];

/**
 * Sends a page's table(s) as a download named `<stem>-<today>.<ext>`: CSV holds the first table,
 * .xlsx one worksheet per table. Shared by every "Download this view" link (issue 19).
 */
export async function sendTables(
  req: Request,
  res: Response,
  ext: DownloadExt,
  stem: string,
  tables: TableSpec[],
): Promise<void> {
  res.setHeader('Content-Disposition', `attachment; filename="${stem}-${todayIso()}.${ext}"`);
  await streamDownload(req, res, `${stem} ${ext}`, async () => {
    if (ext === 'csv') {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      await writeCsv(tables[0], chunkWriter(res, 'The client closed the connection during an export'));
      res.end();
    } else {
      res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      await writeXlsx(tables, res);
    }
  });
}

/** Routes `<path>.csv` and `<path>.xlsx` to one handler that is told which was asked for. */
export function downloadRoutes(
  router: Router,
  path: string,
  ...handlers: [...RequestHandler[], (req: Request, res: Response, ext: DownloadExt) => Promise<void>]
): void {
  const send = handlers.pop() as (req: Request, res: Response, ext: DownloadExt) => Promise<void>;
  for (const ext of DOWNLOAD_EXTS)
    router.get(`${path}.${ext}`, ...(handlers as RequestHandler[]), (req, res, next) => {
      send(req, res, ext).catch(next);
    });
}

/** Which of a page's tables a download is for (`?table=`; the first when not given). */
export function tableParam<T extends string>(req: Request, names: readonly T[]): T {
  const t = req.query.table ?? names[0];
  if (typeof t === 'string' && (names as readonly string[]).includes(t)) return t as T;
  throw new NotFoundError(`There is no such table: choose one of ${names.join(', ')}`);
}
