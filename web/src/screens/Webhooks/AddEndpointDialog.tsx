/**
 * Add a webhook endpoint: its https address and the events it receives (plain words, "Select all"),
 * then the signing secret shown this once in the same dialog.
 */
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import { localProblem, type Problem } from '../../api/errorMessages';
import { t } from '../../i18n/catalogue';
import { webhookWords } from '../../i18n/webhooks/catalogue';
import { Sentence } from '../../i18n/Sentence';
import { Dialog } from '../../ui/Dialog';
import { focusFirstField } from '../../ui/formChecks';
import { ProblemMessage } from '../../ui/ProblemMessage';
import { SecretShownOnce } from './SecretShownOnce';
import { type EndpointWithSecret, EVENT_TYPES, type EventType, eventName } from './webhookTypes';

const EXAMPLE_URL = 'https://crm.example.com/hooks/partnerdesk';

/** A URL the API may accept: absolute, http(s) (the API itself refuses plain http beyond a local stack, and private hosts). */
function looksLikeUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Props of `AddEndpointDialog`. */
export interface AddEndpointDialogProps {
  /** Called once the endpoint exists (the list reloads under the dialog). */
  readonly onAdded: (endpoint: EndpointWithSecret) => void;
  readonly onClose: () => void;
}

/** The dialog: the form, then the secret. */
export function AddEndpointDialog({ onAdded, onClose }: AddEndpointDialogProps) {
  const words = t.value;
  const page = webhookWords.value;
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<readonly EventType[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<EndpointWithSecret | null>(null);
  const all = events.length === EVENT_TYPES.length;
  const urlWrong = problem?.fields.includes('url') ?? false;
  const eventsWrong = problem?.fields.some((field) => field === 'events' || field.startsWith('events.')) ?? false;

  const submit = async (event: Event) => {
    event.preventDefault();
    const wrong = [...(looksLikeUrl(url.trim()) ? [] : ['url']), ...(events.length > 0 ? [] : ['events'])];
    if (wrong.length > 0) {
      setProblem(localProblem('validation_failed', wrong));
      return focusFirstField(wrong.slice(0, 1).map((field) => (field === 'url' ? 'url' : 'all-events')));
    }
    setBusy(true);
    // Sent in the form's order, whatever order they were ticked in.
    const outcome = await attempt(api().POST('/webhooks', { body: { url: url.trim(), events: EVENT_TYPES.filter((type) => events.includes(type)) } }));
    setBusy(false);
    if (!outcome.ok) {
      setProblem(outcome.problem);
      return focusFirstField(outcome.problem.fields.includes('url') ? ['url'] : []);
    }
    setProblem(null);
    setAdded(outcome.data);
    onAdded(outcome.data);
  };

  if (added) {
    return (
      // A dialog of its own (key): it opens on "I have stored it", as the form's dialog opened on its first field.
      <Dialog key="secret" title={page.secretTitle} onClose={onClose}>
        <p class="webhook-text"><Sentence words={page.added} values={[added.url]} /></p>
        <SecretShownOnce secret={added.secret} previousUntil={null} onStored={onClose} />
      </Dialog>
    );
  }
  return (
    <Dialog key="form" title={page.addTitle} onClose={onClose}>
      <form class="webhook-text" noValidate onSubmit={(event) => void submit(event)}>
        <ProblemMessage problem={problem} />
        <div class={`field${urlWrong ? ' has-error' : ''}`}>
          <label for="field-url">{page.url}<span class="required" aria-hidden="true"> *</span></label>
          <input id="field-url" name="url" type="url" inputMode="url" autoComplete="off" spellcheck={false} required maxLength={2048}
            value={url} onInput={(event) => setUrl(event.currentTarget.value)} aria-invalid={urlWrong || undefined}
            aria-describedby={urlWrong ? 'field-url-hint field-url-error' : 'field-url-hint'} />
          <p class="hint" id="field-url-hint"><Sentence words={page.urlHint} values={[EXAMPLE_URL]} /></p>
          {urlWrong && <p class="field-error" id="field-url-error"><Sentence words={page.urlInvalid} values={[EXAMPLE_URL]} /></p>}
        </div>
        <fieldset class="event-types" aria-describedby={eventsWrong ? 'events-error' : undefined}>
          <legend>{page.eventsLegend}</legend>
          <label class="checkbox select-all-events">
            <input id="field-all-events" type="checkbox" checked={all} ref={(box) => {
              if (box) box.indeterminate = events.length > 0 && !all;
            }} onChange={() => setEvents(all ? [] : EVENT_TYPES)} />
            {' '}{page.allEvents}
          </label>
          {EVENT_TYPES.map((type) => (
            <label key={type} class="checkbox">
              <input type="checkbox" checked={events.includes(type)}
                onChange={(event) => setEvents(event.currentTarget.checked ? [...events, type] : events.filter((each) => each !== type))} />
              {' '}{eventName(type, page)}
            </label>
          ))}
          {eventsWrong && <p class="field-error" id="events-error">{page.eventsMissing}</p>}
        </fieldset>
        <div class="actions">
          <button type="submit" disabled={busy}>{page.addSubmit}</button>
          <button type="button" class="secondary" onClick={onClose}>{words.common.cancel}</button>
        </div>
      </form>
    </Dialog>
  );
}
