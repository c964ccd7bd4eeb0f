import { addMonths, nextAfterCompletion, onStatusChange } from '../../../server/domain/review-schedule';
import { isoWeek } from '../../../server/domain/reminders';
import { quarterStart } from '../../../server/domain/due';

describe('review schedule (issue 17)', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-12-02', 3, '2027-03-02'],
    ['2026-11-30', -3, '2026-08-30'],
    ['2025-06-30', 12, '2026-06-30'],
  ])('%s plus %i months is %s', (from, months, to) => {
    expect(addMonths(from, months)).toBe(to);
  });

  it('schedules by status change', () => {
    const today = '2026-12-02';
    expect(onStatusChange('in_delivery', 'live', [], today, 3)).toEqual({
      add: [{ kind: 'go_live', dueOn: '2027-03-02' }],
      removeScheduled: false,
    });
    expect(onStatusChange('live', 'closed', [{ kind: 'go_live', status: 'scheduled' }], today, 3).add).toEqual([
      { kind: 'closure', dueOn: today },
    ]);
    expect(onStatusChange('in_delivery', 'closed', [], today, 3).add).toEqual([{ kind: 'closure', dueOn: today }]);
    expect(onStatusChange('closed', 'live', [{ kind: 'closure', status: 'completed' }], today, 3).add).toEqual([]);
    expect(onStatusChange('live', 'cancelled', [], today, 3)).toEqual({ add: [], removeScheduled: true });
    expect(onStatusChange('approved', 'in_delivery', [], today, 3)).toEqual({ add: [], removeScheduled: false });
    expect(onStatusChange(null, 'live', [], today, 3).add).toHaveLength(1);
  });

  it('schedules the next yearly review only while benefits are outstanding and nothing else is scheduled', () => {
    const base = {
      projectStatus: 'closed' as const,
      heldOn: '2026-06-30',
      benefitsOutstanding: true,
      otherScheduled: 0,
      repeatMonths: 12,
    };
    expect(nextAfterCompletion(base)).toEqual({ kind: 'annual', dueOn: '2027-06-30' });
    expect(nextAfterCompletion({ ...base, benefitsOutstanding: false })).toBeNull();
    expect(nextAfterCompletion({ ...base, otherScheduled: 1 })).toBeNull();
    expect(nextAfterCompletion({ ...base, projectStatus: 'cancelled' })).toBeNull();
  });

  it('names ISO weeks and quarters', () => {
    expect(isoWeek(new Date('2026-12-02T10:00:00Z'))).toBe('2026-W49');
    expect(isoWeek(new Date('2027-01-01T10:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2024-12-30T10:00:00Z'))).toBe('2025-W01');
    expect(quarterStart('2026-12-02')).toBe('2026-10-01');
    expect(quarterStart('2027-03-31')).toBe('2027-01-01');
  });
});
