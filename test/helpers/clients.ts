/**
 * Signed-in test clients: a Supertest agent holding a real session cookie and CSRF token, and an
 * API client holding a real bearer token. Users are made through the domain, like any other data.
 */
import request from 'supertest';
import type { Express } from 'express';
import type { Knex } from 'knex';
import { createApiToken, createUser } from '../../server/domain/users';
import type { Role } from '../../server/records';
import { createLogger } from '../../server/logger';
import { type Ctx } from '../../server/domain/types';
import { systemActor } from '../../server/records';

export const TEST_PASSWORD = 'Tall-Lighthouse-Sings-47';

export interface WebClient {
  agent: ReturnType<typeof request.agent>;
  csrf: string;
  userId: number;
  get(url: string): request.Test;
  post(url: string): request.Test;
}

export interface ApiClient {
  token: string;
  userId: number;
  /** The token user's email, which audit rows name. */
  email: string;
  get(url: string): request.Test;
  post(url: string): request.Test;
  patch(url: string): request.Test;
  put(url: string): request.Test;
  delete(url: string): request.Test;
}

let counter = 0;

export async function makeUser(
  db: Knex,
  role: Role,
  over: { email?: string; name?: string; directorateIds?: number[] } = {},
) {
  counter += 1;
  const ctx: Ctx = { db, actor: systemActor('test'), logger: createLogger({ logLevel: 'silent' }) };
  return createUser(ctx, {
    email: over.email ?? `${role}${counter}@council.example`,
    name: over.name ?? `Test ${role} ${counter}`,
    role,
    password: TEST_PASSWORD,
    directorateIds: over.directorateIds,
  });
}

export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('No CSRF token on the page');
  return m[1];
}

export async function signInAs(
  app: Express,
  email: string,
  password = TEST_PASSWORD,
): Promise<Omit<WebClient, 'userId'>> {
  const agent = request.agent(app);
  const form = await agent.get('/sign-in');
  const res = await agent
    .post('/sign-in')
    .type('form')
    .send({ email, password, _csrf: csrfFrom(form.text) });
  if (res.status !== 303) throw new Error(`Sign-in failed with ${res.status}`);
  // Signing in starts a new session, with a new token.
  const csrf = csrfFrom((await agent.get('/account')).text);
  return { agent, csrf, get: (url) => agent.get(url), post: (url) => agent.post(url).set('x-csrf-token', csrf) };
}

export async function webClient(
  app: Express,
  db: Knex,
  role: Role,
  over: { directorateIds?: number[] } = {},
): Promise<WebClient> {
  const user = await makeUser(db, role, over);
  return { ...(await signInAs(app, user.email)), userId: user.id };
}

export async function apiClient(
  app: Express,
  db: Knex,
  role: Role,
  over: { directorateIds?: number[] } = {},
): Promise<ApiClient> {
  const user = await makeUser(db, role, over);
  const ctx: Ctx = { db, actor: systemActor('test'), logger: createLogger({ logLevel: 'silent' }) };
  const { token } = await createApiToken(ctx, user.id, 'test', null);
  const auth = (t: request.Test) => t.set('Authorization', `Bearer ${token}`);
  return {
    token,
    userId: user.id,
    email: user.email,
    get: (url) => auth(request(app).get(url)),
    post: (url) => auth(request(app).post(url)),
    patch: (url) => auth(request(app).patch(url)),
    put: (url) => auth(request(app).put(url)),
    delete: (url) => auth(request(app).delete(url)),
  };
}
