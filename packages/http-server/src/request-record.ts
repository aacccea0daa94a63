import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext, HeaderMap } from '@apollo/server';
import { clientCodeOf, publicCodeOf } from '@nlai/errors';
import { getOperationAST } from 'graphql';

/**
 * What is known of one request to the GraphQL path, filled in as it goes
 * (the HTTP layer, then Apollo through {@link useRequestRecord}) and handed
 * to every {@link RequestObserver} when the answer has gone out.
 */
export interface RequestRecord {
  requestId: string;
  method: string;
  headers: IncomingMessage['headers'];
  /** `apollographql-client-name`, when sane (see {@link clientHeader}). */
  clientName: string | undefined;
  /** `apollographql-client-version`, when sane. */
  clientVersion: string | undefined;
  /** The operation Apollo resolved; null for an anonymous one, undefined when it never got that far. */
  operationName: string | null | undefined;
  /** The error codes the client saw, each once, in order. */
  codes: string[];
  /** Whether any error was ours (a fault), not the client's mistake. */
  fault: boolean;
  /** Each fault with its cause, for the request's log line (at most {@link maxFaults}). */
  faults: Fault[];
  /** A refusal worth a warning (e.g. a request not signed by the gateway), with details for the log. */
  warning: { message: string; details: Record<string, unknown> } | undefined;
  /** performance.now() when the request arrived. */
  startedAt: number;
  /** Set when the answer has gone out. */
  status: number;
  durationMs: number;
}

/**
 * Watches each request to the GraphQL path (never /health, /ready or extra
 * routes), e.g. to trace, count or log it. Plugins of the HTTP layer, as
 * Apollo's plugins are of its execution.
 */
export interface RequestObserver {
  /** Runs the handling of the request, e.g. inside a trace span; must call `handle` once and return its result. */
  around?<T>(record: RequestRecord, handle: () => Promise<T>): Promise<T>;
  /** Called once the answer has gone out, with the record complete. */
  requestDidEnd?(record: RequestRecord): void;
}

/** A fault of a request: what the client was told (a code) and why it happened. */
export interface Fault {
  /** INTERNAL_SERVER_ERROR when masked, else the code reported (SUBGRAPH_UNAVAILABLE, …). */
  code: string;
  /** The innermost cause, with its stack. */
  cause: unknown;
  /** The field that failed, if one did. */
  path?: ReadonlyArray<string | number> | undefined;
}

/** At most this many faults are kept per request: the first ones say what broke. */
const maxFaults = 5;

/** Notes a fault on the record, for its log line. */
export function noteFault(record: RequestRecord, fault: Fault): void {
  record.fault = true;
  noteCode(record, fault.code);
  if (record.faults.length < maxFaults) record.faults.push(fault);
}

/** At most this many codes are kept per request: enough for the log, bounded for a request with a thousand errors. */
const maxCodes = 10;

/** A client header's value when it is short and plain (a name or a version), else undefined: it ends up in logs and metric labels. */
export function clientHeader(headers: IncomingMessage['headers'], name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && /^[\w .:@/+-]{1,64}$/.test(value) ? value : undefined;
}

/** A fresh record for a request that has just arrived. */
export function newRequestRecord(requestId: string, method: string, headers: IncomingMessage['headers']): RequestRecord {
  return {
    requestId,
    method,
    headers,
    clientName: clientHeader(headers, 'apollographql-client-name'),
    clientVersion: clientHeader(headers, 'apollographql-client-version'),
    operationName: undefined,
    codes: [],
    fault: false,
    faults: [],
    warning: undefined,
    startedAt: performance.now(),
    status: 0,
    durationMs: 0,
  };
}

/** Notes an error code on the record, once. */
export function noteCode(record: RequestRecord, code: string): void {
  if (!record.codes.includes(code) && record.codes.length < maxCodes) record.codes.push(code);
}

// Apollo hands its plugins the HTTP request the handler built, so its header map is the key to the record.
const records = new WeakMap<HeaderMap, RequestRecord>();

/** Lets {@link useRequestRecord} find the record of the request Apollo is about to run. */
export function attachRecord(headers: HeaderMap, record: RequestRecord): void {
  records.set(headers, record);
}

/** The record of the request an Apollo plugin is looking at; none for an operation run without HTTP (the gateway's warm-up). */
export function recordOf(http: { headers: HeaderMap } | undefined): RequestRecord | undefined {
  return http ? records.get(http.headers) : undefined;
}

/**
 * Tells the request's record what Apollo learnt: the operation name and the
 * code of every error (a client's mistake or a fault). Add it to the plugins
 * of every server that serveGraphQL serves.
 */
export function useRequestRecord(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart({ request }) {
      const record = recordOf(request.http);
      if (!record) return;
      return {
        async didResolveOperation({ operationName }) {
          record.operationName = operationName;
        },
        async didEncounterErrors({ errors, operationName, document, request }) {
          // Refused before the operation was resolved (e.g. a validation error): the name in the document, or the one the client gave.
          if (record.operationName === undefined)
            record.operationName =
              operationName ??
              (document ? getOperationAST(document, request.operationName)?.name?.value : undefined) ??
              request.operationName;
          for (const error of errors) {
            const clientCode = clientCodeOf(error);
            if (!clientCode) record.fault = true;
            noteCode(record, clientCode ?? publicCodeOf(error) ?? 'INTERNAL_SERVER_ERROR');
          }
        },
      };
    },
  };
}
