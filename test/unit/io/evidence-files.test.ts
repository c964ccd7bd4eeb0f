/** C10 evidence files are recognised from their bytes; the name's extension must agree; 10 MB at most. */
import { checkEvidenceFile, MAX_EVIDENCE_BYTES } from '../../../server/io/evidence-files';
import { evidence } from '../../helpers/evidence-files';

describe('checkEvidenceFile', () => {
  it.each([
    ['report.pdf', evidence.pdf(), 'application/pdf'],
    ['photo.PNG', evidence.png(), 'image/png'],
    ['scan.jpeg', evidence.jpg(), 'image/jpeg'],
    ['scan.jpg', evidence.jpg(), 'image/jpeg'],
    ['note.docx', evidence.docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['note.odt', evidence.odt(), 'application/vnd.oasis.opendocument.text'],
    ['ledger.csv', evidence.csv(), 'text/csv'],
  ])('accepts %s', (name, bytes, type) => {
    expect(checkEvidenceFile(bytes, name)).toEqual({ ok: true, type: expect.objectContaining({ contentType: type }) });
  });

  it.each([
    ['a program renamed as a PDF', 'invoice.pdf', evidence.exe(), /must be a PDF, PNG or JPEG image/],
    [
      'a PNG named as a PDF',
      'invoice.pdf',
      evidence.png(),
      "The selected file's contents are not a PDF: its name ends .pdf",
    ],
    ['a PDF named as a spreadsheet', 'ledger.xlsx', evidence.pdf(), /contents are not an Excel workbook/],
    [
      'a plain zip named as a Word document',
      'note.docx',
      Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(40)]),
      /must be a/,
    ],
    ['binary named as CSV', 'ledger.csv', Buffer.from([0x41, 0x00, 0x42]), /must be a/],
    ['a file with no extension', 'report', evidence.pdf(), /must be a/],
    ['an HTML page', 'page.html', Buffer.from('<html><script>alert(1)</script></html>'), /must be a/],
    ['an empty file', 'empty.pdf', Buffer.alloc(0), 'The selected file is empty'],
  ])('refuses %s', (_label, name, bytes, message) => {
    const r = checkEvidenceFile(bytes, name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(message);
  });

  it('takes exactly 10 MB and refuses a byte more', () => {
    const at = Buffer.concat([evidence.pdf(), Buffer.alloc(MAX_EVIDENCE_BYTES - evidence.pdf().length)]);
    expect(checkEvidenceFile(at, 'big.pdf').ok).toBe(true);
    const over = Buffer.concat([at, Buffer.alloc(1)]);
    expect(checkEvidenceFile(over, 'big.pdf')).toEqual({
      ok: false,
      error: 'The selected file must be smaller than 10 MB',
    });
  });
});
