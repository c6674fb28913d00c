/**
 * `npm run schema:pull -- --url <graphql endpoint> [--api-key <key>] [--out schema.graphql]`:
 * introspects a live W&B server (descriptions and deprecations included) and writes its schema as
 * SDL, with a header saying where and when it was pulled.
 *
 * The key comes from `--api-key` or `WANDB_API_KEY` (prefer the variable: command lines are
 * visible to other users of the machine) and is sent as `Authorization: Basic base64("api:" +
 * key)`. It is never printed, not even inside a server's error message. Comments do not survive
 * introspection: after pulling into `schema.graphql`, re-add the `# newer (<source>)` markers of
 * the items newer than the 2024 reference, then run `npm run codegen`.
 *
 * @example
 * ```sh
 * WANDB_API_KEY=... npm run schema:pull -- --url https://api.wandb.ai/graphql --out /tmp/wandb.graphql
 * ```
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  buildClientSchema,
  getIntrospectionQuery,
  printSchema,
  type IntrospectionOptions,
  type IntrospectionQuery,
} from 'graphql';

const USAGE =
  'Usage: npm run schema:pull -- --url <graphql endpoint> [--api-key <key>] [--out schema.graphql]';

/** Everything introspection can tell (graphql-js 16), then what every server answers. */
const INTROSPECTION_LEVELS: readonly IntrospectionOptions[] = [
  {
    descriptions: true,
    specifiedByUrl: true,
    directiveIsRepeatable: true,
    schemaDescription: true,
    inputValueDeprecation: true,
  },
  { descriptions: true },
];

/**
 * Options of {@link pullSchema}.
 *
 * @example
 * ```ts
 * const options: PullOptions = { url: 'https://api.wandb.ai/graphql', apiKey: process.env.WANDB_API_KEY };
 * ```
 */
export interface PullOptions {
  /** The GraphQL endpoint, e.g. `https://api.wandb.ai/graphql`. */
  url: string;
  /** The API key; none sends no `Authorization` header. */
  apiKey?: string | undefined;
  /** The `fetch` to use. Default the global one. */
  fetch?: typeof fetch;
  /** The date the header gives. Default now. */
  now?: Date;
}

/**
 * A failure of {@link pullSchema}; its message never contains the API key.
 *
 * @example
 * ```ts
 * try { await pullSchema({ url }); } catch (e) { if (e instanceof SchemaPullError) console.error(e.message); }
 * ```
 */
export class SchemaPullError extends Error {
  override name = 'SchemaPullError';
}

/** Removes the key, and its Basic form, from a text. */
function redact(text: string, apiKey: string | undefined): string {
  if (!apiKey) return text;
  const basic = Buffer.from(`api:${apiKey}`, 'utf8').toString('base64');
  return text.split(apiKey).join('[REDACTED]').split(basic).join('[REDACTED]');
}

/**
 * The header of a pulled schema: where and when it was introspected.
 *
 * @example
 * ```ts
 * schemaHeader('https://api.wandb.ai/graphql', new Date('2026-12-01T00:00:00Z'));
 * // '# The W&B server schema, introspected from https://api.wandb.ai/graphql on 2026-12-01 ...'
 * ```
 */
export function schemaHeader(url: string, date: Date): string {
  return [
    `# The W&B server schema, introspected from ${url} on ${date.toISOString().slice(0, 10)}`,
    '# by `npm run schema:pull` (descriptions and deprecations included; comments do not survive',
    '# introspection: re-add the `# newer (<source>)` markers before committing it as schema.graphql).',
    '',
  ].join('\n');
}

async function introspect(
  options: PullOptions,
  level: IntrospectionOptions,
): Promise<{ data?: IntrospectionQuery; errors: string[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (options.apiKey) {
    headers.authorization = `Basic ${Buffer.from(`api:${options.apiKey}`, 'utf8').toString('base64')}`;
  }
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(options.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: getIntrospectionQuery(level), operationName: 'IntrospectionQuery' }),
    });
  } catch (error) {
    throw new SchemaPullError(`Could not reach ${options.url}: ${(error as Error).message}`);
  }
  const text = await response.text();
  if (response.status === 401 || response.status === 403) {
    throw new SchemaPullError(
      `${options.url} answered HTTP ${response.status}: give a valid key with --api-key or WANDB_API_KEY`,
    );
  }
  if (!response.ok) {
    throw new SchemaPullError(`${options.url} answered HTTP ${response.status}: ${text.slice(0, 300)}`);
  }
  let body: { data?: IntrospectionQuery; errors?: { message?: unknown }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new SchemaPullError(`${options.url} did not answer JSON: ${text.slice(0, 300)}`);
  }
  return { data: body.data, errors: (body.errors ?? []).map((e) => String(e.message)) };
}

/**
 * Introspects the server at `options.url` and returns its schema as SDL, with the
 * {@link schemaHeader}. Servers that do not know the newer introspection fields (argument
 * deprecations, `specifiedByURL`, repeatable directives) are asked again without them.
 *
 * @throws SchemaPullError when the server cannot be reached, refuses the key, or answers no schema.
 * @example
 * ```ts
 * const sdl = await pullSchema({ url: `${emu.url}/graphql`, apiKey: emu.apiKey });
 * ```
 */
export async function pullSchema(options: PullOptions): Promise<string> {
  try {
    let lastErrors: string[] = [];
    for (const level of INTROSPECTION_LEVELS) {
      const { data, errors } = await introspect(options, level);
      if (data && errors.length === 0) {
        const sdl = printSchema(buildClientSchema(data));
        return `${schemaHeader(options.url, options.now ?? new Date())}\n${sdl}\n`;
      }
      lastErrors = errors;
    }
    throw new SchemaPullError(`${options.url} answered no schema: ${lastErrors.join('; ') || 'no data'}`);
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error), options.apiKey);
    throw new SchemaPullError(message);
  }
}

/** Formats SDL with the Prettier configuration that applies to `file`, when Prettier is installed. */
async function format(sdl: string, file: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(file)) ?? {};
    return await prettier.format(sdl, { ...config, parser: 'graphql' });
  } catch {
    return sdl;
  }
}

/**
 * The command: reads the options, pulls, writes `--out` (default `schema.graphql`). Resolves with
 * the exit status.
 *
 * @example
 * ```ts
 * process.exitCode = await main(['--url', 'http://127.0.0.1:8080/graphql', '--out', '/tmp/s.graphql']);
 * ```
 */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values: { url?: string; 'api-key'?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        'api-key': { type: 'string' },
        out: { type: 'string', default: 'schema.graphql' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.url) {
    console.error(`--url is required\n${USAGE}`);
    return 2;
  }
  const apiKey = values['api-key'] ?? env.WANDB_API_KEY;
  const out = resolve(values.out ?? 'schema.graphql');
  try {
    const sdl = await format(await pullSchema({ url: values.url, apiKey: apiKey || undefined }), out);
    await writeFile(out, sdl, 'utf8');
    console.log(`Wrote the schema of ${values.url} to ${out}${apiKey ? '' : ' (no API key given)'}`);
    return 0;
  } catch (error) {
    console.error(redact(error instanceof Error ? error.message : String(error), apiKey));
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exitCode = 1;
    },
  );
}
