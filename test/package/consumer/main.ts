/**
 * A user's program, compiled by test/package/package.test.ts in temporary projects where the
 * packed tarball is installed (ESM and CJS, `moduleResolution` node16 and bundler, `skipLibCheck`
 * false), then run: it talks to the emulator over HTTP and prints what it saw as JSON. Its types
 * are part of the test: a `@ts-expect-error` that does not fire, or a cast it would need, fails
 * the compile. Not compiled by the repo's tsconfig (`wandb-api` here is the built package).
 */
import {
  Api,
  AuthenticationError,
  BetaReport,
  ConflictError,
  File,
  GraphQLRequestError,
  NetworkError,
  NotFoundError,
  Paginated,
  PermissionError,
  Project,
  RateLimitError,
  Run,
  RunNotLoadedError,
  Runs,
  ServerError,
  Sweep,
  TimeoutError,
  UnsupportedError,
  User,
  ValidationError,
  WandbError,
  type HistoryRowOf,
} from 'wandb-api';
import {
  RunsPageDocument,
  ViewerDocument,
  urqlClient,
  type ResultOf,
  type ViewerQuery,
} from 'wandb-api/graphql';
import { startEmulator, type Emulator } from 'wandb-api/emulator';

type Config = { lr: number; optimizer: 'adam' | 'sgd' };
type Summary = { loss: number };

const classes = {
  Api,
  Run,
  Runs,
  Project,
  Sweep,
  BetaReport,
  File,
  User,
  Paginated,
  WandbError,
  ValidationError,
  AuthenticationError,
  PermissionError,
  NotFoundError,
  ConflictError,
  RateLimitError,
  TimeoutError,
  NetworkError,
  ServerError,
  GraphQLRequestError,
  UnsupportedError,
  RunNotLoadedError,
};

async function main(): Promise<void> {
  const emu: Emulator = await startEmulator({ seed: 'empty', viewer: { username: 'pkg-user' } });
  try {
    emu.seed.run({
      project: 'p',
      id: 'run1',
      config: { lr: 0.1, optimizer: 'adam' },
      summary: { loss: 0.5 },
      history: [
        { _step: 0, loss: 1, acc: 0.25 },
        { _step: 1, loss: 0.5, acc: 0.75 },
      ],
      files: { 'notes.txt': 'hello' },
    });
    const sweep = emu.seed.sweep({ project: 'p', config: { method: 'grid' } });
    emu.seed.report({ project: 'p', displayName: 'Weekly' });
    const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });

    // wandb-api/graphql: typed documents through api.request, api.client() and urqlClient(api).
    const viewer: ViewerQuery = await api.request(ViewerDocument, {});
    const page: ResultOf<typeof RunsPageDocument> = await api.request(RunsPageDocument, {
      entity: 'pkg-user',
      project: 'p',
      heavy: false,
    });
    const viaClient = await (await api.client()).query(ViewerDocument, {}).toPromise();
    if (urqlClient(api) !== (await api.client())) throw new Error('urqlClient(api) is not api.client()');

    // Typed config, summary and history rows: no casts.
    const runs = api.runs<Config, Summary>('pkg-user/p');
    const [listed] = await runs.toArray();
    const run = await api.run<Config, Summary>('pkg-user/p/run1');
    const lr: number = run.config.lr;
    const optimizer: 'adam' | 'sgd' = run.config.optimizer;
    const loss: number = run.summary.loss;
    // @ts-expect-error -- not a key of Config
    void run.config.momentum;
    const rows = await run.history({ keys: ['loss', 'acc'] });
    const row: HistoryRowOf<'loss' | 'acc'> | undefined = rows[0];
    const steps: number[] = rows.map((r) => r._step);
    const losses: (number | null)[] = rows.map((r) => r.loss);
    // @ts-expect-error -- a key that was not asked for
    void rows[0]?.val_loss;
    // @ts-expect-error -- a value may be null (NaN sent as JSON null)
    const notNull: number = rows[0]!.acc;
    void notNull;
    const columns = await run.history({ keys: ['loss'], format: 'columns' });
    const lossColumn: (number | null)[] = columns.loss;
    const scanned: number[] = [];
    for await (const r of run.scanHistory({ keys: ['acc'] })) if (r.acc !== null) scanned.push(r.acc);

    const instances: Record<string, string> = {
      user: (await api.viewer()).constructor.name,
      project: (await api.project('p', 'pkg-user')).constructor.name,
      runs: runs.constructor.name,
      run: run.constructor.name,
      sweep: (await api.fromPath(`pkg-user/p/sweeps/${sweep.id}`)).constructor.name,
      files: run.files().constructor.name,
      file: (await run.file('notes.txt')).constructor.name,
      report: (await api.reports('pkg-user/p').toArray())[0]?.constructor.name ?? 'none',
    };
    try {
      await api.run('pkg-user/p/missing');
    } catch (error) {
      instances.notFound = error instanceof NotFoundError ? error.constructor.name : String(error);
    }

    console.log(
      JSON.stringify({
        viewer: viewer.viewer?.username,
        viaClient: viaClient.data?.viewer?.username,
        runCount: page.project?.runCount,
        listed: listed?.config.optimizer,
        lr,
        optimizer,
        loss,
        row,
        steps,
        losses,
        lossColumn,
        stepColumn: columns._step,
        scanned,
        text: await (await run.file('notes.txt')).text(),
        classes: Object.fromEntries(Object.entries(classes).map(([key, value]) => [key, value.name])),
        instances,
      }),
    );
  } finally {
    await emu.close();
  }
}

// A failure is an unhandled rejection: Node prints it and exits with code 1.
void main();
