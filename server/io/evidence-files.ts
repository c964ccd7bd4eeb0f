/**
 * C10 evidence files: what a realisation's attachment may be, recognised from its bytes (magic
 * numbers and, for the zip-based office formats, the parts the zip names), never from the name or
 * the type the browser claims alone. The extension must agree with the contents, so a file opens
 * in the program its name promises; the stored content type is the one found here.
 */
export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export interface EvidenceType {
  ext: string;
  contentType: string;
  label: string;
}

const TYPES: Record<string, EvidenceType> = {
  pdf: { ext: 'pdf', contentType: 'application/pdf', label: 'PDF' },
  png: { ext: 'png', contentType: 'image/png', label: 'PNG image' },
  jpg: { ext: 'jpg', contentType: 'image/jpeg', label: 'JPEG image' },
  docx: {
    ext: 'docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    label: 'Word document',
  },
  xlsx: {
    ext: 'xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    label: 'Excel workbook',
  },
  pptx: {
    ext: 'pptx',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    label: 'PowerPoint presentation',
  },
  odt: { ext: 'odt', contentType: 'application/vnd.oasis.opendocument.text', label: 'OpenDocument text' },
  ods: { ext: 'ods', contentType: 'application/vnd.oasis.opendocument.spreadsheet', label: 'OpenDocument spreadsheet' },
  csv: { ext: 'csv', contentType: 'text/csv', label: 'CSV file' },
};

/** Extensions accepted, for the form's hint and the `accept` attribute. */
export const EVIDENCE_EXTENSIONS = ['pdf', 'png', 'jpg', 'jpeg', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'csv'];
export const EVIDENCE_HINT = 'PDF, PNG or JPEG image, Word, Excel, PowerPoint, OpenDocument or CSV, up to 10 MB';

/** "a PDF", "an Excel workbook". */
const withArticle = (label: string) => `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;

const startsWith = (b: Buffer, sig: number[]) => sig.every((x, i) => b[i] === x);

/** The zip parts an OOXML document names (zip entry names are stored uncompressed). */
function ooxmlKind(b: Buffer): 'docx' | 'xlsx' | 'pptx' | null {
  if (!b.includes('[Content_Types].xml')) return null;
  if (b.includes('word/document.xml')) return 'docx';
  if (b.includes('xl/workbook.xml')) return 'xlsx';
  if (b.includes('ppt/presentation.xml')) return 'pptx';
  return null;
}

/** ODF keeps an uncompressed `mimetype` entry first: its content sits at a fixed offset. */
function odfKind(b: Buffer): 'odt' | 'ods' | null {
  if (b.subarray(30, 38).toString('latin1') !== 'mimetype') return null;
  const mime = b.subarray(38, 38 + 60).toString('latin1');
  if (mime.startsWith(TYPES.odt.contentType)) return 'odt';
  if (mime.startsWith(TYPES.ods.contentType)) return 'ods';
  return null;
}

/** Text that a CSV file may hold: UTF-8, with no control characters but tab and line ends. */
function isCsvText(b: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(b);
  } catch {
    return false;
  }
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if ((code < 0x20 && ch !== '\t' && ch !== '\n' && ch !== '\r') || code === 0x7f) return false;
  }
  return true;
}

function detect(b: Buffer): keyof typeof TYPES | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'jpg';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return odfKind(b) ?? ooxmlKind(b);
  return null;
}

export type EvidenceCheck = { ok: true; type: EvidenceType } | { ok: false; error: string };

/** Checks an uploaded file's size and type (from its bytes, agreeing with its name's extension). */
export function checkEvidenceFile(content: Buffer, fileName: string): EvidenceCheck {
  if (content.length === 0) return { ok: false, error: 'The selected file is empty' };
  if (content.length > MAX_EVIDENCE_BYTES) return { ok: false, error: 'The selected file must be smaller than 10 MB' };
  const dot = fileName.lastIndexOf('.');
  const named = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  const ext = named === 'jpeg' ? 'jpg' : named;
  const found = detect(content) ?? (ext === 'csv' && isCsvText(content) ? 'csv' : null);
  if (!found || !EVIDENCE_EXTENSIONS.includes(named))
    return { ok: false, error: `The selected file must be a ${EVIDENCE_HINT.replace(', up to 10 MB', '')} file` };
  if (found !== ext)
    return {
      ok: false,
      error: `The selected file's contents are not ${withArticle(TYPES[ext]?.label ?? ext)}: its name ends .${named}`,
    };
  return { ok: true, type: TYPES[found] };
}
