import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { libraryFloorOf, libraryFloorSource } from '../../../test/bench/libraryFloor';

const DOCUMENT_CLIENT = ['@aws-sdk/client-dynamodb', '@aws-sdk/credential-provider-env', '@aws-sdk/lib-dynamodb'];

describe('libraryFloorOf', () => {
  it('stands for the three DynamoDB packages with one DocumentClient use', () => {
    expect(libraryFloorOf([...DOCUMENT_CLIENT, 'zod'])).toEqual({ uses: ['dynamodb', 'zod'], middy: false, name: 'floor: DocumentClient + zod/mini' });
  });

  it('lists the uses in one order whatever the order of the libraries', () => {
    const route = ['jose', '@middy/core', 'zod', ...DOCUMENT_CLIENT, '@aws-lambda-powertools/logger'];
    expect(libraryFloorOf(route)).toEqual(libraryFloorOf([...route].reverse()));
    expect(libraryFloorOf(route).name).toBe('floor: middy + DocumentClient + zod/mini + jose + Logger');
  });

  it('loads the logger on failure behind middy (routes) and at load without it (jobs)', () => {
    expect(libraryFloorOf(['@middy/core', '@aws-lambda-powertools/logger']).uses).toEqual(['logger']);
    expect(libraryFloorOf(['@aws-lambda-powertools/logger']).uses).toEqual(['loggerAtLoad']);
  });

  it('stands for Powertools Metrics with its own use, after the logger (jobs)', () => {
    expect(libraryFloorOf(['@aws-lambda-powertools/metrics', '@aws-lambda-powertools/logger', ...DOCUMENT_CLIENT])).toEqual({
      uses: ['dynamodb', 'loggerAtLoad', 'metrics'],
      middy: false,
      name: 'floor: DocumentClient + Logger + Metrics',
    });
  });

  it('refuses a library no floor use stands for, naming it', () => {
    expect(() => libraryFloorOf(['zod', 'left-pad'])).toThrow(/left-pad/);
  });

  it('refuses idempotency without middy, whose middleware it is', () => {
    expect(() => libraryFloorOf(['@aws-lambda-powertools/idempotency', ...DOCUMENT_CLIENT])).toThrow(/middy/);
  });
});

describe('libraryFloorSource', () => {
  it('imports the handler and each use from the floors folder and passes the uses in order', () => {
    const floor = libraryFloorOf(['@middy/core', ...DOCUMENT_CLIENT, '@aws-sdk/client-ses']);
    expect(libraryFloorSource(floor, '/floors')).toBe(
      [
        'import { floorHandler } from "/floors/middyHandler";',
        'import { floorUse as dynamodb } from "/floors/dynamodb";',
        'import { floorUse as ses } from "/floors/ses";',
        'export const handler = floorHandler([dynamodb, ses]);',
        '',
      ].join('\n'),
    );
  });

  it('imports only modules that exist under test/bench/floors', () => {
    const everything = ['@middy/core', ...DOCUMENT_CLIENT, 'zod', 'jose', '@aws-lambda-powertools/logger', '@aws-lambda-powertools/idempotency',
      '@aws-sdk/client-ses', '@aws-sdk/client-cognito-identity-provider', '@aws-sdk/client-eventbridge', '@date-fns/tz'];
    const floorsDir = path.join(__dirname, '../../bench/floors');
    const sources = [libraryFloorSource(libraryFloorOf(everything), floorsDir), libraryFloorSource(libraryFloorOf(everything.slice(1).filter((pkg) => !pkg.includes('idempotency'))), floorsDir)];
    const modules = sources.flatMap((source) => [...source.matchAll(/from "([^"]+)"/g)].map(([, module]) => module ?? ''));
    expect(new Set(modules).size).toBe(12);
    expect(modules.filter((module) => !existsSync(`${module}.ts`))).toEqual([]);
  });

  it('uses the plain handler when the function has no middy', () => {
    expect(libraryFloorSource(libraryFloorOf(DOCUMENT_CLIENT), '/floors')).toContain('from "/floors/plainHandler"');
  });
});
