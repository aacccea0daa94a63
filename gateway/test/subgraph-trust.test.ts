import { randomBytes } from 'node:crypto';
import { signGatewayRequest, signToken } from '@nlai/auth';
import { graphql, slowClient, startGraph, testDialects, type TestGraph } from '@nlai/testing';

// Fresh secrets per run: any secret written in the repository is refused at boot.
const secrets = {
  AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
  RESEARCH_INNOVATION_SUBGRAPH_SECRET: randomBytes(32).toString('hex'),
  HUMAN_CAPITAL_SUBGRAPH_SECRET: randomBytes(32).toString('hex'),
};
const tokenFor = (subject: string) =>
  signToken({
    secret: secrets.AUTH_JWT_SECRET,
    subject,
    scopes: ['talent:read', 'human-capital:write', 'research-innovation:write'],
    expiresInSeconds: 600,
  });
const writer = tokenFor('writer-one');
const anotherWriter = tokenFor('writer-two');
const talentRegister = 'mutation($input: TalentRegisterInput!) { talentRegister(input: $input) { talent { id } userErrors { code } } }';

describe.each(testDialects())('the signed link between gateway and subgraph (%s)', (dialect) => {
  let graph: TestGraph;
  beforeAll(async () => {
    graph = await startGraph({
      dialect,
      env: {
        NODE_ENV: 'production',
        SEED_SAMPLE_DATA: 'true',
        HTTP_REQUEST_TIMEOUT_MS: '2000',
        HTTP_HEADERS_TIMEOUT_MS: '1000',
        ...secrets,
      },
      proxied: true,
    });
  });
  afterAll(() => graph?.stop());

  const people = async () =>
    (await graphql<{ talents: { totalCount: number } }>(graph.gateway.url, '{ talents(first: 1) { totalCount } }', { token: writer })).data!
      .talents.totalCount;

  it('refuses a captured talentRegister replayed straight to the subgraph', async () => {
    const before = await people();
    const proxy = graph.proxies!.humanCapital;
    const registered = await graphql<{ talentRegister: { talent: { id: string }; userErrors: unknown[] } }>(
      graph.gateway.url,
      talentRegister,
      {
        token: writer,
        variables: { input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2022 } },
      },
    );
    expect(registered.data!.talentRegister.userErrors).toEqual([]);
    const captured = proxy.captured.find((request) => request.body.includes('talentRegister'))!;
    expect(captured.headers['x-nlai-gateway-signature']).toBeDefined();

    const replay = (headers: Record<string, string>) =>
      fetch(graph.humanCapital.url, {
        method: 'POST',
        headers: { ...headers, host: new URL(graph.humanCapital.url).host },
        body: captured.body,
      });
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) statuses.push((await replay(captured.headers)).status);
    expect(statuses).toEqual([401, 401, 401]);
    expect(await people()).toBe(before + 1);
  });

  it('refuses a fresh signature made for one caller’s token when another caller’s token is sent with it', async () => {
    const before = await people();
    const body = JSON.stringify({
      query: talentRegister,
      variables: { input: { labId: 'quva-lab', stage: 'PHD_CANDIDATE', origin: 'DOMESTIC', startYear: 2023 } },
    });
    // Signed here with the known secret and a fresh nonce each time: only the Authorization header can make the difference.
    const send = (authorization: string) =>
      fetch(graph.humanCapital.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization,
          'x-nlai-gateway-signature': signGatewayRequest(secrets.HUMAN_CAPITAL_SUBGRAPH_SECRET, {
            subgraph: 'human-capital',
            body,
            authorization: `Bearer ${writer}`,
          }),
        },
        body,
      });
    expect((await send(`Bearer ${anotherWriter}`)).status).toBe(401);
    expect(await people()).toBe(before);
    const control = await send(`Bearer ${writer}`);
    expect(control.status).toBe(200);
    expect(((await control.json()) as { data: { talentRegister: { userErrors: unknown[] } } }).data.talentRegister.userErrors).toEqual([]);
    expect(await people()).toBe(before + 1);
  });

  it('signs every subgraph request with its own nonce, also identical reads sent together', async () => {
    const proxy = graph.proxies!.researchInnovation;
    const from = proxy.captured.length;
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => graphql(graph.gateway.url, '{ labs(first: 2) { totalCount } }', { token: writer })),
    );
    for (const answer of answers) expect(answer.errors).toBeUndefined();
    for (let round = 0; round < 3; round += 1)
      expect((await graphql(graph.gateway.url, '{ labs(first: 2) { totalCount } }', { token: writer })).errors).toBeUndefined();
    const nonces = proxy.captured
      .slice(from)
      .map((request) => /n=([0-9a-f]+)/.exec(request.headers['x-nlai-gateway-signature'] ?? '')?.[1]);
    expect(nonces.length).toBeGreaterThanOrEqual(4);
    expect(nonces.every(Boolean)).toBe(true);
    expect(new Set(nonces).size).toBe(nonces.length);
  });

  it('cuts a client that trickles its request in, on the gateway and on each subgraph', async () => {
    const body = JSON.stringify({ query: '{ __typename }' }).padEnd(100, ' ');
    for (const url of [graph.gateway.url, graph.researchInnovation.url, graph.humanCapital.url]) {
      const { bytesSent, answer } = await slowClient(
        url,
        `POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`,
        body,
      );
      expect(bytesSent).toBeLessThan(body.length);
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    }
  });
});
