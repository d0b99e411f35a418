import { CognitoAccountDirectory } from '../../../../shared/adapters/cognito/CognitoAccountDirectory';
import type { AccountDirectory } from '../../../../shared/ports/AccountDirectory';
import type { EventPublisher } from '../../../../shared/ports/EventPublisher';

type CompositionRoot = typeof import('../../../../shared/adapters/compositionRoot');

/** The composition root of a fresh container: nothing installed, nothing created yet. */
function freshContainer(): CompositionRoot {
  let root: CompositionRoot | undefined;
  jest.isolateModules(() => {
    root = require('../../../../shared/adapters/compositionRoot') as CompositionRoot; // eslint-disable-line @typescript-eslint/no-require-imports
  });
  if (!root) throw new Error('the composition root did not load');
  return root;
}

describe('compositionRoot', () => {
  const saved = { USER_POOL_ID: process.env.USER_POOL_ID, EVENT_BUS_NAME: process.env.EVENT_BUS_NAME };

  beforeEach(() => {
    delete process.env.USER_POOL_ID;
    delete process.env.EVENT_BUS_NAME;
  });

  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('fails loudly, naming the missing setting, when a function lacks its Cognito pool or event bus and no stand-in is installed', () => {
    const root = freshContainer();

    expect(() => root.accountDirectory()).toThrow('USER_POOL_ID is not set');
    expect(() => root.eventPublisher()).toThrow('EVENT_BUS_NAME is not set');
  });

  it('uses the staff Cognito pool when USER_POOL_ID is set', () => {
    process.env.USER_POOL_ID = 'eu-central-1_pool';

    const directory = freshContainer().accountDirectory();

    expect(directory.constructor.name).toBe(CognitoAccountDirectory.name);
    expect(directory).toMatchObject({ userPoolId: 'eu-central-1_pool' });
  });

  it('uses the installed stand-ins, created once per container, even where the settings are absent', () => {
    const root = freshContainer();
    const directory: AccountDirectory = {
      createPartnerLogin: async () => undefined, closePartnerLogin: async () => undefined,
      reopenPartnerLogin: async () => undefined, findStaffLogin: async () => undefined, removePartnerLogin: async () => undefined,
    };
    const events: EventPublisher = { publish: async () => undefined };
    const created = { directory: 0, events: 0 };

    root.installStandIns({
      accountDirectory: () => (created.directory += 1, directory),
      eventPublisher: () => (created.events += 1, events),
    });

    expect([root.accountDirectory(), root.accountDirectory()]).toEqual([directory, directory]);
    expect([root.eventPublisher(), root.eventPublisher()]).toEqual([events, events]);
    expect(created).toEqual({ directory: 1, events: 1 });
  });
});
