import { randomBytes } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { API_GATEWAY_INTEGRATION_LIMIT, ROUTE_TIMEOUT } from '../../infra/constructs/Api';
import type { LocalStack } from '../../infra/local/localStack';
import { clientListing, documentClient } from '../../shared/adapters/compositionRoot';
import { clientChangeItems } from '../../shared/adapters/dynamodb/clientChangeTransaction';
import { DynamoClientRepository } from '../../shared/adapters/dynamodb/DynamoClientRepository';
import { physicalTableName } from '../../shared/adapters/dynamodb/tables';
import { SystemClock } from '../../shared/domain/Clock';
import type { Client } from '../../shared/domain/clients/Client';
import { clientSearchTerms, searchPrefixes } from '../../shared/domain/clients/clientSearch';
import { type ClientOperation, clientOperationChange } from '../../shared/domain/clients/decideClientOperation';
import { closeInvitation, inviteNewClient } from '../../shared/domain/clients/invitationChanges';
import { randomIds } from '../../shared/domain/IdGenerator';
import { routes } from '../../shared/routeTable';
import { invokeRoute, jsonBody, routeOf } from '../support/apiGatewayEvent';
import { createPartner } from '../support/clientFixtures';
import { countRequests } from '../support/dynamoProbe';
import { mark, markdownTable } from './markdownTable';
import { median } from './sampling';

/** Bulk sizes (issue 27: 100 and 500 clients). */
const SIZES = [100, 500] as const;
/** Target: at most ⌈N/25⌉ + 6 DynamoDB requests in the confirming request, and at most a third of the function's timeout. */
const CLIENTS_PER_REQUEST = 25;
const FIXED_REQUESTS = 6;
const SHARE_OF_TIMEOUT = 1 / 3;
/** Changes whose search convergence is measured (issue 27: 100), and the target for the slowest locally. */
const CONVERGENCE_CHANGES = 100;
const CONVERGENCE_TARGET_MS = 2000;
/** Clients stored at once while seeding. */
const SEED_PARALLEL = 25;

const WORDS = ['Aleksandra', 'Konstantinovna', 'Rozhdestvenskaya', 'Maximilian', 'Vladislavovich', 'Khristoforov', 'Evangelina', 'Svyatoslavovna'];

/** A three-word name and a long e-mail: the worst case for the search index (most prefixes). */
function longDetails(n: number): { email: string; name: string } {
  const word = (offset: number) => WORDS[(n + offset) % WORDS.length] ?? 'Name';
  const tag = randomBytes(4).toString('hex');
  return {
    name: `${word(0)} ${word(3)} ${word(5)}`,
    email: `${word(0).toLowerCase()}.${word(5).toLowerCase()}.${tag}.accounting-department@very-long-company-name-holding.example.com`,
  };
}

/** Stores `count` clients of the partner in `status` through the real repository and state machine (three-word names, long e-mails). */
async function seed(partnerId: string, status: 'invited' | 'active' | 'blocked', count: number): Promise<Client[]> {
  const repository = new DynamoClientRepository(documentClient());
  const clock = new SystemClock();
  const actor = { kind: 'partner', id: `usr_${partnerId}` } as const;
  const one = async (n: number): Promise<Client> => {
    const context = () => ({ at: clock.now(), actor, auditId: randomIds.next('aud') });
    const invited = inviteNewClient(partnerId, randomIds.next('cli'), { ...longDetails(n), accountId: `acc_${randomBytes(8).toString('hex')}` }, {
      id: randomIds.next('inv'), tokenHash: randomIds.next('hash'), partnerName: 'Bench',
    }, context());
    await repository.save(invited);
    let client = invited.after;
    if (status !== 'invited' && invited.invitation) {
      const accepted = closeInvitation(client, invited.invitation.after, 'accept', { ...context(), actor: { kind: 'invitee', id: client.id } });
      await repository.save(accepted);
      client = accepted.after;
    }
    if (status === 'blocked') {
      const blocked = clientOperationChange('block', client, undefined, context());
      await repository.save(blocked);
      client = blocked.after;
    }
    return client;
  };
  const clients: Client[] = [];
  for (let start = 0; start < count; start += SEED_PARALLEL) {
    clients.push(...(await Promise.all(Array.from({ length: Math.min(SEED_PARALLEL, count - start) }, (_, i) => one(start + i)))));
  }
  return clients;
}

