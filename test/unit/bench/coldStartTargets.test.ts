import { peerTargetOf } from '../../../test/bench/coldStartTargets';

describe('peerTargetOf', () => {
  it('holds GET routes to the read target', () => {
    expect(peerTargetOf({ kind: 'route', method: 'GET' })).toEqual({ label: 'read', maxPeerRatio: 0.65 });
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)('holds %s routes to the write target', (method) => {
    expect(peerTargetOf({ kind: 'route', method })).toEqual({ label: 'write', maxPeerRatio: 0.8 });
  });

  it('holds the Cognito triggers to the read target, since a user waits for them inside a sign-in', () => {
    expect(peerTargetOf({ kind: 'trigger' }).label).toBe('read');
  });

  it('holds jobs to the write target', () => {
    expect(peerTargetOf({ kind: 'job' }).label).toBe('write');
  });
});
