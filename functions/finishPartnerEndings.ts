import { clock, partnerEndingDeps } from '../shared/adapters/compositionRoot';
import { finishPartnerEndings } from '../shared/domain/partners/completePartnerEnding';
import { scheduledJob } from '../shared/observability/scheduledJob';

/** Scheduled (EventBridge): finishes ended partnerships — detaches the clients left, closes the logins — while its time budget lasts. */
export const handler = scheduledJob({
  job: 'finishPartnerEndings',
  clock,
  run: (budget) => finishPartnerEndings(partnerEndingDeps(), budget),
});
