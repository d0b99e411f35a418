import { earliestDue, JobMadeNoProgressError, oldestOverdueAgeSeconds, requireProgress } from '../../../../shared/domain/JobRun';

describe('requireProgress', () => {
  it('throws when attempts failed and none succeeded', () => {
    expect(() => requireProgress('expireInvitations', { processed: 0, failed: 2 })).toThrow(JobMadeNoProgressError);
    expect(() => requireProgress('expireInvitations', { processed: 0, failed: 2 })).toThrow(
      'expireInvitations made no progress: 2 attempt(s) failed and none succeeded',
    );
  });

  it('accepts a run that did some of its work although other attempts failed', () => {
    expect(() => requireProgress('expireInvitations', { processed: 1, failed: 5 })).not.toThrow();
  });

  it('accepts a run that found nothing to do, or only work another run holds', () => {
    expect(() => requireProgress('escalateApplications', { processed: 0, failed: 0 })).not.toThrow();
    expect(() => requireProgress('escalateApplications', { processed: 0, failed: 0, oldestDueAt: new Date(0) })).not.toThrow();
  });
});

describe('oldestOverdueAgeSeconds', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('is the whole seconds since the earliest due time', () => {
    expect(oldestOverdueAgeSeconds({ processed: 1, failed: 0, oldestDueAt: new Date('2026-12-01T11:58:29.500Z') }, now)).toBe(90);
  });

  it('is 0 when nothing was due, and never negative', () => {
    expect(oldestOverdueAgeSeconds({ processed: 0, failed: 0 }, now)).toBe(0);
    expect(oldestOverdueAgeSeconds({ processed: 0, failed: 0, oldestDueAt: new Date('2026-12-01T12:00:05Z') }, now)).toBe(0);
  });
});

describe('earliestDue', () => {
  it('picks the earliest time and skips absent ones', () => {
    const early = new Date('2026-01-01T00:00:00Z');
    expect(earliestDue([undefined, new Date('2026-02-01T00:00:00Z'), early, undefined])).toBe(early);
  });

  it('is undefined when there is no due time', () => {
    expect(earliestDue([])).toBeUndefined();
    expect(earliestDue([undefined])).toBeUndefined();
  });
});
