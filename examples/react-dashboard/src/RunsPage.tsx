import { useRef, useState } from 'react';
import { useRuns } from 'wandb-api/react';
import { ErrorMessage } from './ErrorMessage';
import {
  RUN_COLUMNS,
  RUN_STATES,
  nextSort,
  runsFilter,
  runsOrder,
  type FilterControls,
  type Sort,
} from './query';
import { href } from './route';

/** Runs fetched per page (and per "Load more"). */
const PAGE_SIZE = 25;

/**
 * A project's runs: a state select and an accuracy threshold (a `Q` filter the server applies),
 * a table sorted on the server by the clicked column, the server's count of matching runs and
 * "Load more" while there are more.
 *
 * @example
 * ```tsx
 * <RunsPage entity="alice" project="image-classification" />
 * ```
 */
export function RunsPage({ entity, project }: { entity: string; project: string }) {
  const [controls, setControls] = useState<FilterControls>({ state: '', minAccuracy: '' });
  const [sort, setSort] = useState<Sort>({ column: 'created', ascending: false });
  const checked = runsFilter(controls);
  // While the threshold is not a number, the table keeps the last filter that was.
  const lastGood = useRef(checked.filter);
  if (!checked.problem) lastGood.current = checked.filter;
  const filter = lastGood.current;
  const problem = checked.problem;
  // The options object is new on every render: the hooks compare it by value.
  const runs = useRuns(`${entity}/${project}`, {
    order: runsOrder(sort),
    perPage: PAGE_SIZE,
    ...(filter ? { filters: filter } : {}),
  });
  return (
    <section data-testid="runs-page">
      <nav className="crumbs">
        <a href={href({ page: 'projects' })}>Projects</a> / {entity} / <strong>{project}</strong>
      </nav>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          State
          <select
            data-testid="filter-state"
            value={controls.state}
            onChange={(e) => setControls({ ...controls, state: e.target.value })}
          >
            <option value="">any</option>
            {RUN_STATES.map((state) => (
              <option key={state} value={state}>
                {state}
              </option>
            ))}
          </select>
        </label>
        <label>
          Min accuracy
          <input
            data-testid="filter-min-accuracy"
            inputMode="decimal"
            placeholder="e.g. 0.8"
            value={controls.minAccuracy}
            onChange={(e) => setControls({ ...controls, minAccuracy: e.target.value })}
          />
        </label>
        {problem && (
          <span className="error" data-testid="filter-problem">
            {problem}
          </span>
        )}
        <span className="count" data-testid="runs-total">
          {runs.totalCount === undefined ? '…' : `${runs.totalCount} runs`}
        </span>
      </form>
      {runs.error && <ErrorMessage error={runs.error} />}
      <table className="runs" data-testid="runs-table" aria-busy={runs.loading}>
        <thead>
          <tr>
            {RUN_COLUMNS.map((column) => {
              const active = sort.column === column.id;
              return (
                <th
                  key={column.id}
                  aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
                >
                  <button
                    type="button"
                    data-testid={`sort-${column.id}`}
                    onClick={() => setSort(nextSort(sort, column.id))}
                  >
                    {column.label}
                    {active ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {runs.runs.map((run) => (
            <tr key={run.id} data-testid="run-row" data-run-id={run.id}>
              {RUN_COLUMNS.map((column) => (
                <td key={column.id} data-col={column.id}>
                  {column.id === 'name' ? (
                    <a href={href({ page: 'run', entity, project, run: run.id })}>{column.cell(run)}</a>
                  ) : (
                    column.cell(run)
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {runs.loading && <p className="loading">Loading runs…</p>}
      {!runs.loading && !runs.error && runs.runs.length === 0 && <p>No runs match.</p>}
      {runs.hasMore && (
        <button type="button" data-testid="load-more" disabled={runs.loading} onClick={runs.loadMore}>
          Load more
        </button>
      )}
    </section>
  );
}
