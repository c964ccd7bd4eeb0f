/**
 * A minimal zip writer for hostile test files: real .xlsx packages with one part swapped, and
 * zip bombs, where a part inflates to far more than the file's size. A bomb's part is one small
 * deflated block repeated: each block ends with a full flush, which resets the compressor's
 * history, so the same bytes decode to the same text however often they repeat.
 */
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The part's text, stored deflated... */
  data?: Buffer;
  /** ...or `chunk` repeated `repeat` times, with optional text before and after. */
  bomb?: { head: string; chunk: string; repeat: number; tail: string };
}

interface Deflated {
  compressed: Buffer;
  crc: number;
  size: number;
}

const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);

function flushed(text: Buffer): Buffer {
  return zlib.deflateRawSync(text, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
}

function deflate(part: ZipPart): Deflated {
  if (part.data)
    return { compressed: zlib.deflateRawSync(part.data), crc: zlib.crc32(part.data), size: part.data.length };
  const { head, chunk, repeat, tail } = part.bomb!;
  const [h, c, t] = [head, chunk, tail].map((s) => Buffer.from(s, 'utf8'));
  let crc = zlib.crc32(h);
  for (let i = 0; i < repeat; i++) crc = zlib.crc32(c, crc);
  crc = zlib.crc32(t, crc);
  const block = flushed(c);
  const compressed = Buffer.concat([flushed(h), ...Array<Buffer>(repeat).fill(block), flushed(t), FINAL_EMPTY_BLOCK]);
  return { compressed, crc, size: h.length + c.length * repeat + t.length };
}

/** A zip of the given parts, deflated, in order. Sizes stay under 4 GB (no zip64). */
export function zip(parts: ZipPart[]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, 'utf8');
    const d = deflate(part);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0800, 6); // UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    header.writeUInt32LE(d.crc >>> 0, 14);
    header.writeUInt32LE(d.compressed.length, 18);
    header.writeUInt32LE(d.size >>> 0, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    header.copy(entry, 8, 6, 30); // flags, method, time, crc, sizes, name length
    entry.writeUInt32LE(offset, 42);
    local.push(header, name, d.compressed);
    central.push(entry, name);
    offset += header.length + name.length + d.compressed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, dir, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts of a one-sheet workbook around the given worksheet and shared strings parts. */
export function workbook(sheet: ZipPart, sharedStrings?: ZipPart, sheetFirst = false): Buffer {
  const text = (name: string, s: string): ZipPart => ({ name, data: Buffer.from(s, 'utf8') });
  const types = text(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
  );
  const rels = text(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const bookRels = text(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  );
  const book = text(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook ${NS} xmlns:r="${REL}"><workbookPr/><sheets><sheet sheetId="1" name="Sheet1" state="visible" r:id="rId1"/></sheets><calcPr calcId="171027"/></workbook>`,
  );
  const strings = sharedStrings ? [sharedStrings] : [];
  return zip(
    sheetFirst ? [types, rels, bookRels, sheet, ...strings, book] : [types, rels, bookRels, ...strings, book, sheet],
  );
}

/** A worksheet part: `rows` is the XML of the rows, or a bomb repeating one row. */
export function sheetPart(rows: string | { head?: string; chunk: string; repeat: number }): ZipPart {
  const open = `<?xml version="1.0" encoding="UTF-8"?><worksheet ${NS}><sheetData>`;
  const close = '</sheetData></worksheet>';
  if (typeof rows === 'string') return { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(open + rows + close) };
  return {
    name: 'xl/worksheets/sheet1.xml',
    bomb: { head: open + (rows.head ?? ''), chunk: rows.chunk, repeat: rows.repeat, tail: close },
  };
}

/** An inline-string cell. */
export function cell(ref: string, value: string): string {
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<c r="${ref}" t="inlineStr"><is><t>${escaped}</t></is></c>`;
}
