/**
 * GET /products/{id} of the peer: one GetItem, answered 200, 400, 404 or 500 by hand, behind middy
 * with the X-Ray handler segment, metrics flushed with a cold-start metric, and the Lambda context
 * in every log entry.
 */
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger';
import { logMetrics, MetricUnits } from '@aws-lambda-powertools/metrics';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer';
import { logger, metrics, tracer } from './observability';
import { ProductStore } from './ProductStore';

const store = new ProductStore();

const json = (statusCode: number, body: unknown): APIGatewayProxyResult => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

const getProduct = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  logger.appendKeys({ resource_path: event.requestContext.resourcePath });
  const id = event.pathParameters?.id;
  if (id === undefined) {
    logger.warn("Missing 'id' parameter in path", { details: { eventPathParameters: event.pathParameters } });
    return json(400, { message: "Missing 'id' parameter in path" });
  }
  try {
    const product = await store.getProduct(id);
    if (!product) {
      logger.warn(`No product with ID ${id}`);
      return json(404, { message: 'Product not found' });
    }
    logger.info(`Product retrieved with ID ${id}`, { details: { product } });
    metrics.addMetric('productRetrieved', MetricUnits.Count, 1);
    metrics.addMetadata('productId', id);
    return json(200, product);
  } catch (error) {
    logger.error('Unexpected error while retrieving a product', error as Error);
    return json(500, error);
  }
};

export const handler = middy(getProduct)
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .use(injectLambdaContext(logger, { clearState: true }));
