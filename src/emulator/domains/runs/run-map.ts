/**
 * The store's runs by integer id (`store.runs`), indexed by project: a `Map` whose `set`,
 * `delete` and `clear` also keep each project's runs in insertion order and by short id, so
 * finding a run or listing a project's runs never scans every run of the emulator (seeding
 * 100,000 runs stays linear). A run's `projectId` and `name` never change once stored.
 *
 * @example
 * ```ts
 * import { RunMap } from './run-map.js';
 * const runs = new RunMap();
 * runs.set(run.id, run);
 * runs.find(run.projectId, run.name) === run; // true
 * ```
 * @module
 */
import type { RunRecord } from './records.js';

interface ProjectRuns {
  /** In insertion order. */
  list: RunRecord[];
  byName: Map<string, RunRecord>;
  /** Counts the changes of `list`. */
  version: number;
}

/**
 * Runs by integer id, with a per-project index (see the module description).
 *
 * @example
 * ```ts
 * store.runs.ofProject(project.id).length; // how many runs the project has
 * ```
 */
export class RunMap extends Map<number, RunRecord> {
  #projects = new Map<number, ProjectRuns>();

  /** Stores a run (replacing the one of the same id) and indexes it. */
  override set(id: number, run: RunRecord): this {
    const previous = super.get(id);
    super.set(id, run);
    if (previous) this.#unindex(previous, run);
    else this.#index(run);
    return this;
  }

  /** Removes a run and its index entries. */
  override delete(id: number): boolean {
    const previous = super.get(id);
    const deleted = super.delete(id);
    if (previous) this.#unindex(previous);
    return deleted;
  }

  /** Removes every run. */
  override clear(): void {
    super.clear();
    this.#projects.clear();
  }

  #index(run: RunRecord): void {
    let project = this.#projects.get(run.projectId);
    if (!project) {
      project = { list: [], byName: new Map(), version: 0 };
      this.#projects.set(run.projectId, project);
    }
    project.list.push(run);
    project.byName.set(run.name, run);
    project.version++;
  }

  /** Drops `run` from the index, or puts `replacement` in its place. */
  #unindex(run: RunRecord, replacement?: RunRecord): void {
    const project = this.#projects.get(run.projectId);
    if (!project) return;
    const at = project.list.indexOf(run);
    project.version++;
    if (project.byName.get(run.name) === run) project.byName.delete(run.name);
    if (replacement && replacement.projectId === run.projectId) {
      if (at >= 0) project.list[at] = replacement;
      else project.list.push(replacement);
      project.byName.set(replacement.name, replacement);
      return;
    }
    if (at >= 0) project.list.splice(at, 1);
    if (replacement) this.#index(replacement);
  }

  /**
   * The runs of a project in insertion order (a live, read-only view: copy it before changing
   * the store while iterating).
   *
   * @example
   * ```ts
   * store.runs.ofProject(project.id).map((r) => r.name);
   * ```
   */
  ofProject(projectId: number): readonly RunRecord[] {
    return this.#projects.get(projectId)?.list ?? [];
  }

  /**
   * A number that changes whenever a run of the project is added, replaced or removed: what a
   * cache of a project's listing checks.
   *
   * @example
   * ```ts
   * const before = store.runs.versionOf(project.id);
   * store.seedRun({ project: 'vision' });
   * store.runs.versionOf(project.id) !== before; // true
   * ```
   */
  versionOf(projectId: number): number {
    return this.#projects.get(projectId)?.version ?? 0;
  }

  /**
   * The run `name` of a project, if any.
   *
   * @example
   * ```ts
   * store.runs.find(project.id, 'abc12345')?.state; // 'finished'
   * ```
   */
  find(projectId: number, name: string): RunRecord | undefined {
    return this.#projects.get(projectId)?.byName.get(name);
  }
}
