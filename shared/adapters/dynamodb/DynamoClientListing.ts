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
import { CLIENT_INDEXES, clientKey, clientSearchPartition, partnerStatusKey } from './clientKeys';
import { decodeCursor, encodeCursor, pageOfOneMore } from './cursor';
import { clientPointer, DynamoClientQueries } from './DynamoClientQueries';

/** Attributes of a client item that make up a listing cursor, besides the index partition. */
const CURSOR_ATTRIBUTES = ['pk', 'sk', 'listKey'] as const;

/** Attributes of a search index entry that make up a search cursor. */
const SEARCH_CURSOR_ATTRIBUTES = ['pk', 'sk'] as const;

/**
 * A partner's clients as `GET /clients` lists them, on DynamoDB: pages of the partner's listing
 * indexes, or of the search index. Only the list route bundles it (with its cursors and batched
 * reads); the other client routes and jobs use `DynamoClientQueries` or `DynamoClientRepository`.
 */
export class DynamoClientListing extends DynamoClientQueries implements ClientListing {
  /**
   * Newest first. A status filter picks the `byPartnerStatus` index; a search reads the search
   * index instead (`search`). One query page per request, never a Scan.
   */
  public async list(partnerId: string, query: ClientListQuery): Promise<Page<Client>> {
    if (query.search !== undefined) return this.search(partnerId, query, normalizeSearch(query.search));
    const partition = query.status
      ? { index: CLIENT_INDEXES.byPartnerStatus, name: 'clientsOfStatus', value: partnerStatusKey(partnerId, query.status) }
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
    const listing = `clients-search|${partition}|${search}|${query.status ?? ''}`;
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
      if (!client || !isAttached(client.status) || (query.status && client.status !== query.status)) return [];
      const terms = clientSearchTerms(client);
      return words.every((word) => matchesSearch(terms, word)) ? [client] : [];
    });
    const nextCursor = await encodeCursor(result.LastEvaluatedKey, listing);
    return { items, ...(nextCursor && { nextCursor }) };
  }
}
