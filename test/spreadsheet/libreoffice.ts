/**
 * Headless LibreOffice Calc as a finance partner would use it: opens a workbook, recalculates
 * every formula (not trusting the cached results) and saves it again, for ExcelJS to read back.
 * A throw-away user profile tells Calc to recalculate OOXML and ODF files on load, which it does
 * not by default, and keeps these runs apart from any LibreOffice open on the machine.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';

/** `soffice`, or SOFFICE if set. */
export const SOFFICE = process.env.SOFFICE ?? 'soffice';

/** Fails, with what to do, when LibreOffice is not installed: these tests never skip. */
export function assertLibreOffice(): void {
  const probe = spawnSync(SOFFICE, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `LibreOffice Calc (${SOFFICE}) is needed to recalculate the exported workbooks and is not installed. ` +
        'Install it with `apt-get install -y --no-install-recommends libreoffice-calc` ' +
        '(.ci/run does), or set SOFFICE to its path.',
    );
  }
}

// OOXMLRecalcMode / ODFRecalcMode: 0 = always recalculate on load (1, the default, = never).
const RECALCULATE_ON_LOAD = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

let profile: string | undefined;

/** One profile per test file (LibreOffice's first start in a new profile takes seconds more). */
function profileDir(): string {
  if (profile) return profile;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-calc-profile-'));
  fs.mkdirSync(path.join(dir, 'user'));
  fs.writeFileSync(path.join(dir, 'user', 'registrymodifications.xcu'), RECALCULATE_ON_LOAD);
  profile = dir;
  return dir;
}

/** Removes the profile: call it after the file's last recalculation (afterAll). */
export function removeProfile(): void {
  if (profile) fs.rmSync(profile, { recursive: true, force: true });
  profile = undefined;
}

/** The workbook as LibreOffice Calc recalculates and saves it. */
export async function recalculate(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'realise-calc-'));
  try {
    fs.mkdirSync(path.join(dir, 'in'));
    fs.writeFileSync(path.join(dir, 'in', 'book.xlsx'), xlsx);
    await promisify(execFile)(
      SOFFICE,
      [
        `-env:UserInstallation=file://${profileDir()}`,
        '--headless',
        '--calc',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        path.join(dir, 'out'),
        path.join(dir, 'in', 'book.xlsx'),
      ],
      { timeout: 90000 },
    );
    const out = path.join(dir, 'out', 'book.xlsx');
    if (!fs.existsSync(out)) throw new Error(`LibreOffice wrote no ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    return wb;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
