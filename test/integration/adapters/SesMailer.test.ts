import { SESClient } from '@aws-sdk/client-ses';
import { SesMailer } from '../../../shared/adapters/ses/SesMailer';
import { uniqueEmail } from '../../support/applicationFixtures';
import { sampleMail } from '../../support/mailSamples';
import { mailsTo } from '../../support/sesInbox';

/** The mailer against the local SES (aws-ses-v2-local), started by the global set-up. */
describe('SesMailer', () => {
  it('sends a rendered mail with both parts, text and HTML (SES SendEmail Body.Text and Body.Html, UTF-8)', async () => {
    const to = uniqueEmail('both-parts');
    const mail = sampleMail('invitation', 'ru', { name: 'Иван', company: 'Волкова ИТ <&>', email: to });

    await SesMailer.fromEnv().send(mail);

    const [received, ...more] = await mailsTo(to);
    expect(more).toEqual([]);
    expect(received?.subject).toBe(mail.subject);
    expect(received?.body.text).toBe(mail.text);
    expect(received?.body.html).toBe(mail.html);
    expect(received?.body.html).toContain('Волкова ИТ &lt;&amp;&gt;');
  });

  it('sends the next mail intact after a mail that cannot be serialized (unpaired surrogate)', async () => {
    const mailer = SesMailer.fromEnv();
    const poisoned = uniqueEmail('poisoned');
    const next = uniqueEmail('next');

    await expect(mailer.send({ to: poisoned, subject: 'Hello Y\ud800', text: 'company Y\ud800' })).rejects.toThrow();
    await mailer.send({ to: next, subject: 'Your invitation', text: 'Follow the link.' });

    expect(await mailsTo(poisoned)).toEqual([]);
    const [received, ...more] = await mailsTo(next);
    expect(more).toEqual([]);
    expect(received?.subject).toBe('Your invitation');
    expect(received?.body.text?.trim()).toBe('Follow the link.');
  });

  it('replaces its client after a failure inside the SDK, so the half-written request never reaches the next send', async () => {
    const next = uniqueEmail('next');
    let created = 0;
    const mailer = new SesMailer(() => {
      const client = new SESClient({ endpoint: process.env.SES_ENDPOINT });
      created += 1;
      if (created === 1) {
        // Text the mailer's own check never saw (as if the SDK encoded something else than it was given) fails in the serializer.
        client.middlewareStack.add((nextStep) => async (args) => {
          const input = args.input as { Message: { Subject: { Data: string } } };
          input.Message.Subject.Data += '\ud800';
          return nextStep(args);
        }, { step: 'initialize' });
      }
      return client;
    }, 'partners@partnerdesk.local');

    await expect(mailer.send({ to: uniqueEmail('poisoned'), subject: 'First', text: 'first' })).rejects.toThrow(URIError);
    await mailer.send({ to: next, subject: 'Second', text: 'second' });

    const [received] = await mailsTo(next);
    expect(received?.subject).toBe('Second');
    expect(created).toBe(2);
  });
});
