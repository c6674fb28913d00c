// Raw GraphQL over HTTP for the emulator's own tests (they test the server, so they send
// hand-written and deliberately malformed documents).
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate, type GraphQLSchema } from 'graphql';
import { expect } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';

export const KEY = 'test-key-0123456789abcdef0123456789abcdef';

/**
 * An emulator (key `KEY`) whose viewer alice (Alice A, admin, of team `vision`) has the feature
 * overrides `ARTIFACT_TAGS` off and `MY_FEATURE` on, seeded with alice's projects p1 (description
 * "first"), p2 and p3 and the team's team-project, created in that order. The caller closes it.
 */
export async function startWithProjects(): Promise<Emulator> {
  const emu = await startEmulator({
    apiKey: KEY,
    viewer: {
      username: 'alice',
      email: 'alice@example.org',
      name: 'Alice A',
      admin: true,
      teams: ['vision'],
    },
    features: { ARTIFACT_TAGS: false, MY_FEATURE: true },
  });
  emu.seed.project({ name: 'p1', description: 'first' });
  emu.seed.project({ entity: 'alice', name: 'p2' });
  emu.seed.project({ entity: 'alice', name: 'p3' });
  emu.seed.project({ entity: 'vision', name: 'team-project' });
  return emu;
}

/**
 * An emulator (key `KEY`) whose viewer alice has a photoUrl, seeded with alice's project p and its
 * runs r1 (display name "Alpha"), r2 and r3 (by carol, a user with no photoUrl). The caller closes it.
 */
export async function startWithRuns(): Promise<Emulator> {
  const emu = await startEmulator({
    apiKey: KEY,
    viewer: { username: 'alice', photoUrl: 'https://example.com/alice.png' },
  });
  emu.seed.run({ entity: 'alice', project: 'p', id: 'r1', displayName: 'Alpha' });
  emu.seed.run({ entity: 'alice', project: 'p', id: 'r2' });
  emu.seed.run({ entity: 'alice', project: 'p', id: 'r3', user: 'carol' });
  return emu;
}

export interface GqlResponse {
  status: number;
  headers: Headers;
  text: string;
  json: { data?: Record<string, unknown> | null; errors?: { message: string }[] };
}

export interface GqlOptions {
  auth?: string | null;
  /** Sent as given: omitted when `undefined`, else `null` or the string (`""` included). */
  operationName?: string | null;
  headers?: Record<string, string>;
}

export function basic(key: string): string {
  return `Basic ${Buffer.from(`api:${key}`).toString('base64')}`;
}

export async function gql(
  emu: Emulator,
  query: string,
  variables?: Record<string, unknown>,
  options: GqlOptions = {},
): Promise<GqlResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const auth = options.auth === undefined ? basic(emu.apiKey) : options.auth;
  if (auth !== null) headers.authorization = auth;
  const res = await fetch(`${emu.url}/graphql`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables, operationName: options.operationName }),
  });
  const text = await res.text();
  let json: GqlResponse['json'] = {};
  try {
    json = JSON.parse(text) as GqlResponse['json'];
  } catch {
    // left empty: some tests send malformed bodies on purpose
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** `data` of a successful answer; fails the test on errors. */
export async function data<T = Record<string, unknown>>(
  emu: Emulator,
  query: string,
  variables?: Record<string, unknown>,
): Promise<T> {
  const res = await gql(emu, query, variables);
  expect(res.status).toBe(200);
  expect(res.json.errors).toBeUndefined();
  return res.json.data as T;
}

export const RUNS_QUERY = `query Runs($entity: String!, $project: String!, $filters: JSONString, $order: String, $cursor: String, $perPage: Int) {
  project(name: $project, entityName: $entity) {
    runCount(filters: $filters)
    runs(filters: $filters, order: $order, after: $cursor, first: $perPage) {
      totalCount
      edges { cursor node { name } }
      pageInfo { endCursor hasNextPage }
    }
  }
}`;

export interface RunsPage {
  project: {
    runCount: number;
    runs: {
      totalCount: number;
      edges: { cursor: string; node: { name: string } }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  };
}

/** The messages of an answer that must have errors (HTTP 200), joined with `; `. */
export async function errorMessages(
  emu: Emulator,
  query: string,
  variables: Record<string, unknown>,
): Promise<string> {
  const res = await gql(emu, query, variables);
  expect(res.status).toBe(200);
  expect(res.json.errors?.length).toBeGreaterThan(0);
  return res.json.errors?.map((e) => e.message).join('; ') ?? '';
}

// --- Documents shaped like the official Python client's (test/e2e/emulator/official/) ---

let schemaSdl: GraphQLSchema | undefined;

/** `schema.graphql` built without resolvers: what the documents must validate against. */
export function repositorySchema(): GraphQLSchema {
  schemaSdl ??= buildSchema(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'));
  return schemaSdl;
}

/** Fails the test when `query` does not parse or does not validate against `schema.graphql`. */
export function expectValid(query: string): void {
  const errors = validate(repositorySchema(), parse(query)).map((e) => e.message);
  expect(errors).toEqual([]);
}

export interface OfficialOptions {
  /**
   * The body's `operationName`. Default `""`: the official client posts its raw documents through
   * genqlient with an empty operation name; its Go-generated operations send their real names.
   */
  operationName?: string;
}

/**
 * Sends a document the way the official client does (validated against `schema.graphql` first;
 * `variables` as given: `undefined` leaves the key out of the body, as genqlient does for a
 * document without variables) and returns its `data`, failing the test on any error: the
 * official client fails a call on any `errors` entry.
 */
export async function official<T = Record<string, unknown>>(
  emu: Emulator,
  query: string,
  variables?: Record<string, unknown>,
  options: OfficialOptions = {},
): Promise<T> {
  expectValid(query);
  const res = await gql(emu, query, variables, { operationName: options.operationName ?? '' });
  expect(res.json.errors).toBeUndefined();
  expect(res.status).toBe(200);
  return res.json.data as T;
}
