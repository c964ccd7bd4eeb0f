/** Matches a file's header row to a layout: exact names, any case, any order, nothing unknown. */
import { LAYOUTS, type ImportKind } from './layouts';

export interface ImportProblem {
  /** The physical line (CSV) or row (.xlsx); null for the file as a whole. */
  line: number | null;
  /** The column's name in the layout; null when the problem is not one column's. */
  column: string | null;
  message: string;
}

export interface HeaderMatch {
  /** Column name → index in each row's cells. */
  index: Map<string, number>;
  problems: ImportProblem[];
}

export function matchHeader(kind: ImportKind, header: string[], line: number): HeaderMatch {
  const layout = LAYOUTS[kind];
  const known = new Set(layout.columns.map((c) => c.name));
  const index = new Map<string, number>();
  const problems: ImportProblem[] = [];
  const unknown: string[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === '') {
      unknown.push(`(blank, column ${i + 1})`);
    } else if (!known.has(name)) {
      unknown.push(`"${raw.trim()}"`);
    } else if (index.has(name)) {
      problems.push({ line, column: name, message: `The column "${name}" appears more than once: keep one` });
    } else {
      index.set(name, i);
    }
  });
  const list = layout.columns.map((c) => c.name).join(', ');
  if (unknown.length) {
    problems.push({
      line,
      column: null,
      message: `Unknown column${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}: the ${layout.title.toLowerCase()} columns are ${list}`,
    });
  }
  const missing = layout.columns.filter((c) => c.required && !index.has(c.name)).map((c) => c.name);
  for (const name of missing)
    problems.push({
      line,
      column: name,
      message: `The column "${name}" is missing: the file needs ${layout.columns
        .filter((c) => c.required)
        .map((c) => c.name)
        .join(', ')}`,
    });
  if (layout.oneOf && !layout.oneOf.some((n) => index.has(n))) {
    problems.push({
      line,
      column: null,
      message: `The file needs a column ${layout.oneOf.map((n) => `"${n}"`).join(' or ')}`,
    });
  }
  return { index, problems };
}

/**
 * Exports put a ' before text that would start a formula (see write-table.ts); take it off again
 * so an exported file imports back exactly.
 */
export function unquote(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && /^[=+\-@\t\r]/.test(cell.slice(1)) ? cell.slice(1) : cell;
}
