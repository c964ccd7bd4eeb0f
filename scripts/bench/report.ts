/** The benchmark's printed table. */

export interface Row {
  name: string;
  /** How it was driven: "10 conns, 10 s", "1 conn, 2 requests", ... */
  load: string;
  ok: number;
  rps: number;
  p50: number;
  p99: number;
  /** The percentile fell on a request still unanswered at the end: it is only a lower bound. */
  p50AtLeast?: boolean;
  p99AtLeast?: boolean;
  errors: number;
  /** Mixed runs: requests still unanswered when the run ended. */
  open?: number;
  /** Uncompressed answer size, KB. */
  kb: number | null;
  rssMb: number | null;
  ceilingRps: number | null;
}

function ms(v: number): string {
  if (!Number.isFinite(v)) return '-';
  if (v < 10) return v.toFixed(1);
  return Math.round(v).toLocaleString('en-GB');
}

function rps(v: number): string {
  if (v === 0) return '0';
  return v < 10 ? v.toFixed(2) : Math.round(v).toLocaleString('en-GB');
}

export function ratio(r: Row): string {
  return r.ceilingRps ? (r.rps / r.ceilingRps).toFixed(r.rps / r.ceilingRps < 0.01 ? 4 : 3) : '-';
}

const COLUMNS: { title: string; right: boolean; cell: (r: Row) => string }[] = [
  { title: 'endpoint', right: false, cell: (r) => r.name },
  { title: 'load', right: false, cell: (r) => r.load },
  { title: 'ok', right: true, cell: (r) => String(r.ok) },
  { title: 'req/s', right: true, cell: (r) => rps(r.rps) },
  { title: 'p50 ms', right: true, cell: (r) => `${r.p50AtLeast ? '≥ ' : ''}${ms(r.p50)}` },
  { title: 'p99 ms', right: true, cell: (r) => `${r.p99AtLeast ? '≥ ' : ''}${ms(r.p99)}` },
  { title: 'errors', right: true, cell: (r) => String(r.errors) },
  { title: 'open', right: true, cell: (r) => (r.open === undefined ? '-' : String(r.open)) },
  { title: 'KB', right: true, cell: (r) => (r.kb === null ? '-' : Math.round(r.kb).toLocaleString('en-GB')) },
  { title: 'RSS MB', right: true, cell: (r) => (r.rssMb === null ? '-' : Math.round(r.rssMb).toString()) },
  { title: 'ceiling req/s', right: true, cell: (r) => (r.ceilingRps === null ? '-' : rps(r.ceilingRps)) },
  { title: 'ratio', right: true, cell: ratio },
];

/** A plain-text table, and the same as Markdown (for the README). */
export function table(rows: Row[]): { text: string; markdown: string } {
  const cells = rows.map((r) => COLUMNS.map((c) => c.cell(r)));
  const widths = COLUMNS.map((c, i) => Math.max(c.title.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) =>
    values.map((v, i) => (COLUMNS[i].right ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join('  ');
  const text = [line(COLUMNS.map((c) => c.title)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join(
    '\n',
  );
  const md = (values: string[]) => `| ${values.join(' | ')} |`;
  const markdown = [
    md(COLUMNS.map((c) => c.title)),
    md(COLUMNS.map((c) => (c.right ? '---:' : '---'))),
    ...cells.map(md),
  ].join('\n');
  return { text, markdown };
}
