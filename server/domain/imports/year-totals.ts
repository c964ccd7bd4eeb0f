/**
 * C1's limit on a project's yearly totals, for an import's plan: the stored totals of the projects
 * the file names plus what the plan would write, checked before anything is written, and reported
 * on the last line of the file that touches a total out of range. The message is the one the
 * forms and the API give (../rules.ts).
 */
import type { Decimal } from '../../money';
import type { ImportProblem } from '../../io/header';
import { yearlyTotalProblem, type YearlyTotalKind } from '../rules';

interface Running {
  code: string;
  kind: YearlyTotalKind;
  fy: number;
  total: Decimal;
  /** The last file line that changes this total; null while only stored rows count. */
  line: number | null;
}

export class YearlyTotals {
  private totals = new Map<string, Running>();

  /** Adds a signed amount to a project's total for a kind and year; `line` when the file adds it. */
  add(
    project: { id: number; code: string },
    kind: YearlyTotalKind,
    fy: number,
    amount: Decimal,
    line: number | null = null,
  ): void {
    const key = `${project.id}|${kind}|${fy}`;
    const t = this.totals.get(key);
    if (!t) {
      this.totals.set(key, { code: project.code, kind, fy, total: amount, line });
      return;
    }
    t.total = t.total.plus(amount);
    if (line !== null && (t.line === null || line > t.line)) t.line = line;
  }

  /** Marks a total as changed by a file line without changing its amount (a dis-benefit flag, say). */
  touch(project: { id: number; code: string }, kind: YearlyTotalKind, fy: number, line: number): void {
    const t = this.totals.get(`${project.id}|${kind}|${fy}`);
    if (t && (t.line === null || line > t.line)) t.line = line;
  }

  /** A problem for each total the file takes out of range (totals it does not touch are not its business). */
  problems(column: string): ImportProblem[] {
    const out: ImportProblem[] = [];
    for (const t of this.totals.values()) {
      const message = t.line === null ? null : yearlyTotalProblem(t.code, t.kind, t.fy, t.total);
      if (message) out.push({ line: t.line, column, message });
    }
    return out;
  }
}
