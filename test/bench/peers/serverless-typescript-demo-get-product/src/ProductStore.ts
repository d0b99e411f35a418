/**
 * The peer's DynamoDB store: a DocumentClient over a DynamoDB client wrapped by the X-Ray SDK, every
 * method traced as a subsegment. All four methods are here, as in the peer, because a class is
 * bundled whole whichever method a function calls.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { captureAWSv3Client } from 'aws-xray-sdk-core';
import type { Product } from './Product';
import { tracer } from './observability';

const tableName = process.env.TABLE_NAME;
const documents = DynamoDBDocumentClient.from(captureAWSv3Client(new DynamoDBClient({})));

export class ProductStore {
  @tracer.captureMethod()
  public async getProduct(id: string): Promise<Product | undefined> {
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: { id } }));
    return Item as Product | undefined;
  }

  @tracer.captureMethod()
  public async putProduct(product: Product): Promise<void> {
    await documents.send(new PutCommand({ TableName: tableName, Item: { id: product.id, name: product.name, price: product.price } }));
  }

  @tracer.captureMethod()
  public async deleteProduct(id: string): Promise<void> {
    await documents.send(new DeleteCommand({ TableName: tableName, Key: { id } }));
  }

  @tracer.captureMethod()
  public async getProducts(): Promise<Product[] | undefined> {
    const { Items } = await documents.send(new ScanCommand({ TableName: tableName, Limit: 20 }));
    return Items as Product[] | undefined;
  }
}
