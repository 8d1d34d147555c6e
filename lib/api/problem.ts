/**
 * RFC 9457 problem documents, as the API answers every refusal: declared in lib/platform (the
 * server's request gate answers with them too, under /api), re-exported here for the API's room.
 */
export * from '../platform/problem-document';
