/** One outgoing e-mail. Plain text is always sent; HTML beside it (every mail rendered by `renderMail` has both). */
export interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
}

/** Sends e-mail (SES in AWS, the local SES inbox locally). */
export interface Mailer {
  /** Sends one mail; throws when the provider refuses it. */
  send(mail: Mail): Promise<void>;
}
