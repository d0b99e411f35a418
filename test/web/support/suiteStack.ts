/** The local stack the global set-up started, and the few API calls a journey makes behind the browser. */
import { call } from '../../support/http';
import { mailsTo } from '../../support/sesInbox';
import type { BrowserSuiteStack } from './stackProcess';

/** Addresses and demo logins of the running stack. */
export function suiteStack(): BrowserSuiteStack {
  const raw = process.env.WEB_SUITE_STACK;
  if (!raw) throw new Error('the browser suite runs through playwright.config.ts, whose global set-up starts the stack');
  return JSON.parse(raw) as BrowserSuiteStack;
}

/** A staff ID token from the local sign-in (to compare what the console shows with what the API says). */
export async function staffToken(email: string): Promise<string> {
  const response = await call(suiteStack().apiUrl, 'POST', '/__local/login', { body: { email } });
  if (response.status !== 200) throw new Error(`local login of ${email} answered ${response.status}`);
  return response.body.idToken as string;
}

/** Sends a GET to the API with a token and returns the JSON body (fails the test on an error status). */
export async function apiGet<T>(path: string, token: string): Promise<T> {
  const response = await call(suiteStack().apiUrl, 'GET', path, { token });
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as T;
}

/** The invitation link in the latest mail to `email` (it points to the console). */
export async function invitationLink(email: string): Promise<string> {
  const mail = (await mailsTo(email, suiteStack().inboxUrl)).at(-1);
  const link = /(https?:\/\/\S+\/invitations\/[A-Za-z0-9_-]+)/.exec(mail?.body.text ?? '')?.[1];
  if (!link) throw new Error(`no invitation link in a mail to ${email}`);
  return link;
}

/** An address no other test uses (the local inbox is shared by the run). */
export function uniqueEmail(who: string): string {
  return `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;
}
