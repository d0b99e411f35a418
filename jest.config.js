/**
 * One `npm test` runs every project. DynamoDB Local and the local SES are started once by the
 * global set-up (real services, never mocks); each test file then uses its own table names.
 */
const esmOnlyPackages = ['@middy', 'jose'];

/** @type {import('jest').Config} */
const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', esModuleInterop: true, isolatedModules: true } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyPackages.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'json'],
};

/** Integration tests run handlers in-process without AWS: Cognito and EventBridge are the local stand-ins (e2e tests get them from the local stack). */
const localStandIns = '<rootDir>/test/support/localStandIns.ts';

/** @type {import('jest').Config} */
module.exports = {
  // Jest ignores `testTimeout` inside `projects` (jest#9696): one generous default for all, here.
  testTimeout: 120_000,
  globalSetup: '<rootDir>/test/support/globalSetup.ts',
  globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts'], setupFiles: [localStandIns] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] },
    { ...base, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
  ],
};
