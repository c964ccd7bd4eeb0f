/**
 * Assessment frameworks (versions, dimensions, statements), assessments with their answers and
 * dimension notes, and improvement actions with the projects that deliver them (issue 18). Rows ⇄
 * records; both dialects. Scores are small whole numbers, never money.
 */
import type { Db } from '../knex';
import type {
  ActionStatus,
  Assessment,
  AssessmentAnswer,
  AssessmentStatus,
  DimensionNote,
  Framework,
  FrameworkDimension,
  ImprovementAction,
} from '../records';
import { insertReturningId, nowIso, toDateOnly, toIso, updateVersioned } from './shared';

type Row = Record<string, unknown>;
const num = (v: unknown) => Number(v);
const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

// ## Frameworks

/** A framework's content as written: dimensions in order, each with its statements in order. */
export interface FrameworkContent {
  code: string;
  name: string;
  statements: { code: string; text: string; levels: [string, string, string, string, string] }[];
}

function mapFrameworkHeader(r: Row): Omit<Framework, 'dimensions'> {
  return {
    id: num(r.id),
    code: str(r.code),
    versionNo: num(r.version_no),
    name: str(r.name),
    description: str(r.description),
    version: num(r.version),
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

async function dimensionsOf(db: Db, frameworkIds: number[]): Promise<Map<number, FrameworkDimension[]>> {
  const out = new Map<number, FrameworkDimension[]>(frameworkIds.map((id) => [id, []]));
  if (frameworkIds.length === 0) return out;
  const dims: Row[] = await db('assessment_dimensions')
    .whereIn('framework_id', frameworkIds)
    .orderBy(['framework_id', 'position']);
  const statements: Row[] = await db('assessment_statements')
    .whereIn('framework_id', frameworkIds)
    .orderBy(['dimension_id', 'position']);
  const byDim = new Map<number, FrameworkDimension>();
  for (const d of dims) {
    const dim: FrameworkDimension = { id: num(d.id), code: str(d.code), name: str(d.name), statements: [] };
    byDim.set(dim.id, dim);
    out.get(num(d.framework_id))!.push(dim);
  }
  for (const s of statements)
    byDim.get(num(s.dimension_id))?.statements.push({
      id: num(s.id),
      code: str(s.code),
      text: str(s.text),
      levels: [str(s.level_1), str(s.level_2), str(s.level_3), str(s.level_4), str(s.level_5)],
    });
  return out;
}

export async function listFrameworks(db: Db): Promise<Framework[]> {
  const rows: Row[] = await db('assessment_frameworks').orderBy([
    { column: 'code' },
    { column: 'version_no', order: 'desc' },
  ]);
  const dims = await dimensionsOf(
    db,
    rows.map((r) => num(r.id)),
  );
  return rows.map((r) => ({ ...mapFrameworkHeader(r), dimensions: dims.get(num(r.id)) ?? [] }));
}

export async function findFramework(db: Db, id: number): Promise<Framework | null> {
  const row: Row | undefined = await db('assessment_frameworks').where({ id }).first();
  if (!row) return null;
  return { ...mapFrameworkHeader(row), dimensions: (await dimensionsOf(db, [id])).get(id) ?? [] };
}

/** The framework version created last: the default for a new assessment. */
export async function latestFrameworkId(db: Db): Promise<number | null> {
  const row: Row | undefined = await db('assessment_frameworks').orderBy('id', 'desc').first('id');
  return row ? num(row.id) : null;
}

export async function maxVersionNo(db: Db, code: string): Promise<number> {
  const row = await db('assessment_frameworks').where({ code }).max<{ m: unknown }>({ m: 'version_no' }).first();
  return row?.m === null || row?.m === undefined ? 0 : num(row.m);
}

export async function insertFramework(
  db: Db,
  h: { code: string; versionNo: number; name: string; description: string },
): Promise<number> {
  return insertReturningId(db, 'assessment_frameworks', {
    code: h.code,
    version_no: h.versionNo,
    name: h.name,
    description: h.description,
  });
}

export async function updateFrameworkHeader(
  db: Db,
  id: number,
  version: number,
  h: { name: string; description: string },
): Promise<boolean> {
  return updateVersioned(db, 'assessment_frameworks', id, version, { name: h.name, description: h.description });
}

/** Replaces a framework version's dimensions and statements (only for a version no assessment uses). */
export async function writeFrameworkContent(db: Db, frameworkId: number, content: FrameworkContent[]): Promise<void> {
  await db('assessment_statements').where({ framework_id: frameworkId }).delete();
  await db('assessment_dimensions').where({ framework_id: frameworkId }).delete();
  for (const [i, d] of content.entries()) {
    const [res] = await db('assessment_dimensions')
      .insert({ framework_id: frameworkId, code: d.code, name: d.name, position: i + 1 })
      .returning('id');
    const dimensionId = typeof res === 'object' ? num(res.id) : num(res);
    if (d.statements.length === 0) continue;
    await db('assessment_statements').insert(
      d.statements.map((s, j) => ({
        framework_id: frameworkId,
        dimension_id: dimensionId,
        code: s.code,
        text: s.text,
        level_1: s.levels[0],
        level_2: s.levels[1],
        level_3: s.levels[2],
        level_4: s.levels[3],
        level_5: s.levels[4],
        position: j + 1,
      })),
    );
  }
}

export async function countAssessmentsUsing(db: Db, frameworkId: number): Promise<number> {
  const row = await db('assessments').where({ framework_id: frameworkId }).count<{ n: unknown }>({ n: '*' }).first();
  return num(row?.n ?? 0);
}

// ## Assessments

function assessmentQuery(db: Db) {
  return db('assessments as a')
    .join('directorates as d', 'd.id', 'a.directorate_id')
    .select('a.*', 'd.code as directorate_code', 'd.name as directorate_name');
}

function mapAssessment(r: Row): Assessment {
  return {
    id: num(r.id),
    directorateId: num(r.directorate_id),
    directorateCode: str(r.directorate_code),
    directorateName: str(r.directorate_name),
    frameworkId: num(r.framework_id),
    assessedOn: toDateOnly(r.assessed_on),
    assessors: str(r.assessors),
    status: str(r.status) as AssessmentStatus,
    returnComment: str(r.return_comment),
    submittedById: r.submitted_by_id === null || r.submitted_by_id === undefined ? null : num(r.submitted_by_id),
    submittedBy: str(r.submitted_by),
    submittedAt: r.submitted_at ? toIso(r.submitted_at) : null,
    approvedBy: str(r.approved_by),
    approvedAt: r.approved_at ? toIso(r.approved_at) : null,
    version: num(r.version),
    createdAt: toIso(r.created_at),
    updatedAt: toIso(r.updated_at),
  };
}

export interface AssessmentFilter {
  directorateId?: number;
  status?: AssessmentStatus;
}

/** Newest first: by assessment date, then id. */
export async function listAssessments(db: Db, f: AssessmentFilter = {}): Promise<Assessment[]> {
  const q = assessmentQuery(db);
  if (f.directorateId !== undefined) q.where('a.directorate_id', f.directorateId);
  if (f.status !== undefined) q.where('a.status', f.status);
  const rows: Row[] = await q.orderBy([
    { column: 'a.assessed_on', order: 'desc' },
    { column: 'a.id', order: 'desc' },
  ]);
  return rows.map(mapAssessment);
}

export async function findAssessment(db: Db, id: number): Promise<Assessment | null> {
  const row: Row | undefined = await assessmentQuery(db).where('a.id', id).first();
  return row ? mapAssessment(row) : null;
}

export async function insertAssessment(
  db: Db,
  a: { directorateId: number; frameworkId: number; assessedOn: string; assessors: string },
  statementIds: number[],
): Promise<number> {
  const id = await insertReturningId(db, 'assessments', {
    directorate_id: a.directorateId,
    framework_id: a.frameworkId,
    assessed_on: a.assessedOn,
    assessors: a.assessors,
    status: 'draft',
  });
  if (statementIds.length)
    await db('assessment_answers').insert(
      statementIds.map((sid) => ({ assessment_id: id, statement_id: sid, score: null, evidence: '' })),
    );
  return id;
}

export interface AssessmentPatch {
  assessedOn?: string;
  assessors?: string;
  status?: AssessmentStatus;
  returnComment?: string;
  submittedById?: number | null;
  submittedBy?: string;
  submittedAt?: string | null;
  approvedBy?: string;
  approvedAt?: string | null;
}

export async function updateAssessment(db: Db, id: number, version: number, p: AssessmentPatch): Promise<boolean> {
  const row: Row = {};
  if (p.assessedOn !== undefined) row.assessed_on = p.assessedOn;
  if (p.assessors !== undefined) row.assessors = p.assessors;
  if (p.status !== undefined) row.status = p.status;
  if (p.returnComment !== undefined) row.return_comment = p.returnComment;
  if (p.submittedById !== undefined) row.submitted_by_id = p.submittedById;
  if (p.submittedBy !== undefined) row.submitted_by = p.submittedBy;
  if (p.submittedAt !== undefined) row.submitted_at = p.submittedAt;
  if (p.approvedBy !== undefined) row.approved_by = p.approvedBy;
  if (p.approvedAt !== undefined) row.approved_at = p.approvedAt;
  return updateVersioned(db, 'assessments', id, version, row);
}

export async function answersOf(db: Db, assessmentIds: number[]): Promise<Map<number, AssessmentAnswer[]>> {
  const out = new Map<number, AssessmentAnswer[]>(assessmentIds.map((id) => [id, []]));
  if (assessmentIds.length === 0) return out;
  const rows: Row[] = await db('assessment_answers').whereIn('assessment_id', assessmentIds).orderBy('id');
  for (const r of rows)
    out.get(num(r.assessment_id))?.push({
      statementId: num(r.statement_id),
      score: r.score === null || r.score === undefined ? null : num(r.score),
      evidence: str(r.evidence),
    });
  return out;
}

export async function writeAnswers(db: Db, assessmentId: number, answers: AssessmentAnswer[]): Promise<void> {
  for (const a of answers)
    await db('assessment_answers')
      .where({ assessment_id: assessmentId, statement_id: a.statementId })
      .update({ score: a.score, evidence: a.evidence });
}

export async function notesOf(db: Db, assessmentId: number): Promise<DimensionNote[]> {
  const rows: Row[] = await db('assessment_dimension_notes').where({ assessment_id: assessmentId }).orderBy('id');
  return rows.map((r) => ({
    dimensionId: num(r.dimension_id),
    strengths: str(r.strengths),
    weaknesses: str(r.weaknesses),
  }));
}

export async function writeNotes(db: Db, assessmentId: number, notes: DimensionNote[]): Promise<void> {
  for (const n of notes) {
    const row = { strengths: n.strengths, weaknesses: n.weaknesses };
    const updated = await db('assessment_dimension_notes')
      .where({ assessment_id: assessmentId, dimension_id: n.dimensionId })
      .update(row);
    if (updated === 0)
      await db('assessment_dimension_notes').insert({
        assessment_id: assessmentId,
        dimension_id: n.dimensionId,
        ...row,
      });
  }
}

// ## Improvement actions

function actionQuery(db: Db) {
  return db('improvement_actions as i')
    .join('assessments as a', 'a.id', 'i.assessment_id')
    .join('directorates as d', 'd.id', 'a.directorate_id')
    .join('assessment_dimensions as dim', 'dim.id', 'i.dimension_id')
    .select(
      'i.*',
      'a.directorate_id as directorate_id',
      'd.code as directorate_code',
      'dim.code as dimension_code',
      'dim.name as dimension_name',
    );
}

async function withProjects(db: Db, rows: Row[]): Promise<ImprovementAction[]> {
  const ids = rows.map((r) => num(r.id));
  const links: Row[] = ids.length
    ? await db('improvement_action_projects as l')
        .join('projects as p', 'p.id', 'l.project_id')
        .whereIn('l.action_id', ids)
        .orderBy('p.code')
        .select('l.action_id', 'p.id as project_id', 'p.code as project_code')
    : [];
  return rows.map((r) => {
    const mine = links.filter((l) => num(l.action_id) === num(r.id));
    return {
      id: num(r.id),
      assessmentId: num(r.assessment_id),
      dimensionId: num(r.dimension_id),
      dimensionCode: str(r.dimension_code),
      dimensionName: str(r.dimension_name),
      directorateId: num(r.directorate_id),
      directorateCode: str(r.directorate_code),
      title: str(r.title),
      owner: str(r.owner),
      dueOn: toDateOnly(r.due_on),
      status: str(r.status) as ActionStatus,
      projectIds: mine.map((l) => num(l.project_id)),
      projectCodes: mine.map((l) => str(l.project_code)),
      version: num(r.version),
      createdAt: toIso(r.created_at),
      updatedAt: toIso(r.updated_at),
    };
  });
}

export interface ActionFilter {
  assessmentId?: number;
  directorateId?: number;
  statuses?: ActionStatus[];
  /** Due before this date (YYYY-MM-DD). */
  dueBefore?: string;
}

/** By due date, then id. */
export async function listActions(db: Db, f: ActionFilter = {}): Promise<ImprovementAction[]> {
  const q = actionQuery(db);
  if (f.assessmentId !== undefined) q.where('i.assessment_id', f.assessmentId);
  if (f.directorateId !== undefined) q.where('a.directorate_id', f.directorateId);
  if (f.statuses) q.whereIn('i.status', f.statuses);
  if (f.dueBefore !== undefined) q.where('i.due_on', '<', f.dueBefore);
  const rows: Row[] = await q.orderBy([{ column: 'i.due_on' }, { column: 'i.id' }]);
  return withProjects(db, rows);
}

export async function findAction(db: Db, id: number): Promise<ImprovementAction | null> {
  const row: Row | undefined = await actionQuery(db).where('i.id', id).first();
  return row ? (await withProjects(db, [row]))[0] : null;
}

export interface ActionWrite {
  dimensionId: number;
  title: string;
  owner: string;
  dueOn: string;
  status: ActionStatus;
}

function actionRow(a: ActionWrite): Row {
  return { dimension_id: a.dimensionId, title: a.title, owner: a.owner, due_on: a.dueOn, status: a.status };
}

export async function insertAction(db: Db, assessmentId: number, a: ActionWrite): Promise<number> {
  return insertReturningId(db, 'improvement_actions', { assessment_id: assessmentId, ...actionRow(a) });
}

export async function updateAction(db: Db, id: number, version: number, a: ActionWrite): Promise<boolean> {
  return updateVersioned(db, 'improvement_actions', id, version, actionRow(a));
}

export async function setActionProjects(db: Db, actionId: number, projectIds: number[]): Promise<void> {
  await db('improvement_action_projects').where({ action_id: actionId }).delete();
  const unique = [...new Set(projectIds)];
  if (unique.length)
    await db('improvement_action_projects').insert(unique.map((p) => ({ action_id: actionId, project_id: p })));
}

export { nowIso };
