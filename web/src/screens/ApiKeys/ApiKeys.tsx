/**
 * Partner → API keys (issue 33): the owner and admins create keys for their own systems (a name,
 * scopes, a lifetime), see the new key's value once with a copy button, see every key's prefix,
 * scopes, creation, expiry and last use, and revoke one. (`App.tsx` tells other roles the screen is not theirs.)
 */
import { useState } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import type { Problem } from '../../api/errorMessages';
import type { paths } from '../../api/schema';
import { useLoaded } from '../../api/useLoaded';
import { t } from '../../i18n/catalogue';
import { formatMoscowClock } from '../../i18n/format';
import { AppShell } from '../../ui/AppShell';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CopyButton } from '../../ui/CopyButton';
import { Field } from '../../ui/Field';
import { ProblemMessage } from '../../ui/ProblemMessage';

type ApiKey = paths['/api-keys']['get']['responses'][200]['content']['application/json']['items'][number];
type Scope = ApiKey['scopes'][number];

const SCOPES: readonly Scope[] = ['clients:read', 'clients:write', 'finance:read', 'budgets:write'];
/** Lifetimes offered, in days (the API takes at most 730). */
const LIFETIMES = [30, 90, 365, 730] as const;
const DAY_MS = 86_400_000;

/** The form that creates a key, and the new key's value shown once. */
function CreateKey({ onCreated }: { readonly onCreated: () => void }) {
  const words = t.value.apiKeys;
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<readonly Scope[]>(['clients:read']);
  const [days, setDays] = useState<number>(365);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  return (
    <section aria-labelledby="create-key-title">
      <h2 id="create-key-title">{words.createTitle}</h2>
      <form noValidate onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        const expiresAt = new Date(Date.now() + days * DAY_MS).toISOString();
        const outcome = await attempt(api().POST('/api-keys', { body: { name: name.trim(), scopes: [...scopes], expiresAt } }));
        setBusy(false);
        if (!outcome.ok) return setProblem(outcome.problem);
        setProblem(null);
        setCreated(outcome.data.key);
        setName('');
        onCreated();
      }}>
        <Field label={words.name} name="key-name" value={name} onValue={setName} required maxLength={100} hint={words.nameHint} />
        <fieldset>
          <legend>{words.scopes}</legend>
          {SCOPES.map((scope) => (
            <label key={scope} class="checkbox">
              <input type="checkbox" checked={scopes.includes(scope)}
                onChange={(event) => setScopes(event.currentTarget.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))} />
              {' '}<code translate={false}>{scope}</code> — {words.scopeWords[scope]}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for="key-lifetime">{words.lifetime}</label>
          <select id="key-lifetime" value={String(days)} onChange={(event) => setDays(Number(event.currentTarget.value))}>
            {LIFETIMES.map((lifetime) => <option key={lifetime} value={String(lifetime)}>{words.days(lifetime)}</option>)}
          </select>
        </div>
        <ProblemMessage problem={problem} />
        <div class="actions">
          <button type="submit" disabled={busy || scopes.length === 0 || name.trim() === ''}>{words.create}</button>
        </div>
      </form>
      {created && (
        <div class="notice" role="status">
          <p><strong>{words.shownOnce}</strong></p>
          <p><code translate={false}>{created}</code> <CopyButton value={created} label={words.copyKey} /></p>
          <button type="button" class="secondary" onClick={() => setCreated(null)}>{words.stored}</button>
        </div>
      )}
    </section>
  );
}

/** The screen. */
export function ApiKeys() {
  const words = t.value.apiKeys;
  const keys = useLoaded(() => attempt(api().GET('/api-keys')), []);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  return (
    <AppShell title={words.title}>
      <h1 tabIndex={-1}>{words.title}</h1>
      <p>{words.intro}</p>
      <>
          <CreateKey onCreated={keys.retry} />
          <section aria-labelledby="keys-title">
            <h2 id="keys-title">{words.listTitle}</h2>
            <ProblemMessage problem={keys.problem} onRetry={keys.retry} />
            {keys.slow && <p role="status">{t.value.common.loading}</p>}
            {keys.data && keys.data.items.length === 0 && <p>{words.empty}</p>}
            {keys.data && keys.data.items.length > 0 && (
              <div class="table-scroll" role="region" aria-label={words.listTitle} tabIndex={0}>
              <table>
                <caption class="visually-hidden">{words.listTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{words.name}</th><th scope="col">{words.prefix}</th><th scope="col">{words.scopes}</th>
                    <th scope="col">{words.created}</th><th scope="col">{words.expires}</th><th scope="col">{words.lastUsed}</th>
                    <th scope="col">{words.status}</th><th scope="col"><span class="visually-hidden">{words.actions}</span></th>
                  </tr>
                </thead>
                <tbody>
                  {keys.data.items.map((key) => (
                    <tr key={key.id}>
                      <td data-label={words.name} translate={false}>{key.name}</td>
                      <td data-label={words.prefix}><code translate={false}>{key.prefix}</code></td>
                      <td data-label={words.scopes}>{key.scopes.map((scope) => <code key={scope} translate={false}>{scope} </code>)}</td>
                      <td data-label={words.created}>{formatMoscowClock(key.createdAt)}</td>
                      <td data-label={words.expires}>{formatMoscowClock(key.expiresAt)}</td>
                      <td data-label={words.lastUsed}>{key.lastUsedAt ? formatMoscowClock(key.lastUsedAt) : words.neverUsed}</td>
                      <td data-label={words.status}>{words.statusWords[key.status]}</td>
                      <td data-label={words.actions}>
                        {key.status === 'active' && (
                          <button type="button" class="secondary" aria-label={words.revokeNamed(key.name)} onClick={() => setRevoking(key)}>{words.revoke}</button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </div>
            )}
          </section>
      </>
      {revoking && (
        <ConfirmDialog title={words.revokeTitle} confirmLabel={words.revoke} danger onClose={() => setRevoking(null)} onConfirm={async () => {
          const outcome = await attempt(api().DELETE('/api-keys/{id}', { params: { path: { id: revoking.id } } }));
          if (!outcome.ok) return outcome.problem;
          keys.retry();
          return null;
        }}>
          <p>{words.revokeText(revoking.name)}</p>
        </ConfirmDialog>
      )}
    </AppShell>
  );
}
