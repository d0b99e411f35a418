import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Client, isAttached } from '../../domain/clients/Client';
import {
  clientSearchTerms,
  keyWordOf,
  matchesSearch,
  MAX_INDEXED_PREFIX,
  normalizeSearch,
  searchPartitionPrefix,
  searchWords,
} from '../../domain/clients/clientSearch';
import type { ClientListing, ClientListQuery } from '../../ports/ClientRepository';
import type { Page } from '../../ports/Page';
import { batchGetAll } from './batchCalls';
import { toClient } from './clientItems';
import { CLIENT_INDEXES, clientKey, clientSearchPartition, partnerAssigneeKey, partnerStatusKey } from './clientKeys';
import { decodeCursor, encodeCursor, pageOfOneMore } from './cursor';
import { clientPointer, DynamoClientQueries } from './DynamoClientQueries';

/** Attributes of a client item that make up a listing cursor, besides the index partition. */
const CURSOR_ATTRIBUTES = ['pk', 'sk', 'listKey'] as const;

/** Attributes of a search index entry that make up a search cursor. */
const SEARCH_CURSOR_ATTRIBUTES = ['pk', 'sk'] as const;

/** The status filter of a query as it binds a cursor: the statuses in a fixed order. */
function statusFilter(query: ClientListQuery): string {
  return [...(query.statuses ?? [])].sort().join(',');
}

/** True when the query asks for no status or for the client's. */
function inStatuses(client: Client, query: ClientListQuery): boolean {
  return !query.statuses || query.statuses.some((status) => status === client.status);
}

/**
 * A partner's clients as `GET /clients` lists them, on DynamoDB: pages of the partner's listing
 * indexes, or of the search index. Only the list route bundles it (with its cursors and batched
 * reads); the other client routes and jobs use `DynamoClientQueries` or `DynamoClientRepository`.
 */
export class DynamoClientListing extends DynamoClientQueries implements ClientListing {
  /**
   * Newest first. One status picks its partition of the `byPartnerStatus` index, none the
   * `byPartner` index; several are merged (`ofStatuses`); a search reads the search index instead
   * (`search`). One query page per status asked, never a Scan.
   */
  public async list(partnerId: string, query: ClientListQuery): Promise<Page<Client>> {
    if (query.assignee !== undefined) return this.assigned(partnerId, query.assignee, query);
    if (query.search !== undefined) return this.search(partnerId, query, normalizeSearch(query.search));
    const statuses = query.statuses ?? [];
    if (statuses.length > 1) return this.ofStatuses(partnerId, statuses, query);
    const partition = statuses[0]
      ? { index: CLIENT_INDEXES.byPartnerStatus, name: 'clientsOfStatus', value: partnerStatusKey(partnerId, statuses[0]) }
      : { index: CLIENT_INDEXES.byPartner, name: 'clientsOf', value: partnerId };
    // A cursor must come from this partner's listing with the same filter: nothing else may be read.
    const listing = `clients|${partition.name}=${partition.value}`;
    const startKey = await decodeCursor(query.cursor, [...CURSOR_ATTRIBUTES, partition.name], listing);
    const result = await this.client.send(new QueryCommand({
      TableName: this.tables.clients,
      IndexName: partition.index,
      KeyConditionExpression: '#partition = :partition',
      ExpressionAttributeNames: { '#partition': partition.name },
      ExpressionAttributeValues: { ':partition': partition.value },
      ScanIndexForward: false,
      // One more than needed: if it comes back there is a next page, whose cursor is the last item shown.
      Limit: query.limit + 1,
      ExclusiveStartKey: startKey,
    }));
    const { shown, nextCursor } = await pageOfOneMore(result.Items ?? [], query.limit, [...CURSOR_ATTRIBUTES, partition.name], listing);
    return { items: shown.map(toClient), ...(nextCursor && { nextCursor }) };
  }

