/**
 * Receiving an import file over HTTP: a multipart upload (field `file`) held in memory, or, for the
 * API, a raw CSV or .xlsx body. Both stop at 20 MB with 413.
 */
import path from 'node:path';
import express, { type RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from '../../errors';

export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

const tooLarge = () =>
  new AppError(
    413,
    'payload_too_large',
    'The file is larger than 20 MB: split it into smaller files and import each one',
  );

const multipart = multer({
  storage: multer.memoryStorage(),
  // File names are sent as UTF-8 by browsers and curl.
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, fieldSize: 4096, parts: 12 },
}).single('file');

/** Parses a multipart form with at most one file, `file`; other requests pass through untouched. */
export function uploadFile(): RequestHandler {
  return (req, res, next) => {
    multipart(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return next(tooLarge());
        return next(
          new AppError(
            400,
            'bad_request',
            err.code === 'LIMIT_UNEXPECTED_FILE'
              ? 'Send one file, in the field "file"'
              : 'The upload could not be read: send one file in the field "file"',
          ),
        );
      }
      next(err);
    });
  };
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The API's raw body: text/csv or an .xlsx workbook, as bytes (the checksum is of the bytes). */
export function rawImportBody(): RequestHandler {
  const parse = express.raw({
    type: ['text/csv', 'application/csv', XLSX_TYPE, 'application/octet-stream'],
    limit: MAX_UPLOAD_BYTES,
  });
  return (req, res, next) => {
    parse(req, res, (err: unknown) => {
      const e = err as { type?: string } | undefined;
      if (e?.type === 'entity.too.large') return next(tooLarge());
      next(err as Error | undefined);
    });
  };
}

/** A file name safe to show and store: no folders, no control characters, at most 255 characters. */
export function cleanFileName(name: string | undefined, fallback: string): string {
  const visible = [...String(name ?? '')]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f)
    .join('');
  const base = path.basename(visible.replace(/\\/g, '/')).trim();
  return (base || fallback).slice(0, 255);
}
