import { reportedFault } from '@nlai/errors';
import { injectTraceHeaders } from '@nlai/subgraph-kit';

/** What this subgraph needs to know of a lab before registering people in it. */
export interface LabReference {
  id: string;
  status: string;
  startYear: number | null;
}

/** Options of {@link ResearchInnovationClient}. */
export interface ResearchInnovationClientOptions {
  /** GraphQL endpoint of the gateway, which asks the Research & Innovation subgraph. */
  url: string;
  /** Give up after this many ms. */
  timeoutMs: number;
}

const referencesQuery = /* GraphQL */ `
  query References($labId: ID!, $organisationId: ID!, $withLab: Boolean!, $withOrganisation: Boolean!) {
    lab(id: $labId) @include(if: $withLab) { id status startYear }
    organisation(id: $organisationId) @include(if: $withOrganisation) { id kind }
  }
`;

/**
 * Checks references into the Research & Innovation subgraph before a write,
 * through the graph's public API at the gateway (never that subgraph's
 * database, and without holding its secret). Labs and organisations are
 * public, so no token is forwarded.
 */
export class ResearchInnovationClient {
  constructor(private readonly options: ResearchInnovationClientOptions) {}

  /** Looks up the lab and/or organisation given; null for one that does not exist. */
  async lookup(references: {
    labId?: string;
    organisationId?: string;
  }): Promise<{ lab: LabReference | null; organisation: { id: string; kind: string } | null }> {
    // The cause travels as the error's originalError: the error log writes it with the request id.
    const unavailable = (cause: unknown) =>
      reportedFault(
        'UPSTREAM_UNAVAILABLE',
        'The Research & Innovation data could not be reached to check the reference. Nothing was written; retry later.',
        cause,
      );
    let body: { data?: { lab?: LabReference | null; organisation?: { id: string; kind: string } | null }; errors?: unknown[] };
    try {
      const response = await fetch(this.options.url, {
        method: 'POST',
        // The trace of the write goes on through the gateway; the client name sorts these checks apart in its metrics.
        headers: injectTraceHeaders({ 'content-type': 'application/json', 'apollographql-client-name': 'human-capital' }),
        body: JSON.stringify({
          query: referencesQuery,
          variables: {
            labId: references.labId ?? '',
            organisationId: references.organisationId ?? '',
            withLab: references.labId !== undefined,
            withOrganisation: references.organisationId !== undefined,
          },
        }),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (!response.ok) throw new Error(`the gateway at ${this.options.url} answered ${response.status}`);
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw unavailable(error);
    }
    if (!body.data || body.errors?.length)
      throw unavailable(new Error(`the gateway at ${this.options.url} answered with errors: ${JSON.stringify(body.errors ?? 'no data')}`));
    return { lab: body.data.lab ?? null, organisation: body.data.organisation ?? null };
  }
}
