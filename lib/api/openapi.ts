import { z } from 'zod';
import { routes, BODY_LIMITS, type RouteName } from '../routes/registry';
import {
  articleListQuerySchema,
  articleListSchema,
  liveUpdateAcceptedSchema,
  liveUpdateReportSchema,
  mediaAnswerSchema,
  mediaFieldsSchema,
  problemSchema,
  publishedArticleSchema,
  submissionAcceptedSchema,
  submissionReportSchema,
  webhookEventSchema,
} from './schemas';
import { submissionDocumentSchema, textParametersSchema } from './submission-input';
import { liveUpdateFromKeySchema } from '../articles/live-schema';

/**
 * The API's OpenAPI 3.1 document (docs/decisions/0034), generated — never written by hand — from
 * the zod schemas that validate requests and type answers (zod's own JSON Schema output, which is
 * OpenAPI 3.1's dialect), and from the route table's paths and guards. Served at
 * /api/v1/openapi.json and published as docs/openapi.json (`npm run schema:article` writes it; a
 * unit test holds the file to this). Pure.
 */

type Json = Record<string, unknown>;

const SCOPES: Partial<Record<RouteName, string>> = Object.fromEntries(
  (
    [
      'apiSubmissions',
      'apiSubmission',
      'apiMedia',
      'apiArticles',
      'apiArticle',
      'apiLiveUpdates',
      'apiLiveUpdate',
    ] as const
  ).map((name) => [name, routes[name].guard.key]),
);

/** `/api/v1/submissions/:id` → `/api/v1/submissions/{id}`. */
const pathOf = (name: RouteName) => routes[name].path.replace(/:([a-z]+)/gi, '{$1}');

function components(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  const named: [z.ZodType, string][] = [
    [problemSchema, 'Problem'],
    [submissionAcceptedSchema, 'SubmissionAccepted'],
    [submissionReportSchema, 'SubmissionReport'],
    [publishedArticleSchema, 'PublishedArticle'],
    [articleListSchema, 'ArticleList'],
    [mediaAnswerSchema, 'Media'],
    [webhookEventSchema, 'WebhookEvent'],
    [liveUpdateAcceptedSchema, 'LiveUpdateAccepted'],
    [liveUpdateReportSchema, 'LiveUpdateReport'],
  ];
  for (const [schema, id] of named) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Json>;
  };
  const strip = ({ $schema: _schema, $id: _id, ...rest }: Json) => rest;
  const input = (schema: z.ZodType) => strip(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json);
  return {
    ...Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, strip(schema)])),
    Submission: input(submissionDocumentSchema),
    LiveUpdate: input(liveUpdateFromKeySchema),
    MediaUpload: (() => {
      const fields = input(mediaFieldsSchema) as { properties: Json; required: string[] };
      return {
        type: 'object',
        properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' }, ...fields.properties },
        required: ['file', ...fields.required],
      };
    })(),
  };
}

/** Query parameters from a zod object's properties. */
function queryParameters(schema: z.ZodObject): Json[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(json.properties).map(([name, property]) => ({
    name,
    in: 'query',
    required: json.required?.includes(name) ?? false,
    schema: property,
  }));
}

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ref('Problem') } },
});
const PROBLEMS: Record<number, string> = {
  400: 'Unreadable body or query',
  401: 'No key, or an unknown or revoked one',
  403: 'The key lacks the scope',
  404: 'Not found (or not this key’s)',
  409: 'Conflict: already published, rejected or withdrawn, or sent twice at once',
  413: 'Body too large',
  415: 'Unsupported media type or charset',
  422: 'Invalid: each problem named by pointer, parameter or line',
  429: 'Over the key’s rate limit (see Retry-After)',
  503: 'Busy (see Retry-After)',
};
const problems = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [String(status), problem(PROBLEMS[status]!)]));

function operation(name: RouteName, body: Json): Json {
  const scope = SCOPES[name];
  return {
    ...body,
    ...(scope ? { security: [{ integrationKey: [] }], 'x-kiji-scope': scope } : {}),
  };
}

