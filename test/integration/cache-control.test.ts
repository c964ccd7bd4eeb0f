/**
 * Issue 13, defect 8: nothing a signed-in user is shown may be kept by a browser or proxy cache
 * (pages, API JSON, CSV/XLSX exports, the audit CSV), while static assets keep their caching.
 */
import request from 'supertest';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { apiClient, webClient } from '../helpers/clients';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('Cache-Control', () => {
  it('is no-store on every authenticated page, download and API answer', async () => {
    const web = await webClient(t.app, t.db, 'admin');
    const api = await apiClient(t.app, t.db, 'scrutiny');
    const answers = {
      '/': await web.get('/'),
      '/projects': await web.get('/projects'),
      '/account': await web.get('/account'),
      '/exports/projects.csv': await web.get('/exports/projects.csv'),
      '/exports/costs.xlsx': await web.get('/exports/costs.xlsx'),
      '/audit.csv': await web.get('/audit.csv'),
      'API /projects': await api.get('/api/v1/projects'),
      'API /portfolio/metrics': await api.get('/api/v1/portfolio/metrics'),
      'API with the session': await web.get('/api/v1/projects'),
    };
    const seen = Object.fromEntries(
      Object.entries(answers).map(([name, res]) => [name, `${res.status} ${res.headers['cache-control']}`]),
    );
    expect(seen).toEqual(Object.fromEntries(Object.keys(answers).map((name) => [name, '200 no-store'])));
  });

  it('leaves static assets cacheable', async () => {
    const js = await request(t.app).get('/public/js/charts.js');
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=3600');
    const vendor = await request(t.app).get('/vendor/chart.js/chart.umd.js');
    expect(vendor.status).toBe(200);
    expect(vendor.headers['cache-control']).toBe('public, max-age=604800');
  });
});
