import { BadRequestError } from '../../../server/errors';
import { todayIso } from '../../../server/financial-year';
import { parseAuditApiQuery, readAuditPageQuery } from '../../../server/validation/audit-query.schema';

const EMPTY_VALUES = { project: '', user: '', entity: '', from: '', to: '' };

describe('readAuditPageQuery', () => {
  it.each([
    [{}, {}, {}, null],
    [{ project: 'cs-001' }, { projectCode: 'CS-001' }, { project: 'CS-001' }, null],
    [{ user: '12' }, { userId: 12 }, { user: '12' }, null],
    [{ entity: 'cost_line' }, { entityType: 'cost_line' }, { entity: 'cost_line' }, null],
    [
      { from: '2026-06-01', to: '2026-06-30' },
      { from: '2026-06-01', to: '2026-06-30' },
      { from: '2026-06-01', to: '2026-06-30' },
      null,
    ],
    [
      { from: '2026-06-30', to: '2026-06-30' },
      { from: '2026-06-30', to: '2026-06-30' },
      { from: '2026-06-30', to: '2026-06-30' },
      null,
    ],
    [{ before: '41' }, {}, {}, 41],
    [{ before: 'older' }, {}, {}, null],
  ])('reads %j', (raw, filter, values, before) => {
    const r = readAuditPageQuery(raw);
    expect(r.errors).toEqual({});
    expect(r.filter).toEqual({
      projectCode: undefined,
      userId: undefined,
      entityType: undefined,
      from: undefined,
      to: undefined,
      ...filter,
    });
    expect(r.values).toEqual({ ...EMPTY_VALUES, ...values });
    expect(r.before).toBe(before);
  });

  it.each([
    [{ project: 'CS 001' }, { project: 'Enter a project code like CS-001' }],
    [{ user: 'me' }, { user: 'Choose a user from the list' }],
    [{ entity: 'Cost line' }, { entity: 'Choose a kind of record from the list' }],
    [
      { from: '2026-02-30', to: 'yesterday' },
      {
        from: `Enter the start date as a real date, like ${todayIso()}`,
        to: `Enter the end date as a real date, like ${todayIso()}`,
      },
    ],
    [{ from: '2026-06-02', to: '2026-06-01' }, { to: 'The end date must be the same as or after the start date' }],
    [{ project: ['CS-001', 'CS-002'] }, { project: 'Choose one project code' }],
  ])('explains %j beside the field', (raw, errors) => {
    expect(readAuditPageQuery(raw).errors).toEqual(errors);
  });

  it('keeps what was typed, the project upper-cased, to show in the form again', () => {
    expect(readAuditPageQuery({ project: 'nope 1', from: '2026-02-30' }).values).toEqual({
      ...EMPTY_VALUES,
      project: 'NOPE 1',
      from: '2026-02-30',
    });
  });
});

describe('parseAuditApiQuery', () => {
  it('reads the filters, the page size (100 by default) and the cursor', () => {
    expect(parseAuditApiQuery({ project: 'cs-001', limit: '2', cursor: '57' })).toEqual({
      filter: { projectCode: 'CS-001', userId: undefined, entityType: undefined, from: undefined, to: undefined },
      limit: 2,
      before: 57,
    });
    expect(parseAuditApiQuery({})).toMatchObject({ limit: 100, before: undefined });
    expect(parseAuditApiQuery({ limit: '500' }).limit).toBe(500);
  });

  it.each([
    ['limit=0', { limit: '0' }, 'limit', 'limit must be a whole number from 1 to 500'],
    ['limit=501', { limit: '501' }, 'limit', 'limit must be a whole number from 1 to 500'],
    ['limit=ten', { limit: 'ten' }, 'limit', 'limit must be a whole number from 1 to 500'],
    ['limit twice', { limit: ['1', '2'] }, 'limit', 'Give limit once'],
    ['cursor=abc', { cursor: 'abc' }, 'cursor', 'cursor must be the nextCursor of an earlier page'],
    ['from=2025-13-01', { from: '2025-13-01' }, 'from', 'from must be a date in the form YYYY-MM-DD'],
    ['to=31/03/2025', { to: '31/03/2025' }, 'to', 'to must be a date in the form YYYY-MM-DD'],
    [
      'reversed dates',
      { from: '2025-04-02', to: '2025-04-01', limit: '0' },
      'to',
      'to: The end date must be the same as or after the start date',
    ],
    ['user=me', { user: 'me' }, 'user', 'user must be a user id, like 12'],
    ['entity=Cost line', { entity: 'Cost line' }, 'entity', 'entity must be an entity type, like cost_line'],
    ['project=CS 001', { project: 'CS 001' }, 'project', 'project must be a code like CS-001'],
  ])('answers 400 for %s, naming the parameter', (_name, raw, field, message) => {
    let err: unknown;
    try {
      parseAuditApiQuery(raw);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BadRequestError);
    expect(err).toMatchObject({ field, message });
  });
});
