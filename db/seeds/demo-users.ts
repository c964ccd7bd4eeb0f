/**
 * One demo user per role, with fresh random passwords printed when the demo starts. The project
 * manager manages the Children's Services projects, so realisations can be tried there.
 */
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Logger } from '../../server/logger';
import { createUser } from '../../server/domain/users';
import { setProjectManagers } from '../../server/domain/projects';
import { type Ctx } from '../../server/domain/types';
import { systemActor } from '../../server/records';
import type { Role } from '../../server/records';

export const DEMO_EMAIL_DOMAIN = 'demo.realise.local';

const PEOPLE: { role: Role; name: string; local: string }[] = [
  { role: 'admin', name: 'Alex Admin', local: 'admin' },
  { role: 'finance', name: 'Farah Finance', local: 'finance' },
  { role: 'project_manager', name: 'Priya Manager', local: 'pm' },
  { role: 'scrutiny', name: 'Sam Scrutiny', local: 'scrutiny' },
];

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
}

export async function seedDemoUsers(db: Knex, logger: Logger): Promise<DemoLogin[]> {
  const ctx: Ctx = { db, actor: systemActor('demo seed'), logger };
  await db('users').where('email', 'like', `%@${DEMO_EMAIL_DOMAIN}`).delete();
  const logins: DemoLogin[] = [];
  for (const p of PEOPLE) {
    const password = `demo-${crypto.randomBytes(9).toString('base64url')}`;
    const user = await createUser(ctx, {
      email: `${p.local}@${DEMO_EMAIL_DOMAIN}`,
      name: p.name,
      role: p.role,
      password,
    });
    logins.push({ role: p.role, email: user.email, password });
    if (p.role === 'project_manager') {
      const codes: { code: string }[] = await db('projects as p')
        .join('directorates as d', 'd.id', 'p.directorate_id')
        .where('d.code', 'CS')
        .select('p.code');
      for (const { code } of codes) await setProjectManagers(ctx, code, [user.id]);
    }
  }
  return logins;
}
