/**
 * `npm run demo`: walks the public API over real HTTP. By default it starts the W&B emulator with
 * its demo data (no network, no account); with WANDB_BASE_URL and WANDB_API_KEY set it talks to
 * that server instead (e.g. one started by `npm run emulator`, or W&B itself).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { Api, isArtifactTable, Q } from '../src/node.js';

const external = process.env.WANDB_BASE_URL && process.env.WANDB_API_KEY;
const emu: Emulator | undefined = external
  ? undefined
  : await startEmulator({ seed: 'demo', viewer: { username: 'demo-user' } });
try {
  const api = emu ? new Api({ baseUrl: emu.url, apiKey: emu.apiKey }) : new Api();
  console.log(emu ? `Started the W&B emulator at ${emu.url} (demo data)\n` : `Using ${api.baseUrl}\n`);

  const me = await api.viewer();
  console.log(
    `Viewer: ${me.username} <${me.email ?? 'no email'}>, entity ${me.entity}, teams: ${me.teams.join(', ') || '-'}`,
  );

  console.log('\nProjects:');
  const projects = await api.projects().toArray({ limit: 10 });
  for (const p of projects) {
    const count = await p.runs({ lazy: true }).totalCount();
    console.log(`  ${`${p.entity}/${p.name}`.padEnd(40)} ${String(count).padStart(5)} runs  ${p.url}`);
  }

  const project = projects[0];
  if (!project) throw new Error('the viewer has no projects');
  const filters = { $and: [{ state: 'finished' }, { 'config.optimizer': 'adam' }] };
  const runs = project.runs({
    filters,
    order: '-summary_metrics.accuracy',
    perPage: 10,
    includeSweeps: true,
  });
  const total = await runs.totalCount();
  const best = await runs.toArray({ limit: 10 });
  console.log(`\nFilter: ${JSON.stringify(filters)}, order -summary_metrics.accuracy`);
  console.log(`The ${best.length} best of ${total} matching runs in ${project.entity}/${project.name}:`);
  for (const run of best) {
    const acc = typeof run.summary.accuracy === 'number' ? run.summary.accuracy.toFixed(4) : '-';
    const sweep = run.sweep ? `  (sweep ${run.sweep.name}, ${run.sweep.method})` : '';
    console.log(`  ${run.id}  ${run.name.padEnd(22)} accuracy=${acc}${sweep}`);
    console.log(`            config ${JSON.stringify(run.config)}`);
  }

  const top = best[0];
  if (top) {
    // Every history row, one window of steps per request.
    let rows = 0;
    let min = Infinity;
    let max = -Infinity;
    for await (const row of top.scanHistory({ keys: ['loss'] })) {
      const loss = row.loss as number;
      rows++;
      min = Math.min(min, loss);
      max = Math.max(max, loss);
    }
    console.log(`\nBest run ${top.id}: loss over all ${rows} history rows: min ${min}, max ${max}`);

    const files = await top.files().toArray();
    console.log(`Its ${files.length} files: ${files.map((f) => `${f.name} (${f.size} B)`).join(', ')}`);
    const file = files.find((f) => f.name === 'config.yaml') ?? files[0];
    if (file) {
      const dir = await mkdtemp(join(tmpdir(), 'wandb-api-demo-'));
      try {
        const path = await file.download({ root: dir });
        const head = (await readFile(path, 'utf8')).split('\n').slice(0, 4).join('\n    ');
        console.log(`Downloaded ${file.name} to ${path}:\n    ${head}\n    ...`);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }

  const sweeps = await project.sweeps().toArray({ limit: 1 });
  const sweep = sweeps[0];
  if (sweep) {
    const bestOfSweep = await sweep.bestRun();
    console.log(
      `\nSweep ${sweep.name} (${sweep.method}, ${sweep.runCount ?? '?'} runs), metric ` +
        `${JSON.stringify(sweep.config.metric)}: best run ${bestOfSweep?.id ?? '-'}`,
    );
  }

  const lowLr = project.runs({
    filters: Q.and(Q.config('lr').lte(0.001), Q.state.in(['finished'])),
    order: Q.summary('val_loss').asc(),
  });
  console.log(`Runs with lr <= 0.001 (built with Q): ${await lowLr.totalCount()}`);

  // An artifact: download it (in parallel, MD5-checked), verify the folder, read its W&B Table.
  const dataset = await api.artifact(`${me.entity}/image-classification/cifar10-mini:production`);
  const artifactDir = await mkdtemp(join(tmpdir(), 'wandb-api-demo-artifact-'));
  try {
    const root = await dataset.download({ root: artifactDir, skipCache: true });
    await dataset.verify({ root });
    const manifest = await dataset.manifest();
    console.log(
      `\nArtifact ${dataset.qualifiedName} (${dataset.type}, aliases ${dataset.aliases.join(', ')}): ` +
        `downloaded ${manifest.entries.length} files to ${root}, verified:`,
    );
    for (const entry of manifest.entries)
      console.log(`  ${entry.path.padEnd(28)} ${String(entry.size).padStart(6)} B`);
    const samples = await dataset.get('samples');
    if (isArtifactTable(samples))
      console.log(`Its table "samples": columns ${samples.columns.join(', ')}; ${samples.rows.length} rows`);
  } finally {
    await rm(artifactDir, { recursive: true, force: true });
  }

  console.log('\nReports:');
  for await (const report of api.reports(`${project.entity}/${project.name}`)) {
    console.log(
      `  ${(report.displayName ?? report.name ?? report.id).padEnd(36)} by ${report.user?.username ?? '?'}  ${report.url}`,
    );
  }
} finally {
  await emu?.close();
}
