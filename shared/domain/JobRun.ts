/**
 * What one run of a scheduled job found and did, in the terms an operator alarms on: work done,
 * attempts that failed, and how long the oldest piece of due work had been waiting.
 */
export interface JobRun {
  /** Work items this run completed. */
  readonly processed: number;
  /** Work items whose attempt failed this run; they stay for a later run. */
  readonly failed: number;
  /** The earliest due time among the work items this run found due; absent when none was due. */
  readonly oldestDueAt?: Date;
}

/**
 * Thrown by a job run that made no progress while work was due: at least one attempt failed and
 * none succeeded. Items left alone because another run holds them, or because they were settled
 * meanwhile, are neither done nor failed, so concurrent runs never raise it.
 */
export class JobMadeNoProgressError extends Error {
  public constructor(job: string, run: JobRun) {
    super(`${job} made no progress: ${run.failed} attempt(s) failed and none succeeded`);
    this.name = 'JobMadeNoProgressError';
  }
}

/** Throws {@link JobMadeNoProgressError} when the run failed at everything it tried. */
export function requireProgress(job: string, run: JobRun): void {
  if (run.failed > 0 && run.processed === 0) throw new JobMadeNoProgressError(job, run);
}

/** Whole seconds the oldest due item had waited at `now`; 0 when nothing was due. */
export function oldestOverdueAgeSeconds(run: JobRun, now: Date): number {
  if (!run.oldestDueAt) return 0;
  return Math.max(0, Math.floor((now.getTime() - run.oldestDueAt.getTime()) / 1000));
}

/** The earliest of the given due times (undefined when there are none). */
export function earliestDue(dueTimes: Iterable<Date | undefined>): Date | undefined {
  let earliest: Date | undefined;
  for (const dueAt of dueTimes) {
    if (dueAt && (!earliest || dueAt.getTime() < earliest.getTime())) earliest = dueAt;
  }
  return earliest;
}
