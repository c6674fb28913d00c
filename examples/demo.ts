/**
 * `npm run demo`: starts the W&B emulator with its demo data and walks the public API over real
 * HTTP. No network, no W&B account. Point the same code at real W&B by dropping the emulator and
 * setting WANDB_API_KEY.
 */
import { startEmulator } from '../src/emulator/index.js';
import { Api } from '../src/index.js';

const emu = await startEmulator({ seed: 'demo', viewer: { username: 'demo-user' } });
try {
  const api = new Api({ baseUrl: emu.url, apiKey: emu.apiKey });

  const me = await api.viewer();
  console.log(
    `Viewer: ${me.username} <${me.email ?? 'no email'}>, entity ${me.entity}, teams: ${me.teams.join(', ') || '-'}`,
  );

  console.log('\nProjects:');
  const projects = await api.projects().toArray();
  for (const p of projects) {
    console.log(
      `  ${p.entity}/${p.name.padEnd(24)} ${String(await p.runs({ lazy: true }).totalCount()).padStart(4)} runs  ${p.url}`,
    );
  }

  const project = projects[0];
  if (!project) throw new Error('the demo seed has no projects');
  const runs = project.runs({
    filters: { $and: [{ state: 'finished' }, { 'config.optimizer': 'adam' }] },
    order: '-summary_metrics.accuracy',
    perPage: 10,
  });
  const total = await runs.totalCount();
  const best = await runs.toArray({ limit: 10 });
  console.log(
    `\nBest finished runs with optimizer=adam in ${project.entity}/${project.name} (${best.length} of ${total} matching):`,
  );
  for (const run of best) {
    const acc = Number(run.summary.accuracy).toFixed(4);
    const { lr, batch_size, epochs, architecture } = run.config;
    console.log(
      `  ${run.id}  ${run.name.padEnd(22)} accuracy=${acc}  lr=${String(lr)} batch_size=${String(batch_size)} epochs=${String(epochs)} arch=${String(architecture)}`,
    );
  }
} finally {
  await emu.close();
}
