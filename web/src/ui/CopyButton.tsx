/** An id shown whole when it fits, cut with "…" when it does not (full value in its title), with a button that copies it. */
import { useState } from 'preact/hooks';
import { t } from '../i18n/catalogue';
import { Icon } from './Icon';

/** A button that copies `value` and says so. */
export function CopyButton({ value, label }: { readonly value: string; readonly label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button type="button" class="quiet icon-button" aria-label={label} title={copied ? t.value.common.copied : label}
      onClick={() => {
        void navigator.clipboard?.writeText(value).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        }, () => undefined);
      }}>
      <Icon name="copy" />
      {copied && <span class="copied" role="status">{t.value.common.copied}</span>}
    </button>
  );
}

/** An identifier that is never broken mid-word: truncated with its full value in a title, plus a copy button. */
export function Id({ value, label }: { readonly value: string; readonly label?: string }) {
  return (
    <span class="id">
      <code title={value} translate={false}>{value}</code>
      <CopyButton value={value} label={label ?? t.value.common.copyNamed(value)} />
    </span>
  );
}
