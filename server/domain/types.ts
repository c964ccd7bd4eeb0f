/** The use-case context. Record types live in ../records (a leaf module every layer may import). */
import type { Knex } from 'knex';
import type { Logger } from '../logger';
import type { Actor } from '../records';

/** What every use case receives: never req/res. */
export interface Ctx {
  db: Knex;
  actor: Actor;
  logger: Logger;
  requestId?: string;
}
