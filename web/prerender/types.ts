/** What the build asks the prerender for and what it answers (web/build.ts ↔ entry.tsx). */
import type { ConsoleConfig } from '../src/config';

/** A page to prerender: its address and the `config.json` it is shown with. */
export interface PrerenderRequest {
  readonly address: string;
  /** Where the page is written, relative to the built console (`en/sign-in.cognito.html`). */
  readonly file: string;
  readonly config: ConsoleConfig;
}

/** What a prerender gives: the markup of `#app`, the document's title and language. */
export interface Prerendered {
  readonly address: string;
  readonly file: string;
  readonly markup: string;
  readonly title: string;
  readonly language: string;
}