export function openApiDocument(): Json {
  const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const slugParameter = { name: 'slug', in: 'path', required: true, schema: { type: 'string' } };
  const etag = { ETag: { schema: { type: 'string' }, description: 'Send it back as If-None-Match for 304' } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kiji AI desk API',
      version: 'v1',
      description:
        'Pipelines submit articles and images; editors decide in /admin/review; no key can publish. Keys: `Authorization: Bearer kiji_…` (created at /admin/keys or `npm run api-key:create`). See docs/api.md.',
    },
    servers: [{ url: '/' }],
    paths: {
      [pathOf('apiSubmissions')]: {
        post: operation('apiSubmissions', {
          operationId: 'submitArticle',
          summary: 'Submit an article for review (JSON, plain text or Markdown)',
          description: `Scope submissions:write. At most ${BODY_LIMITS.submission} bytes. Plain text and Markdown take the submission’s own fields as query parameters.`,
          parameters: [
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
            ...queryParameters(textParametersSchema),
          ],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: ref('Submission') },
              'text/plain; charset=utf-8': { schema: { type: 'string' } },
              'text/markdown; charset=utf-8': { schema: { type: 'string' } },
            },
          },
          responses: {
            '202': {
              description: 'Accepted for review',
              headers: { Location: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('SubmissionAccepted') } },
            },
            ...problems(400, 401, 403, 409, 413, 415, 422, 429),
          },
        }),
      },
      [pathOf('apiSubmission')]: {
        get: operation('apiSubmission', {
          operationId: 'getSubmission',
          summary:
            'Where a submission stands: state, editors’ notes, URL once published, editors’ changes, claim check',
          description: 'Scope submissions:read; only the key that sent it may read it.',
          parameters: [idParameter],
          responses: {
            '200': {
              description: 'The submission',
              content: { 'application/json': { schema: ref('SubmissionReport') } },
            },
            ...problems(401, 403, 404, 429),
          },
        }),
      },
      [pathOf('apiMedia')]: {
        post: operation('apiMedia', {
          operationId: 'uploadMedia',
          summary: 'Send an image, with its alt text, caption, credit and how it was made',
          description: `Scope media:write. At most ${BODY_LIMITS.image} bytes.`,
          requestBody: { required: true, content: { 'multipart/form-data': { schema: ref('MediaUpload') } } },
          responses: {
            '201': { description: 'Stored', content: { 'application/json': { schema: ref('Media') } } },
            ...problems(400, 401, 403, 413, 415, 422, 429, 503),
          },
        }),
      },
      [pathOf('apiArticles')]: {
        get: operation('apiArticles', {
          operationId: 'listArticles',
          summary: 'Published articles, newest update first',
          description: 'Scope articles:read, or no key when an admin has made the read API public.',
          parameters: queryParameters(articleListQuerySchema),
          responses: {
            '200': {
              description: 'A page of articles',
              headers: etag,
              content: { 'application/json': { schema: ref('ArticleList') } },
            },
            '304': { description: 'Not modified' },
            ...problems(400, 401, 403, 429),
          },
        }),
      },
      [pathOf('apiArticle')]: {
        get: operation('apiArticle', {
          operationId: 'getArticle',
          summary: 'One published article',
          parameters: [slugParameter],
          responses: {
            '200': {
              description: 'The article',
              headers: etag,
              content: { 'application/json': { schema: ref('PublishedArticle') } },
            },
            '304': { description: 'Not modified' },
            ...problems(401, 403, 404, 429),
          },
        }),
      },
      [pathOf('apiLiveUpdates')]: {
        post: operation('apiLiveUpdates', {
          operationId: 'sendLiveUpdate',
          summary: 'Send a live page an update, held until an editor posts it',
          description: `Scope live:write. JSON, at most ${BODY_LIMITS.small} bytes. Labelled AI-made (ai-generated unless ai-assisted is sent); an image is one this key sent to /api/v1/media. Editors post it or turn it down at the live page's screen: hear which by the live_update.state_changed webhook or at Location.`,
          parameters: [
            slugParameter,
            { name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: ref('LiveUpdate') } } },
          responses: {
            '202': {
              description: 'Held for an editor',
              headers: { Location: { schema: { type: 'string' } } },
              content: { 'application/json': { schema: ref('LiveUpdateAccepted') } },
            },
            ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429),
          },
        }),
      },
      [pathOf('apiLiveUpdate')]: {
        get: operation('apiLiveUpdate', {
          operationId: 'getLiveUpdate',
          summary: 'Where a live update this key sent stands',
          description: 'Scope live:write; only the key that sent it may read it.',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
          responses: {
            '200': { description: 'The update', content: { 'application/json': { schema: ref('LiveUpdateReport') } } },
            ...problems(401, 403, 404, 429),
          },
        }),
      },
      [pathOf('apiOpenApi')]: {
        get: { operationId: 'openApi', summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1' } } },
      },
    },
    webhooks: Object.fromEntries(
      (webhookEventSchema.shape.type.options as readonly string[]).map((type) => [
        type,
        {
          post: {
            summary: `${type}, POSTed to each endpoint that hears it`,
            parameters: [
              { name: 'Kiji-Event-Id', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
              { name: 'Kiji-Event-Type', in: 'header', required: true, schema: { type: 'string', const: type } },
              {
                name: 'Kiji-Signature',
                in: 'header',
                required: true,
                description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the endpoint’s secret>',
                schema: { type: 'string' },
              },
            ],
            requestBody: { content: { 'application/json': { schema: ref('WebhookEvent') } } },
            responses: { '2XX': { description: 'Delivered; anything else is retried with backoff for 24 hours' } },
          },
        },
      ]),
    ),
    components: {
      schemas: components(),
      securitySchemes: {
        integrationKey: { type: 'http', scheme: 'bearer', description: 'An integration key, kiji_…' },
      },
    },
  };
}

export function openApiText(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}
