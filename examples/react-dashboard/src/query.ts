/**
 * What the runs table sends: its filter (built with `Q` from the state select and the accuracy
 * threshold) and its order (the clicked column, ascending or descending).
 *
 * @example
 * ```ts
 * runsFilter({ state: 'finished', minAccuracy: '0.8' }).filter; // { $and: [{ state: { $eq: 'finished' } }, ...] }
 * runsOrder({ column: 'accuracy', ascending: false }); // '-summary_metrics.accuracy'
 * ```
 * @module
 */
import { Q, type Run, type RunFilter } from 'wandb-api';

/**
 * The filter controls of the runs table, as the user typed them.
 *
 * @example
 * ```ts
 * const controls: FilterControls = { state: 'crashed', minAccuracy: '' };
 * ```
 */
export interface FilterControls {
  /** A run state, or `''` for any. */
  state: string;
  /** The lowest `summary.accuracy` to show, as typed; `''` for no threshold. */
  minAccuracy: string;
}

/**
 * The states the state select offers.
 *
 * @example
 * ```ts
 * RUN_STATES.includes('finished'); // true
 * ```
 */
export const RUN_STATES = ['running', 'finished', 'crashed', 'failed'] as const;

/**
 * The server filter of the controls, or what is wrong with them (nothing is sent then).
 *
 * @example
 * ```ts
 * runsFilter({ state: '', minAccuracy: '' }); // { filter: undefined }
 * runsFilter({ state: '', minAccuracy: 'high' }).problem; // 'Min accuracy must be a number, e.g. 0.8'
 * ```
 */
export function runsFilter(controls: FilterControls): { filter?: RunFilter; problem?: string } {
  const parts: RunFilter[] = [];
  if (controls.state !== '') parts.push(Q.state.eq(controls.state));
  const typed = controls.minAccuracy.trim();
  if (typed !== '') {
    const min = Number(typed);
    if (!Number.isFinite(min)) return { problem: 'Min accuracy must be a number, e.g. 0.8' };
    parts.push(Q.summary('accuracy').gte(min));
  }
  if (parts.length === 0) return {};
  return { filter: parts.length === 1 ? parts[0] : Q.and(...parts) };
}

/**
 * A column of the runs table: its header, how it sorts on the server and what a cell shows.
 *
 * @example
 * ```ts
 * RUN_COLUMNS.find((c) => c.id === 'accuracy')?.cell(run); // '0.912'
 * ```
 */
export interface RunColumn {
  /** Stable id (used in `data-testid`s). */
  id: string;
  /** Header text. */
  label: string;
  /** The server order of this column, ascending or descending (built with `Q`). */
  order(ascending: boolean): string;
  /** The cell's text. */
  cell(run: Run): string;
}

/**
 * The columns of the runs table, in order.
 *
 * @example
 * ```ts
 * RUN_COLUMNS.map((c) => c.label); // ['Name', 'State', 'Created', 'lr', 'accuracy', 'loss']
 * ```
 */
export const RUN_COLUMNS: readonly RunColumn[] = [
  {
    id: 'name',
    label: 'Name',
    order: (up) => (up ? Q.displayName.asc() : Q.displayName.desc()),
    cell: (run) => run.name,
  },
  {
    id: 'state',
    label: 'State',
    order: (up) => (up ? Q.state.asc() : Q.state.desc()),
    cell: (run) => run.state,
  },
  {
    id: 'created',
    label: 'Created',
    order: (up) => (up ? Q.createdAt.asc() : Q.createdAt.desc()),
    cell: (run) => run.createdAt?.toISOString().slice(0, 16).replace('T', ' ') ?? '',
  },
  {
    id: 'lr',
    label: 'lr',
    order: (up) => (up ? Q.config('lr').asc() : Q.config('lr').desc()),
    cell: (run) => formatValue(run.config.lr),
  },
  {
    id: 'accuracy',
    label: 'accuracy',
    order: (up) => (up ? Q.summary('accuracy').asc() : Q.summary('accuracy').desc()),
    cell: (run) => formatValue(run.summary.accuracy),
  },
  {
    id: 'loss',
    label: 'loss',
    order: (up) => (up ? Q.summary('loss').asc() : Q.summary('loss').desc()),
    cell: (run) => formatValue(run.summary.loss),
  },
];

/**
 * Which column the table sorts by, and which way.
 *
 * @example
 * ```ts
 * const sort: Sort = { column: 'created', ascending: false };
 * ```
 */
export interface Sort {
  /** A {@link RunColumn} id. */
  column: string;
  /** Smallest first. */
  ascending: boolean;
}

/**
 * The server order of a sort (newest runs first for an unknown column).
 *
 * @example
 * ```ts
 * runsOrder({ column: 'name', ascending: true }); // '+displayName'
 * ```
 */
export function runsOrder(sort: Sort): string {
  const column = RUN_COLUMNS.find((c) => c.id === sort.column);
  return column ? column.order(sort.ascending) : '-created_at';
}

/**
 * The sort after clicking a header: the same column flips, another one starts descending
 * (highest accuracy, newest run first) except the name, which starts A to Z.
 *
 * @example
 * ```ts
 * nextSort({ column: 'accuracy', ascending: false }, 'accuracy'); // { column: 'accuracy', ascending: true }
 * ```
 */
export function nextSort(current: Sort, clicked: string): Sort {
  if (current.column === clicked) return { column: clicked, ascending: !current.ascending };
  return { column: clicked, ascending: clicked === 'name' };
}

/**
 * A config or summary value as a table cell: numbers to at most 4 significant digits, objects as JSON.
 *
 * @example
 * ```ts
 * formatValue(0.912345); // '0.9123'
 * formatValue({ a: 1 }); // '{"a":1}'
 * ```
 */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number')
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
