/** An endpoint's signing secret, shown this once (after adding the endpoint or rotating its secret), with a copy button. */
import { webhookWords } from '../../i18n/webhooks/catalogue';
import { formatMoscowTime } from '../../i18n/format';
import { CopyButton } from '../../ui/CopyButton';

/** Props of `SecretShownOnce`. */
export interface SecretShownOnceProps {
  readonly secret: string;
  /** Until when the previous secret still signs (after a rotation). */
  readonly previousUntil: string | null;
  /** The person has stored it: the secret goes away for good. */
  readonly onStored: () => void;
}

/** The warning, the secret with its copy button, the overlap of a rotation, and "I have stored it". */
export function SecretShownOnce({ secret, previousUntil, onStored }: SecretShownOnceProps) {
  const words = webhookWords.value;
  return (
    <div class="secret-once">
      <p class="notice warn"><strong>{words.secretShownOnce}</strong></p>
      <p class="secret-value">
        <code translate={false}>{secret}</code>
        <CopyButton value={secret} label={words.copySecret} />
      </p>
      {previousUntil && <p>{words.secretOverlap(formatMoscowTime(previousUntil))}</p>}
      <div class="actions">
        <button type="button" onClick={onStored}>{words.stored}</button>
      </div>
    </div>
  );
}