  /**
   * Clients in any of several statuses, newest first: one query of each status's partition of the
   * `byPartnerStatus` index (at most 6), all below the cursor's `listKey` (the last client shown),
   * each for one more than a page, merged by `listKey`. Every partition sorts by the same unique
   * `listKey`, so the page is exactly the newest `limit` of the union, and a client that changes
   * status between pages is never shown twice nor skipped for that reason.
   */
  private async ofStatuses(partnerId: string, statuses: readonly string[], query: ClientListQuery): Promise<Page<Client>> {
    const listing = `clients|statuses=${partnerId}#${[...statuses].sort().join(',')}`;
    const below = (await decodeCursor(query.cursor, ['listKey'], listing))?.listKey;
    const pages = await Promise.all(statuses.map((status) => this.client.send(new QueryCommand({
      TableName: this.tables.clients,
      IndexName: CLIENT_INDEXES.byPartnerStatus,
      KeyConditionExpression: below === undefined ? 'clientsOfStatus = :partition' : 'clientsOfStatus = :partition AND listKey < :below',
      ExpressionAttributeValues: { ':partition': partnerStatusKey(partnerId, status), ...(below !== undefined && { ':below': below }) },
      ScanIndexForward: false,
      Limit: query.limit + 1,
    }))));
    const merged = pages.flatMap((page) => page.Items ?? []).sort((a, b) => String(b.listKey).localeCompare(String(a.listKey)));
    const { shown, nextCursor } = await pageOfOneMore(merged, query.limit, ['listKey'], listing);
    return { items: shown.map(toClient), ...(nextCursor && { nextCursor }) };
  }

  /**
   * A sales member's clients: a page of the `byAssignee` index, newest first. The status filter and
   * the search words apply to the page read (a member's assigned clients are few), so a page may
   * hold fewer than `limit` clients; `nextCursor` goes on from where the index stopped.
   */
  private async assigned(partnerId: string, memberId: string, query: ClientListQuery): Promise<Page<Client>> {
    const partition = partnerAssigneeKey(partnerId, memberId);
    const words = query.search === undefined ? [] : searchWords(normalizeSearch(query.search));
    // A cursor must come from this member's listing with the same filter and search: nothing else may be read.
    const listing = `clients-assigned|${partition}|${statusFilter(query)}|${words.join(' ')}`;
    const cursorAttributes = [...CURSOR_ATTRIBUTES, 'clientsOfAssignee'];
    const result = await this.client.send(new QueryCommand({
      TableName: this.tables.clients,
      IndexName: CLIENT_INDEXES.byAssignee,
      KeyConditionExpression: 'clientsOfAssignee = :partition',
      ExpressionAttributeValues: { ':partition': partition },
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: await decodeCursor(query.cursor, cursorAttributes, listing),
    }));
    const items = (result.Items ?? []).map(toClient).filter((client) => {
      if (!inStatuses(client, query)) return false;
      const terms = clientSearchTerms(client);
      return words.every((word) => matchesSearch(terms, word));
    });
    const nextCursor = await encodeCursor(result.LastEvaluatedKey, listing);
    return { items, ...(nextCursor && { nextCursor }) };
  }

  /**
   * A search by the start of the e-mail, of a word of the name or of the account id: one query of
   * the search index partition of the search's longest word (its first `MAX_INDEXED_PREFIX`
   * characters; a longer word is matched on the stored terms), newest first, then one batched read
   * of the clients found, whose status and current terms decide (a status filter, the other words
   * of the search). Two reads whatever the partner's size; a page may hold fewer than `limit`
   * clients when the status filter drops some, and `nextCursor` goes on from where the index stopped.
   */
  private async search(partnerId: string, query: ClientListQuery, search: string): Promise<Page<Client>> {
    const words = searchWords(search);
    const keyWord = keyWordOf(words);
    const partition = clientSearchPartition(partnerId, searchPartitionPrefix(keyWord));
    // A cursor must come from this partner's search with the same words and status filter: nothing else may be read.
    const listing = `clients-search|${partition}|${search}|${statusFilter(query)}`;
    const startKey = await decodeCursor(query.cursor, SEARCH_CURSOR_ATTRIBUTES, listing);
    const longer = [...keyWord].length > MAX_INDEXED_PREFIX;
    const result = await this.client.send(new QueryCommand({
      TableName: this.tables.clients,
      KeyConditionExpression: 'pk = :partition',
      ...(longer && { FilterExpression: 'contains(terms, :term)' }),
      ExpressionAttributeValues: { ':partition': partition, ...(longer && { ':term': ` ${keyWord}` }) },
      ScanIndexForward: false,
      Limit: query.limit,
      ExclusiveStartKey: startKey,
    }));
    const ids = (result.Items ?? []).map((item) => clientPointer.parse(item).clientId);
    const found = new Map((await batchGetAll(this.client, this.tables.clients, ids.map((id) => clientKey(partnerId, id)))).map(toClient)
      .map((client) => [client.id, client]));
    const items = ids.flatMap((id) => {
      const client = found.get(id);
      if (!client || !isAttached(client.status) || !inStatuses(client, query)) return [];
      const terms = clientSearchTerms(client);
      return words.every((word) => matchesSearch(terms, word)) ? [client] : [];
    });
    const nextCursor = await encodeCursor(result.LastEvaluatedKey, listing);
    return { items, ...(nextCursor && { nextCursor }) };
  }
}
