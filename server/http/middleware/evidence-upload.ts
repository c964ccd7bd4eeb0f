/**
 * Receiving a C10 evidence file: a multipart upload (field `file`) held in memory, stopped at
 * 10 MB with 413. Its type is checked from its bytes by the use case (io/evidence-files.ts).
 */
import multer from 'multer';
import type { RequestHandler } from 'express';
import { AppError } from '../../errors';
import { MAX_EVIDENCE_BYTES } from '../../io/evidence-files';

const multipart = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 5, fieldSize: 4096, parts: 7 },
}).single('file');

export function uploadEvidence(): RequestHandler {
  return (req, res, next) => {
    multipart(req, res, (err: unknown) => {
      if (!err) return next();
      if (err instanceof multer.MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE')
          return next(new AppError(413, 'payload_too_large', 'The selected file must be smaller than 10 MB'));
        return next(new AppError(400, 'bad_request', 'Send one file, in the field "file"'));
      }
      // Anything else is busboy failing to read the body (a malformed or truncated multipart form): the
      // client's fault, never a 500.
      next(new AppError(400, 'bad_request', 'The upload could not be read: send one file in the field "file"'));
    });
  };
}
