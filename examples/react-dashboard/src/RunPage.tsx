import type { Run } from 'wandb-api';
import { useFiles, useRun } from 'wandb-api/react';
import { ErrorMessage } from './ErrorMessage';
import { MetricChart } from './MetricChart';
import { formatValue } from './query';
import { href } from './route';

/** How often a running run, and its curves, are refreshed. */
const POLL_MS = 10_000;

/**
 * One run: its state (refreshed while it runs), loss and accuracy curves, config, summary and
 * files with download links.
 *
 * @example
 * ```tsx
 * <RunPage entity="alice" project="image-classification" run="a1b2c3d4" />
 * ```
 */
export function RunPage({ entity, project, run: runId }: { entity: string; project: string; run: string }) {
  const run = useRun(`${entity}/${project}/${runId}`, { pollMs: POLL_MS });
  return (
    <section data-testid="run-page">
      <nav className="crumbs">
        <a href={href({ page: 'projects' })}>Projects</a> / {entity} /{' '}
        <a href={href({ page: 'project', entity, project })}>{project}</a> / <strong>{runId}</strong>
      </nav>
      {run.error && <ErrorMessage error={run.error} />}
      {!run.data && run.loading && <p className="loading">Loading run…</p>}
      {run.data && <RunDetails run={run.data} />}
    </section>
  );
}

function RunDetails({ run }: { run: Run }) {
  const running = run.state === 'running';
  return (
    <>
      <h1 data-testid="run-name">
        {run.name} <span className={`state state-${run.state}`}>{run.state}</span>
      </h1>
      <p className="muted">
        {run.id}
        {run.createdAt && ` · created ${run.createdAt.toISOString().slice(0, 16).replace('T', ' ')}`}
        {run.user && ` · by ${run.user.username ?? run.user.name}`}
      </p>
      <div className="charts">
        <MetricChart
          run={run}
          title="Loss"
          keys={['loss', 'val_loss']}
          {...(running ? { pollMs: POLL_MS } : {})}
        />
        <MetricChart
          run={run}
          title="Accuracy"
          keys={['accuracy', 'val_accuracy']}
          {...(running ? { pollMs: POLL_MS } : {})}
        />
      </div>
      <div className="columns">
        <KeyValues title="Config" testId="run-config" values={run.config} />
        <KeyValues title="Summary" testId="run-summary" values={run.summary} />
      </div>
      <Files run={run} />
    </>
  );
}

/** Keys starting with `_` are W&B's own (`_wandb`, `_runtime`, `_step`, ...): not shown. */
function KeyValues({ title, testId, values }: { title: string; testId: string; values: object }) {
  const entries = Object.entries(values)
    .filter(([key]) => !key.startsWith('_'))
    .sort(([a], [b]) => a.localeCompare(b));
  return (
    <section className="keyvalues">
      <h2>{title}</h2>
      <table data-testid={testId}>
        <tbody>
          {entries.map(([key, value]) => (
            <tr key={key}>
              <th>{key}</th>
              <td>{formatValue(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && <p className="muted">None.</p>}
    </section>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The run's files; each link is the file's signed URL (no API key needed, valid for a while). */
function Files({ run }: { run: Run }) {
  const files = useFiles(run);
  return (
    <section className="files">
      <h2>Files {files.totalCount !== undefined && <span className="muted">({files.totalCount})</span>}</h2>
      {files.error && <ErrorMessage error={files.error} />}
      <ul data-testid="run-files">
        {files.items.map((file) => (
          <li key={file.name}>
            <a
              data-testid="file-link"
              href={file.directUrl}
              download={file.name}
              target="_blank"
              rel="noreferrer"
            >
              {file.name}
            </a>{' '}
            <span className="muted">{formatBytes(file.size)}</span>
          </li>
        ))}
      </ul>
      {files.loading && <p className="loading">Loading files…</p>}
      {files.hasMore && (
        <button type="button" disabled={files.loading} onClick={files.loadMore}>
          Load more
        </button>
      )}
    </section>
  );
}
