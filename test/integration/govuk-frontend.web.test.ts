/**
 * Issue 14, "GOV.UK Frontend's JavaScript is never initialised": every page loads a module that
 * starts it (no inline script, under the CSP), the module it imports is served from
 * node_modules, and submit buttons ask for double-click prevention. Error messages of dropdowns
 * say "Select", and the set-up page's error summary follows the order of its fields. (The focus
 * moving to the error summary is checked in a real browser: test/e2e/offered-actions.e2e.ts.)
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { appForTests, createTestApp } from '../helpers/test-app';
import { aDirectorate } from '../helpers/builders';
import { csrfFrom } from '../helpers/clients';
import type { z } from 'zod';
import { toFieldErrors } from '../../server/validation/fields';
import { projectSchema } from '../../server/validation/projects.schema';
import { saveProposalSchema } from '../../server/validation/save-proposal.schema';
import { costSchema } from '../../server/validation/costs.schema';
import { benefitSchema } from '../../server/validation/benefits.schema';
import { newTokenSchema } from '../../server/validation/users.schema';

const { t, web, api } = appForTests({ web: 'admin', api: 'admin', per: 'file', seed: (app) => aDirectorate(app.ctx) });

const INIT = '/public/js/govuk-frontend-init.js';

describe('GOV.UK Frontend JavaScript', () => {
  it('is started on every page by a module script, with no inline script', async () => {
    for (const url of ['/directorates/new', '/projects/new', '/account']) {
      const res = await web.get(url);
      expect(res.status).toBe(200);
      expect(res.text).toContain(`<script type="module" src="${INIT}"></script>`);
      expect(res.text).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    }
    const signIn = await request(t.app).get('/sign-in');
    expect(signIn.text).toContain(`<script type="module" src="${INIT}"></script>`);
    expect(signIn.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('imports initAll from a module the app serves, and marks the body as GOV.UK Frontend expects', async () => {
    const init = await request(t.app).get(INIT);
    expect(init.status).toBe(200);
    expect(init.headers['content-type']).toMatch(/javascript/);
    const from = /import \{ initAll \} from '([^']+)'/.exec(init.text)?.[1];
    expect(from).toBe('/vendor/govuk-frontend/govuk-frontend.min.js');
    expect(init.text).toContain("classList.add('js-enabled', 'govuk-frontend-supported')");
    expect(init.text).toContain('initAll()');
    const vendor = await request(t.app).get(from!);
    expect(vendor.status).toBe(200);
    expect(vendor.headers['content-type']).toMatch(/javascript/);
    expect(vendor.text).toMatch(/export\{[^}]*\binitAll\b/);
  });

  it('asks for double-click prevention on the submit buttons of forms that save', async () => {
    const pages = [
      '/directorates/new',
      '/projects/new',
      '/directorates/CS/edit',
      '/directorates/CS/delete',
      '/account',
    ];
    for (const url of pages) {
      const html = (await web.get(url)).text;
      const forms = [...html.matchAll(/<form\b[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)].map((m) => m[1]);
      const buttons = forms.flatMap((f) => f.match(/<button type="submit" class="govuk-button[^>]*>/g) ?? []);
      expect({ url, count: buttons.length > 0 }).toEqual({ url, count: true });
      for (const b of buttons) {
        expect(b).toContain('data-module="govuk-button"');
        expect(b).toContain('data-prevent-double-click="true"');
      }
    }
  });

  it('gives the error summary the module that moves focus to it', async () => {
    const res = await web.post('/directorates').type('form').send({ code: '', name: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('<div class="govuk-error-summary" data-module="govuk-error-summary">');
  });
});

describe('dropdown messages', () => {
  it('says "Select a directorate" when the project form is saved without one', async () => {
    const res = await web.post('/projects').type('form').send({ code: 'CS-009', name: 'X', startYear: '2024/25' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Select a directorate');
    expect(res.text).not.toContain('Enter a directorate');
  });

  it('says "Select a directorate" when a proposal is saved from the calculator without one', async () => {
    const res = await web
      .post('/appraisal/save')
      .type('form')
      .send({
        rowYear: ['2024/25', '2025/26'],
        rowCost: ['100', ''],
        rowCashable: ['', '150'],
        rowNonCashable: ['', ''],
        optimismBias: '0',
        confidence: '100',
        code: 'CS-010',
        name: 'Proposal',
        costCategory: 'capital',
      });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Select a directorate');
    expect(res.text).not.toContain('Enter a directorate');
  });

  it('keeps "Enter" for API clients, who type the code', async () => {
    const res = await api.post('/api/v1/projects').send({ code: 'CS-011', name: 'X', startYear: '2024/25' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.directorateCode).toBe('Enter a directorate');
  });

  it('says "Select" for every field a form shows as a dropdown, in every form schema', () => {
    const views = path.join(__dirname, '..', '..', 'views');
    const selects = new Set<string>();
    for (const file of fs.readdirSync(views, { recursive: true }) as string[]) {
      if (!file.endsWith('.ejs')) continue;
      const text = fs.readFileSync(path.join(views, file), 'utf8');
      for (const m of text.matchAll(/field-select', \{ name: '(\w+)'/g)) selects.add(m[1]);
    }
    const schemas: [string, z.ZodTypeAny][] = [
      ['project', projectSchema('form')],
      ['save proposal', saveProposalSchema],
      ['cost line', costSchema('form')],
      ['benefit', benefitSchema('form')],
      ['API token', newTokenSchema],
    ];
    const messages: string[] = [];
    for (const [name, schema] of schemas) {
      const result = schema.safeParse({});
      const fields = result.success ? {} : toFieldErrors(result.error);
      for (const [field, message] of Object.entries(fields))
        if (selects.has(field)) messages.push(`${name} ${field}: ${message}`);
    }
    expect(messages).toEqual(
      expect.arrayContaining([
        'project directorateCode: Select a directorate',
        'save proposal directorateCode: Select a directorate',
      ]),
    );
    expect(messages.filter((m) => !/: Select /.test(m))).toEqual([]);
  });
});

describe('the set-up page', () => {
  it('lists its errors in the order of its fields: name, email, password', async () => {
    const fresh = await createTestApp();
    try {
      const agent = request.agent(fresh.app);
      const form = await agent.get('/setup');
      const order = [...form.text.matchAll(/<(?:input|select|textarea)[^>]*\sid="(f-[\w-]+)"/g)].map((m) => m[1]);
      expect(order).toEqual(['f-name', 'f-email', 'f-password']);
      const res = await agent
        .post('/setup')
        .type('form')
        .send({ _csrf: csrfFrom(form.text) });
      expect(res.status).toBe(422);
      const summary = /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(res.text)![1];
      expect([...summary.matchAll(/href="#(f-[\w-]+)"/g)].map((m) => m[1])).toEqual(order);
    } finally {
      await fresh.close();
    }
  });
});
