import { clock, partnerEndingDeps } from '../shared/adapters/compositionRoot';
import { finishPartnerEndings } from '../shared/domain/partners/completePartnerEnding';
import { scheduledJob } from '../shared/observability/scheduledJob';

/** Time one run spends on ended partnerships (the job's timeout is 60 s): what is left waits for the next run. */
const RUN_BUDGET_MS = 40_000;

/** Scheduled (EventBridge): finishes ended partnerships — detaches the clients left, closes the logins. */
export const handler = scheduledJob({
  job: 'finishPartnerEndings',
  clock,
  run: () => finishPartnerEndings(partnerEndingDeps(), new Date(clock.now().getTime() + RUN_BUDGET_MS)),
});
