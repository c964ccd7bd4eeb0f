/**
 * The import API's answers against docs/api.md: every refusal carries the documented
 * `{ "error": { code, message, field?, line? } }`; a file with problems (a row naming a project
 * outside the user's scope is one of them) is 422 `import_problems` with every problem by line
 * beside it; a role that may not import that kind at all is 403 `forbidden`. Nothing is written.
 */
import { createTestApp, countRows, type TestApp } from '../helpers/test-app';
import { apiClient, type ApiClient } from '../helpers/clients';
import { aBenefit, aDirectorate, aProject } from '../helpers/builders';

let t: TestApp;
let resId: number;
beforeEach(async () => {
  t = await createTestApp();
  await aDirectorate(t.ctx);
  await aProject(t.ctx);
  resId = (await aDirectorate(t.ctx, { code: 'RES', name: 'Resources' })).id;
  await aProject(t.ctx, { code: 'RES-001', directorateCode: 'RES', name: 'Finance system' });
  await aBenefit(t.ctx, 'CS-001');
});
afterEach(async () => {
  await t.close();
});

const COSTS = 'project_code,year,kind,category,amount,description,reference';

function post(client: ApiClient, kind: string, body: string, dryRun = false) {
  return client
    .post(`/api/v1/imports/${kind}${dryRun ? '?dryRun=true' : ''}`)
    .set('Content-Type', 'text/csv')
    .send(Buffer.from(body));
}

async function written() {
  return {
    costs: await countRows(t.db, 'cost_lines'),
    realisations: await countRows(t.db, 'realisations'),
    batches: await countRows(t.db, 'import_batches'),
    audit: await countRows(t.db, 'audit_log'),
  };
}

describe('POST /api/v1/imports/:kind: scope', () => {
  const outOfScope = `${COSTS}\nCS-001,2024/25,planned,capital,1,,A\n`;
  const refusal = 'You cannot change project CS-001: ask a finance partner for its directorate';

  it.each([false, true])(
    'answers a row naming a project outside the scope with 422 import_problems in the error shape (dryRun %s)',
    async (dryRun) => {
      const scoped = await apiClient(t.app, t.db, 'finance', { directorateIds: [resId] });
      const before = await written();
      const res = await post(scoped, 'costs', outOfScope, dryRun);
      expect(res.status).toBe(422);
      expect(res.body.error).toEqual({
        code: 'import_problems',
        message: `The file has 1 problem: nothing was imported. Line 2, project_code: ${refusal}`,
        field: 'project_code',
        line: 2,
      });
      expect(res.body.problems).toEqual([{ line: 2, column: 'project_code', message: refusal }]);
      expect(res.body).toMatchObject({ kind: 'costs', problemCount: 1, rows: { add: 0, update: 0, unchanged: 0 } });
      expect(await written()).toEqual(before);
    },
  );

  it('lists the refused rows with the other problems of a mixed file, and imports none of it', async () => {
    const scoped = await apiClient(t.app, t.db, 'finance', { directorateIds: [resId] });
    const before = await written();
    const res = await post(
      scoped,
      'costs',
      `${COSTS}\nRES-001,2024/25,planned,capital,1,,A\nCS-001,2024/25,planned,capital,1,,B\nRES-001,2024/25,planned,capital,1.005,,C\n`,
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'import_problems', line: 3, field: 'project_code' });
    expect(res.body.error.message).toMatch(/^The file has 2 problems: nothing was imported\. Line 3, project_code: /);
    expect(res.body.problems.map((p: { line: number }) => p.line)).toEqual([3, 4]);
    expect(await written()).toEqual(before);
  });

  it('names a problem of the whole file without a line', async () => {
    const finance = await apiClient(t.app, t.db, 'finance');
    const res = await post(finance, 'costs', `${COSTS}\n`);
    expect(res.status).toBe(422);
    expect(res.body.error).toEqual({
      code: 'import_problems',
      message: 'The file has 1 problem: nothing was imported. The file has a header row but no rows of data under it',
    });
  });

  it('refuses a project manager on a project they are not named on, for realisations, the same way', async () => {
    const pm = await apiClient(t.app, t.db, 'project_manager');
    const before = await written();
    const res = await post(
      pm,
      'realisations',
      'project_code,benefit_ref,year,amount,value,evidence\nCS-001,B1,2025/26,10,,Report\n',
    );
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'import_problems', line: 2, field: 'project_code' });
    expect(res.body.problems[0].message).toBe('Only the project managers of CS-001 can record its realised benefits');
    expect(await written()).toEqual(before);
  });

  it.each([
    ['scrutiny', 'costs'],
    ['project_manager', 'costs'],
    ['finance', 'realisations'],
  ] as const)('answers %s importing %s with 403 forbidden in the error shape', async (role, kind) => {
    const client = await apiClient(t.app, t.db, role);
    const before = await written();
    const res = await post(client, kind, `${COSTS}\nCS-001,2024/25,planned,capital,1,,A\n`);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(typeof res.body.error.message).toBe('string');
    expect(await written()).toEqual(before);
  });
});