/** Items written by the counted requests, and write units (2 per transactional item of ≤ 1 KB, 1 otherwise). */
function writeTally(client: ReturnType<typeof documentClient>): { items(): number; units(): number; reset(): void; stop(): void } {
  const name = `writeTally-${randomBytes(4).toString('hex')}`;
  let items = 0;
  let units = 0;
  client.middlewareStack.add((next, context) => async (args) => {
    const input = args.input as { TransactItems?: unknown[]; RequestItems?: Record<string, unknown[]>; TableName?: string };
    const command = context.commandName ?? '';
    const standIn = input.TableName === physicalTableName('localEvents');
    if (command === 'TransactWriteItemsCommand') {
      items += input.TransactItems?.length ?? 0;
      units += 2 * (input.TransactItems?.length ?? 0);
    } else if (command === 'BatchWriteItemCommand') {
      const n = Object.entries(input.RequestItems ?? {}).filter(([table]) => table !== physicalTableName('localEvents')).reduce((sum, [, each]) => sum + each.length, 0);
      items += n;
      units += n;
    } else if (['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand'].includes(command) && !standIn) {
      items += 1;
      units += 1;
    }
    return next(args);
  }, { step: 'initialize', name });
  return {
    items: () => items,
    units: () => units,
    reset: () => { items = 0; units = 0; },
    stop: () => client.middlewareStack.remove(name),
  };
}

/**
 * Section 2c: the client write path (issue 27). A confirmed bulk block / unblock / delete of 100
 * and 500 clients through `POST /clients/bulk` (its DynamoDB requests, items and write units, wall
 * time against the bulk function's timeout); what adding a client writes in its transaction, with
 * the search index inside it (before) and following through the change stream (after); and how long
 * a change takes to reach search results locally (the stream poller of `npm start`).
 */
