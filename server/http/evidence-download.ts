/** Sending a C10 evidence file: always as a download, with the type found from its bytes, never sniffed. */
import type { Response } from 'express';
import type { RealisationAttachment } from '../records';

export function sendEvidenceFile(res: Response, a: RealisationAttachment, content: Buffer): void {
  // res.attachment sets Content-Disposition: attachment with the name safely encoded (RFC 6266).
  res.attachment(a.fileName);
  res.type(a.contentType);
  res.set({
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'private, no-store',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  res.send(content);
}
