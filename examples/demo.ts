/**
 * `npm run demo`: walks the public API over real HTTP. By default it starts the W&B emulator with
 * its demo data (no network, no account); with WANDB_BASE_URL and WANDB_API_KEY set it talks to
 * that server instead (e.g. one started by `npm run emulator`, or W&B itself).
 */
import { startEmulator, type Emulator } from '../src/emulator/index.js';
import { Api } from '../src/index.js';

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
} finally {
  await emu?.close();
}
