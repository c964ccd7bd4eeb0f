/** Small files of each evidence type, made from their real signatures (C10 attachments tests). */
export const evidence = {
  pdf: () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n', 'latin1'),
  png: () =>
    Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR0000', 'latin1')]),
  jpg: () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF data', 'latin1')]),
  /** A zip whose entry names are those of a Word document. */
  docx: () =>
    Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('[Content_Types].xml....word/document.xml....', 'latin1'),
    ]),
  /** ODF: an uncompressed `mimetype` entry first, its content at offset 38. */
  odt: () =>
    Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from('mimetypeapplication/vnd.oasis.opendocument.textPK', 'latin1'),
    ]),
  csv: () => Buffer.from('year,amount\n2025/26,30000.00\n', 'utf8'),
  /** A Windows program: no evidence type at all. */
  exe: () => Buffer.concat([Buffer.from('MZ', 'latin1'), Buffer.alloc(200)]),
};
