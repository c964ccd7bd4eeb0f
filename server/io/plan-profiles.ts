/**
 * Benefit profiles. Each line names a benefit (added when its ref is new on the project, its
 * register fields updated otherwise) and, optionally, the expected amount for one year. Natural
 * key of a profile row: (project, benefit ref, year).
 */
import { Decimal, fromDbPence, toDbPence } from '../money';
import type { ImportProblem } from './header';
import { profileRowSchema, type ProfileRow } from './row-schemas';
import {
  checkBaseYear,
  dbBool,
  dbText,
  groupBy,
  newCounts,
  FieldParser,
  resolveProject,
  SeenKeys,
  snapshot,
  type Action,
  type Counts,
  type DbRow,
  type ParsedRow,
  type PlanContext,
  type ProjectRef,
  type RowUpdate,
} from './plan-common';

export interface ProfileInsert {
  /** The stored benefit, or null when it is one this import adds (see benefitKey). */
  benefitId: number | null;
  benefitKey: string;
  row: { fy_start: number; amount_pence: string };
}

export interface ProfilePlan {
  counts: Counts;
  problems: ImportProblem[];
  newBenefits: { key: string; row: Record<string, unknown> }[];
  benefitUpdates: RowUpdate[];
  profileInserts: ProfileInsert[];
  profileUpdates: RowUpdate[];
}

/** What the domain loads for the projects a file names. */
export interface ProfileStore {
  benefits: DbRow[];
  profiles: DbRow[];
  /** Benefit id → whether it has realisations with amounts / with only measured values. */
  realised: Map<number, { money: boolean; valueOnly: boolean }>;
}

type Fields = Pick<ProfileRow, 'title' | 'type' | 'category' | 'confidence' | 'owner' | 'disbenefit'>;
const FIELD_COLUMNS = ['title', 'type', 'category', 'confidence', 'owner', 'disbenefit'] as const;

interface BenefitState {
  line: number;
  fields: Fields;
  stored: DbRow | undefined;
  /** Final expected amounts by year (stored merged with the file), for the C5 qualitative check. */
  amounts: Map<number, Decimal>;
}


function sameField(column: (typeof FIELD_COLUMNS)[number], a: Fields, b: Fields): boolean {
  return column === 'confidence' ? a.confidence.eq(b.confidence) : a[column] === b[column];
}

/** The benefit's register fields as this line gives them; columns the file lacks keep the stored value. */
function fieldsOf(v: Partial<ProfileRow>, has: (c: string) => boolean, stored: DbRow | undefined): Fields {
  return {
    title: v.title!,
    type: v.type!,
    category: has('category') ? v.category! : dbText(stored?.category),
    confidence: has('confidence') ? v.confidence! : stored ? new Decimal(String(stored.confidence)) : new Decimal(1),
    owner: has('owner') ? v.owner! : dbText(stored?.owner),
    disbenefit: has('disbenefit') ? v.disbenefit! : dbBool(stored?.is_disbenefit),
  };
}

function toBenefitColumns(f: Fields) {
  return { title: f.title, type: f.type, category: f.category, confidence: f.confidence.toString(), owner: f.owner, is_disbenefit: f.disbenefit };
}

function changed(stored: DbRow, f: Fields): boolean {
  const cols = toBenefitColumns(f);
  return (
    dbText(stored.title) !== cols.title ||
    stored.type !== cols.type ||
    dbText(stored.category) !== cols.category ||
    !new Decimal(String(stored.confidence)).eq(f.confidence) ||
    dbText(stored.owner) !== cols.owner ||
    dbBool(stored.is_disbenefit) !== cols.is_disbenefit
  );
}

/** C5 and the benefit form's rules: a type change must not strand recorded realisations. */
function typeProblem(stored: DbRow | undefined, type: string, store: ProfileStore): string | null {
  if (!stored || stored.type === type) return null;
  const r = store.realised.get(stored.id);
  if (type === 'qualitative' && r?.money) return 'This benefit has money realisations recorded: remove them before making it qualitative';
  if (type !== 'qualitative' && r?.valueOnly) return 'This benefit has measured values recorded without amounts: remove them before giving it a money type';
  return null;
}

export function planProfiles(rows: ParsedRow[], ctx: PlanContext, store: ProfileStore): ProfilePlan {
  const fields = new FieldParser(profileRowSchema.shape, ctx.columns);
  const plan: ProfilePlan = { counts: newCounts(), problems: [], newBenefits: [], benefitUpdates: [], profileInserts: [], profileUpdates: [] };
  const benefitsByKey = new Map(store.benefits.map((b) => [`${b.project_id}|${String(b.ref).toUpperCase()}`, b]));
  const profilesByKey = groupBy(store.profiles, (p) => `${p.benefit_id}|${p.fy_start}`);
  const profilesByBenefit = groupBy(store.profiles, (p) => String(p.benefit_id));
  const states = new Map<string, BenefitState>();
  const seen = new SeenKeys();
  for (const row of rows) {
    const problems = plan.problems;
    const before = problems.length;
    const v = fields.parse(row, problems);
    const project = resolveProject(ctx, v.project_code, row.line, problems);
    if (project) checkBaseYear(project, v.year, row.line, problems);
    if (problems.length > before || !project) continue;
    const action = planRow(plan, row, v, project, { columns: ctx.columns, benefitsByKey, profilesByKey, profilesByBenefit, states, seen, store });
    if (action) plan.counts[action]++;
  }
  for (const state of states.values()) {
    if (state.fields.type === 'qualitative' && [...state.amounts.values()].some((a) => !a.isZero())) {
      plan.problems.push({ line: state.line, column: 'type', message: 'This benefit has expected amounts in other years: a qualitative benefit has no money value (C5)' });
    }
  }
  return plan;
}

