import type { ServerResponse } from 'node:http';

/** Answers with a JSON body and its length. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** A GraphQL-shaped error body for a request refused before GraphQL ran. */
export function requestErrorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}