export async function benchWritePath(stack: LocalStack): Promise<string> {
  const partner = await createPartner(documentClient(), 'Bench Write Path LLC');
  const token = await stack.tokens.personToken({ sub: `usr_${partner.partnerId}`, email: partner.email, role: 'partner', partnerId: partner.partnerId });
  const bulk = async (body: unknown): Promise<Record<string, unknown>> => {
    const response = await invokeRoute(routeOf(routes, 'POST', '/clients/bulk'), { ...jsonBody(body), token }, { validate: false });
    if (response.statusCode !== 200) throw new Error(`POST /clients/bulk answered ${response.statusCode}: ${response.body ?? ''}`);
    return JSON.parse(response.body ?? '{}') as Record<string, unknown>;
  };
  const count = countRequests(documentClient(), { standInTables: new Set([physicalTableName('localEvents'), physicalTableName('localDirectory')]) });
  const writes = writeTally(documentClient());
  const timeoutMs = ROUTE_TIMEOUT.toMilliseconds();
  const rows: Array<Array<string | number>> = [];
  const FROM: Record<ClientOperation, 'invited' | 'active' | 'blocked'> = { block: 'active', unblock: 'blocked', delete: 'invited' };
  try {
    for (const operation of ['block', 'unblock', 'delete'] as const) {
      for (const size of SIZES) {
        const clientIds = (await seed(partner.partnerId, FROM[operation], size)).map((client) => client.id);
        const preview = await bulk({ action: operation, clientIds });
        const confirm = (preview.confirmation as { token?: string } | null)?.token ?? '';
        // The stream's consumer runs in this process on the same DynamoDB client: it catches up first and waits while the request is measured.
        await stack.drainStreams();
        await stack.pauseStreams();
        count.reset();
        writes.reset();
        const started = performance.now();
        const result = await bulk({ action: operation, clientIds, confirm });
        const ms = performance.now() - started;
        const counted = { total: count.total(), byCommand: count.byCommand(), items: writes.items(), units: writes.units() };
        stack.resumeStreams();
        const done = (result.summary as { done?: number }).done;
        if (done !== size) throw new Error(`the bulk ${operation} did ${String(done)} of ${size}`);
        const limit = Math.ceil(size / CLIENTS_PER_REQUEST) + FIXED_REQUESTS;
        const commands = Object.entries(counted.byCommand).map(([command, n]) => `${command.replace(/Command$/, '')} ${n}`).join(', ');
        rows.push([
          `${operation} ${size}${operation === 'delete' ? ' (invited: cancels each invitation)' : ''}`,
          counted.total, `≤ ${limit} ${mark(counted.total <= limit)}`, commands, counted.items, counted.units,
          `${(ms / 1000).toFixed(2)} s = ${(ms / timeoutMs).toFixed(2)} ${mark(ms / timeoutMs <= SHARE_OF_TIMEOUT)}`,
        ]);
      }
    }
  } finally {
    count.stop();
    writes.stop();
  }

  // Adding a client: its transaction now, and with the search entries it used to carry (one per indexed prefix).
  const added = inviteNewClient(partner.partnerId, randomIds.next('cli'), { ...longDetails(1), accountId: 'acc_bench' }, {
    id: randomIds.next('inv'), tokenHash: randomIds.next('hash'), partnerName: 'Bench',
  }, { at: new Date(), actor: { kind: 'partner', id: 'usr_bench' }, auditId: randomIds.next('aud') });
  const itemsNow = clientChangeItems(added, { clients: 'c', invitations: 'i', audit: 'a' }).length;
  const itemsBefore = itemsNow + searchPrefixes(clientSearchTerms(added.after)).length;

  // Convergence: a committed change (a new client) until search finds it, the poller running as in `npm start` (after the backlog above).
  await stack.drainStreams();
  const delays: number[] = [];
  const repository = new DynamoClientRepository(documentClient());
  for (let n = 0; n < CONVERGENCE_CHANGES; n += 1) {
    const tag = `zq${randomBytes(5).toString('hex')}`;
    const change = inviteNewClient(partner.partnerId, randomIds.next('cli'), { email: `${tag}@converge.example.com`, name: 'Converge Bench' }, {
      id: randomIds.next('inv'), tokenHash: randomIds.next('hash'), partnerName: 'Bench',
    }, { at: new Date(), actor: { kind: 'partner', id: 'usr_bench' }, auditId: randomIds.next('aud') });
    await repository.save(change);
    const committed = performance.now();
    for (;;) {
      const page = await clientListing().list(partner.partnerId, { search: tag, limit: 5 });
      if (page.items.length > 0) break;
      if (performance.now() - committed > 30_000) throw new Error(`search never found ${tag}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    delays.push(performance.now() - committed);
  }
  const p50 = median(delays);
  const max = Math.max(...delays);

  return [
    markdownTable(
      ['confirmed bulk (POST /clients/bulk)', 'DynamoDB requests', `target ⌈N/${CLIENTS_PER_REQUEST}⌉ + ${FIXED_REQUESTS}`, 'by command',
        'items written', 'write units', `wall time = share of the ${ROUTE_TIMEOUT.toSeconds()} s timeout (≤ 1/3)`],
      rows,
    ),
    '',
    `Clients with three-word names and long e-mails, stored beforehand; the preview is not counted. Write units: 2 per transactional item ` +
      `(each ≤ 1 KB), 1 per other write; the local stand-in of EventBridge is not counted. Route timeout ${ROUTE_TIMEOUT.toSeconds()} s ` +
      `(API Gateway's ceiling: ${API_GATEWAY_INTEGRATION_LIMIT.toSeconds()} s). Load average during the run: ` +
      `${loadavg().map((load) => load.toFixed(1)).join(' / ')} on ${cpus().length} cores (wall times grow with it).`,
    '',
    markdownTable(
      ['adding a client (POST /clients), three-word name, long e-mail, account id', 'items in its transaction', 'write units'],
      [
        ['before: search index entries in the transaction', itemsBefore, 2 * itemsBefore],
        ['after: the index follows through the change stream', `${itemsNow} ${mark(itemsNow <= 6)}`, 2 * itemsNow],
      ],
    ),
    '',
    markdownTable(
      [`search convergence over ${CONVERGENCE_CHANGES} changes (local stream poller)`, 'p50', 'max', `max ≤ ${CONVERGENCE_TARGET_MS / 1000} s`],
      [['committed change → found by search', `${(p50 / 1000).toFixed(2)} s`, `${(max / 1000).toFixed(2)} s`, mark(max <= CONVERGENCE_TARGET_MS)]],
    ),
  ].join('\n');
}
