/** The empty portfolio's first step is offered only to those who may take it (issue 14, friction 1). */
import { appForTests } from '../helpers/test-app';

const scrutiny = appForTests({ web: 'scrutiny' });
const admin = appForTests({ web: 'admin' });

describe('GET / on an empty portfolio', () => {
  it('offers "Add a directorate" to an administrator', async () => {
    const res = await admin.web.get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('href="/directorates/new"');
  });

  it('tells anyone else who adds directorates, with no button that would end at "You cannot do that"', async () => {
    const res = await scrutiny.web.get('/');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('href="/directorates/new"');
    expect(res.text).toContain('An administrator adds the directorates first');
  });
});
