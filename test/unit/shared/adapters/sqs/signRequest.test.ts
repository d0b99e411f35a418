import { signRequest } from '../../../../../shared/adapters/sqs/SqsDeliveryQueue';

describe('signRequest (AWS Signature Version 4)', () => {
  it('gives the signature of AWS\'s published example (IAM ListUsers, 2015-08-30, AKIDEXAMPLE)', () => {
    const signed = signRequest({
      method: 'GET',
      url: 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08',
      region: 'us-east-1',
      service: 'iam',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
      body: '',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
      now: new Date('2015-08-30T12:36:00.000Z'),
    });
    expect(signed.headers.authorization).toBe('AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, ' +
      'SignedHeaders=content-type;host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7');
  });

  it('signs the session token of the function\'s role with the request', () => {
    const signed = signRequest({
      url: 'https://sqs.eu-west-1.amazonaws.com/', region: 'eu-west-1', service: 'sqs',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' }, body: '{}',
      credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'token' }, now: new Date('2026-12-06T09:00:00.000Z'),
    });
    expect(signed.headers['x-amz-security-token']).toBe('token');
    expect(signed.headers.authorization).toContain('SignedHeaders=content-type;host;x-amz-date;x-amz-security-token;x-amz-target,');
  });
});
