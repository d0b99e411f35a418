/**
 * The header's count of unread notifications: read on every change of screen and every minute
 * while the console is open (a modest poll: one small read a minute), and after marking one read.
 */
import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { api, attempt } from '../../api/client';
import { allowed } from '../../auth/membership';

/** How often the count is read again while a screen stays open. */
export const UNREAD_POLL_MS = 60_000;

/** Unread notifications; null when unknown (not read yet, or the role has no notifications). */
export const unreadCount = signal<number | null>(null);

/** Reads the count once (a failure leaves the last known count). */
export async function refreshUnread(): Promise<void> {
  if (!allowed('GET /notifications/unread-count')) {
    unreadCount.value = null;
    return;
  }
  const outcome = await attempt(api().GET('/notifications/unread-count'));
  if (outcome.ok) unreadCount.value = outcome.data.unread;
}

/** Keeps the count fresh while mounted: now (each new `path`), then every `UNREAD_POLL_MS`. */
export function useUnreadPolling(path: string, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    void refreshUnread();
    const timer = setInterval(() => void refreshUnread(), UNREAD_POLL_MS);
    return () => clearInterval(timer);
  }, [path, enabled]);
}
