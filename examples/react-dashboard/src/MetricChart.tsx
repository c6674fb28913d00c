import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { Run } from 'wandb-api';
import { useHistory } from 'wandb-api/react';
import { ErrorMessage } from './ErrorMessage';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];

/**
 * A run's curves of some history keys over `_step`, drawn by recharts (SVG). Only the keys the
 * run has logged are asked for (a history query with `keys` answers the rows that have all of them).
 *
 * @example
 * ```tsx
 * <MetricChart run={run} title="Loss" keys={['loss', 'val_loss']} pollMs={10_000} />
 * ```
 */
export function MetricChart({
  run,
  title,
  keys,
  pollMs,
}: {
  run: Run;
  title: string;
  keys: readonly string[];
  pollMs?: number;
}) {
  const logged = keys.filter((key) => key in run.historyKeys.keys);
  const testId = `chart-${title.toLowerCase()}`;
  if (logged.length === 0) {
    return (
      <figure className="chart" data-testid={testId}>
        <figcaption>{title}</figcaption>
        <p className="muted">This run logged no {keys.join(' or ')}.</p>
      </figure>
    );
  }
  return <Curves run={run} title={title} keys={logged} testId={testId} pollMs={pollMs} />;
}

function Curves({
  run,
  title,
  keys,
  testId,
  pollMs,
}: {
  run: Run;
  title: string;
  keys: string[];
  testId: string;
  pollMs: number | undefined;
}) {
  const history = useHistory(run, { keys, samples: 500, ...(pollMs ? { pollMs } : {}) });
  const rows = history.data ?? [];
  return (
    <figure className="chart" data-testid={testId} data-points={rows.length}>
      <figcaption>{title}</figcaption>
      {history.error && <ErrorMessage error={history.error} />}
      {history.loading && rows.length === 0 && <p className="loading">Loading history…</p>}
      {rows.length > 0 && (
        <LineChart width={520} height={260} data={rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="_step" type="number" domain={['dataMin', 'dataMax']} />
          <YAxis domain={['auto', 'auto']} width={56} />
          <Tooltip />
          <Legend />
          {keys.map((key, i) => (
            <Line
              key={key}
              type="monotone"
              dataKey={key}
              stroke={COLORS[i % COLORS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </figure>
  );
}
