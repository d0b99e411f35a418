import { App } from 'aws-cdk-lib';
import { PartnerdeskStack } from '../../infra/PartnerdeskStack';
import { stackEnv, stackSettings } from './stackSettings';

/** Bundling is skipped: the check runs before any function is built. */
const synthWith = (publicBaseUrl: string) => () =>
  new PartnerdeskStack(new App({ context: { 'aws:cdk:bundling-stacks': [] } }), 'PartnerdeskOrigin', {
    env: stackEnv,
    settings: { ...stackSettings, publicBaseUrl },
  });

describe('the console origin (publicBaseUrl) of invitation links', () => {
  it.each(['', '   ', 'console.example.com', 'javascript:alert(1)'])('is required: %p fails the synth with a clear message', (publicBaseUrl) => {
    expect(synthWith(publicBaseUrl)).toThrow(/-c publicBaseUrl=https:\/\/console\.example\.com/);
  });

  it('is passed to the functions when given', () => {
    expect(synthWith('https://console.partnerdesk.test')).not.toThrow();
  });
});