interface Lookups {
  columns: Map<string, number>;
  benefitsByKey: Map<string, DbRow>;
  profilesByKey: Map<string, DbRow[]>;
  profilesByBenefit: Map<string, DbRow[]>;
  states: Map<string, BenefitState>;
  seen: SeenKeys;
  store: ProfileStore;
}

function planRow(plan: ProfilePlan, row: ParsedRow, v: Partial<ProfileRow>, project: ProjectRef, l: Lookups): Action | null {
  const problems = plan.problems;
  const has = (c: string) => l.columns.has(c);
  const benefitKey = `${project.id}|${v.benefit_ref}`;
  const stored = l.benefitsByKey.get(benefitKey);
  const fields = fieldsOf(v, has, stored);
  const year = v.year ?? null;
  let amount = v.expected_amount ?? null;
  if (year === null && amount !== null) return fail(problems, row, 'year', 'Enter the year of this expected amount');
  if (year !== null && amount === null) {
    if (fields.type !== 'qualitative') return fail(problems, row, 'expected_amount', 'Enter the expected amount for this year, or leave both the year and the amount blank');
    amount = new Decimal(0);
  }
  if (fields.type === 'qualitative' && amount !== null && !amount.isZero()) {
    return fail(problems, row, 'expected_amount', 'Qualitative benefits have no money value: leave the amount empty or choose a money type');
  }
  let state = l.states.get(benefitKey);
  let benefitAction: Action | null = null;
  if (!state) {
    const problem = typeProblem(stored, fields.type, l.store);
    if (problem) return fail(problems, row, 'type', problem);
    state = { line: row.line, fields, stored, amounts: new Map() };
    for (const p of stored ? (l.profilesByBenefit.get(String(stored.id)) ?? []) : []) state.amounts.set(Number(p.fy_start), fromDbPence(p.amount_pence as string | number));
    l.states.set(benefitKey, state);
    benefitAction = addOrUpdateBenefit(plan, benefitKey, project, v.benefit_ref!, fields, stored);
  } else {
    const differs = FIELD_COLUMNS.find((c) => has(c) && !sameField(c, state!.fields, fields));
    if (differs) return fail(problems, row, differs, `Line ${state.line} gives benefit ${v.benefit_ref} a different ${differs}: give the benefit the same details on every line`);
  }
  if (year === null) {
    if (!l.seen.check(`${benefitKey}|register`, row.line, 'year', `benefit ${v.benefit_ref} without a year`, problems)) return null;
    return benefitAction ?? 'unchanged';
  }
  if (!l.seen.check(`${benefitKey}|${year}`, row.line, 'year', `an expected amount for benefit ${v.benefit_ref} in this year`, problems)) return null;
  state.amounts.set(year, amount!);
  return strongest(benefitAction, planProfileRow(plan, benefitKey, stored, year, toDbPence(amount!), l));
}

/** A line that adds anything counts as added; else one that changes anything as updated. */
function strongest(a: Action | null, b: Action): Action {
  if (a === 'add' || b === 'add') return 'add';
  return a === 'update' || b === 'update' ? 'update' : 'unchanged';
}

function planProfileRow(plan: ProfilePlan, benefitKey: string, stored: DbRow | undefined, year: number, pence: string, l: Lookups): Action {
  const current = stored ? l.profilesByKey.get(`${stored.id}|${year}`)?.[0] : undefined;
  if (!current) {
    plan.profileInserts.push({ benefitId: stored?.id ?? null, benefitKey, row: { fy_start: year, amount_pence: pence } });
    return 'add';
  }
  if (String(current.amount_pence) === pence) return 'unchanged';
  plan.profileUpdates.push({ table: 'benefit_profile', id: current.id, version: current.version, before: snapshot(current), patch: { amount_pence: pence } });
  return 'update';
}

function addOrUpdateBenefit(plan: ProfilePlan, key: string, project: ProjectRef, ref: string, fields: Fields, stored: DbRow | undefined): Action {
  if (!stored) {
    plan.newBenefits.push({ key, row: { project_id: project.id, ref, ...toBenefitColumns(fields) } });
    return 'add';
  }
  if (!changed(stored, fields)) return 'unchanged';
  plan.benefitUpdates.push({ table: 'benefits', id: stored.id, version: stored.version, before: snapshot(stored), patch: toBenefitColumns(fields) });
  return 'update';
}

function fail(problems: ImportProblem[], row: ParsedRow, column: string, message: string): null {
  problems.push({ line: row.line, column, message });
  return null;
}
