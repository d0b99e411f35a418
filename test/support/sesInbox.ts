import type { Email } from 'aws-ses-v2-local/dist/store';

/** Every mail the local SES received for a recipient, oldest first. */
export async function mailsTo(recipient: string, endpoint = process.env.SES_ENDPOINT): Promise<Email[]> {
  const response = await fetch(`${endpoint}/store`);
  const { emails } = (await response.json()) as { emails: Email[] };
  return emails.filter((mail) => mail.destination.to.includes(recipient));
}
