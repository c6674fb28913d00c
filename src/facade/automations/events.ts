/**
 * The events that trigger automations (`/work/notes/registries-protocol.md` §7.4–§7.5): run
 * events ({@link OnRunMetric}, {@link OnRunState}) and artifact events ({@link OnCreateArtifact},
 * {@link OnLinkArtifact}, {@link OnAddArtifactAlias}, the tag events, ...). Each checks its
 * scope and filter when built, and `event.then(action)` makes the {@link NewAutomation} that
 * `api.createAutomation` sends. Pure: no request is made here.
 *
 * @example
 * ```ts
 * const event = OnRunMetric({
 *   scope: project,
 *   filter: RunEvent.metric('loss').mean(5).gt(0.5).and(RunEvent.name.contains('baseline')),
 * });
 * const automation = event.then(DoNothing());
 * ```
 * @module
 */
import { ValidationError } from '../../errors/index.js';
import { describeValue, isPlainObject, requirePlainObject } from '../core/validate.js';
import { isAutomationAction, type AutomationAction } from './actions.js';
import {
  encodeMutationFilter,
  encodeRunMetricFilter,
  encodeRunStateFilter,
  EventFilter,
  MetricChange,
  MetricThreshold,
  MetricZScore,
  RunMetricFilter,
  RunStateFilter,
  StateCondition,
  type ArtifactEventFilter,
  type MetricCondition,
} from './filters.js';
import {
  toScope,
  type ArtifactEventScope,
  type AutomationScope,
  type CollectionEventScope,
  type RunEventScope,
} from './scopes.js';

/**
 * The wire types of artifact (mutation) events new automations can use.
 *
 * @example
 * ```ts
 * const t: ArtifactEventType = 'LINK_MODEL'; // OnLinkArtifact
 * ```
 */
export type ArtifactEventType =
  | 'CREATE_ARTIFACT'
  | 'LINK_MODEL'
  | 'UNLINK_ARTIFACT'
  | 'ADD_ARTIFACT_ALIAS'
  | 'ADD_ARTIFACT_TAG'
  | 'REMOVE_ARTIFACT_TAG'
  | 'ADD_COLLECTION_TAG'
  | 'REMOVE_COLLECTION_TAG';

/**
 * The wire types of run metric events: threshold, change and z-score.
 *
 * @example
 * ```ts
 * const t: RunMetricEventType = 'RUN_METRIC_CHANGE';
 * ```
 */
export type RunMetricEventType = 'RUN_METRIC' | 'RUN_METRIC_CHANGE' | 'RUN_METRIC_ZSCORE';

/**
 * Options of {@link AutomationEventBase.then}: the name and the rest can also be given to
 * `api.createAutomation`.
 *
 * @example
 * ```ts
 * const o: NewAutomationOptions = { name: 'loss alert', description: 'pages the on-call', enabled: true };
 * ```
 */
export interface NewAutomationOptions {
  /** The automation's name (at most 255 characters); required by the time it is created. */
  name?: string;
  /** A description; default none. */
  description?: string;
  /** Whether it runs; default `true`. */
  enabled?: boolean;
}

/**
 * An automation not saved yet: an event, an action, and optionally a name, description and
 * `enabled`. Make one with `event.then(action)`; send it with `api.createAutomation`.
 *
 * @example
 * ```ts
 * const draft = OnAddArtifactAlias({ scope: collection, filter: ArtifactEvent.alias.eq('prod') }).then(DoNothing());
 * const saved = await api.createAutomation(draft, { name: 'prod alias' });
 * ```
 */
export class NewAutomation {
  /** The event. */
  readonly event: AutomationEvent;
  /** The action. */
  readonly action: AutomationAction;
  /** The name, if given. */
  readonly name: string | undefined;
  /** The description, if given. */
  readonly description: string | undefined;
  /** Whether it runs, if given (default `true` on create). */
  readonly enabled: boolean | undefined;

  /** @internal Made by `event.then(action)`. */
  constructor(event: AutomationEvent, action: AutomationAction, options: NewAutomationOptions = {}) {
    if (!isAutomationAction(action)) {
      throw new ValidationError(
        'action',
        `expected SendNotification, SendWebhook or DoNothing, got ${describeValue(action)}`,
      );
    }
    requirePlainObject(options, 'options', 'expected { name, description, enabled }');
    this.event = event;
    this.action = action;
    this.name = options.name;
    this.description = options.description;
    this.enabled = options.enabled;
  }
}

/**
 * What every event has: its wire type, its scope, and `then(action)`.
 *
 * @example
 * ```ts
 * console.log(event.eventType, event.scope.kind);
 * ```
 */
export abstract class AutomationEventBase<T extends string> {
  /** The wire event type (`triggeringEventType`). */
  readonly eventType: T;
  /** Where the event is watched. */
  readonly scope: AutomationScope;

  /** @internal */
  constructor(eventType: T, scope: AutomationScope) {
    this.eventType = eventType;
    this.scope = scope;
  }

  /**
   * The automation in which this event triggers `action`.
   *
   * @example
   * ```ts
   * const draft = event.then(SendNotification.fromIntegration(slack, { title: 'Alert' }), { name: 'alert' });
   * ```
   */
  then(action: AutomationAction, options: NewAutomationOptions = {}): NewAutomation {
    return new NewAutomation(this as unknown as AutomationEvent, action, options);
  }

  /** @internal The `eventFilter` JSON string. */
  abstract encodeFilter(): string;
}

/**
 * An artifact event: a version created, linked, unlinked, aliased or tagged, a collection tagged.
 *
 * @example
 * ```ts
 * const e = OnLinkArtifact({ scope: collection, filter: ArtifactEvent.alias.eq('prod') });
 * console.log(e.eventType); // 'LINK_MODEL'
 * ```
 */
export class ArtifactMutationEvent<
  T extends ArtifactEventType = ArtifactEventType,
> extends AutomationEventBase<T> {
  /** The extra conditions, or `undefined`. */
  readonly filter: ArtifactEventFilter | undefined;

  /** @internal Made by {@link OnLinkArtifact} and the other artifact event functions. */
  constructor(eventType: T, scope: AutomationScope, filter: ArtifactEventFilter | undefined) {
    super(eventType, scope);
    this.filter = filter;
  }

  /** @internal */
  encodeFilter(): string {
    return encodeMutationFilter(this.filter);
  }
}

/**
 * A run metric event: a threshold (`RUN_METRIC`), change (`RUN_METRIC_CHANGE`) or z-score
 * (`RUN_METRIC_ZSCORE`) condition, the type following from the condition.
 *
 * @example
 * ```ts
 * const e = OnRunMetric({ scope: project, filter: RunEvent.metric('loss').gt(1) });
 * console.log(e.eventType, e.filter.metric); // 'RUN_METRIC' MetricThreshold {...}
 * ```
 */
export class RunMetricEvent extends AutomationEventBase<RunMetricEventType> {
  /** The metric condition and the runs it applies to. */
  readonly filter: RunMetricFilter;

  /** @internal Made by {@link OnRunMetric}. */
  constructor(scope: AutomationScope, filter: RunMetricFilter) {
    super(metricEventType(filter.metric), scope);
    this.filter = filter;
  }

  /** @internal */
  encodeFilter(): string {
    return encodeRunMetricFilter(this.filter);
  }
}

/**
 * A run state event (`RUN_STATE`).
 *
 * @example
 * ```ts
 * const e = OnRunState({ scope: project, filter: RunEvent.state.in(['FAILED']) });
 * console.log(e.filter.state.states); // ['FAILED']
 * ```
 */
export class RunStateEvent extends AutomationEventBase<'RUN_STATE'> {
  /** The states and the runs they apply to. */
  readonly filter: RunStateFilter;

  /** @internal Made by {@link OnRunState}. */
  constructor(scope: AutomationScope, filter: RunStateFilter) {
    super('RUN_STATE', scope);
    this.filter = filter;
  }

  /** @internal */
  encodeFilter(): string {
    return encodeRunStateFilter(this.filter);
  }
}

/**
 * A saved event this client cannot send again (`UPDATE_ARTIFACT_ALIAS`, which new automations
 * may not use; a server-only type such as `WEAVE_METRIC_THRESHOLD`; a filter it cannot read).
 * Its filter is kept as received.
 *
 * @example
 * ```ts
 * if (automation.event instanceof UnsupportedEvent) console.log(automation.event.eventType, automation.event.rawFilter);
 * ```
 */
export class UnsupportedEvent extends AutomationEventBase<string> {
  /** The filter as the server sent it (JSON text). */
  readonly rawFilter: string;

  /** @internal Made when a saved automation is read. */
  constructor(eventType: string, scope: AutomationScope, rawFilter: string) {
    super(eventType, scope);
    this.rawFilter = rawFilter;
  }

  /** @internal */
  encodeFilter(): string {
    throw new ValidationError(
      'event',
      `${this.eventType} events cannot be used in new or updated automations; give a new event`,
    );
  }
}

/**
 * Any event new automations can use.
 *
 * @example
 * ```ts
 * const e: AutomationEvent = OnCreateArtifact({ scope: collection });
 * ```
 */
export type AutomationEvent = ArtifactMutationEvent | RunMetricEvent | RunStateEvent;

function metricEventType(metric: MetricCondition): RunMetricEventType {
  if (metric instanceof MetricChange) return 'RUN_METRIC_CHANGE';
  if (metric instanceof MetricZScore) return 'RUN_METRIC_ZSCORE';
  return 'RUN_METRIC';
}

function eventOptions(options: unknown, what: string): Record<string, unknown> {
  if (!isPlainObject(options)) {
    throw new ValidationError('options', `${what} expects { scope, filter }, got ${describeValue(options)}`);
  }
  return options;
}

function runScope(value: unknown, what: string): AutomationScope {
  const scope = toScope(value);
  if (scope.kind === 'collection') {
    throw new ValidationError(
      'scope',
      `${what} watches runs: its scope must be a project, a registry or a team/organization, not an artifact collection`,
    );
  }
  return scope;
}

function artifactFilter(value: unknown, what: string): ArtifactEventFilter | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof EventFilter && value.domain === 'artifact') return value as ArtifactEventFilter;
  throw new ValidationError(
    'filter',
    `${what} expects an artifact filter (ArtifactEvent.alias / ArtifactEvent.tag), got ${value instanceof EventFilter ? 'a run filter' : describeValue(value)}`,
  );
}

/**
 * Options of the artifact event functions ({@link OnLinkArtifact}, ...).
 *
 * @example
 * ```ts
 * const o: ArtifactEventOptions = { scope: collection, filter: ArtifactEvent.alias.eq('prod') };
 * ```
 */
export interface ArtifactEventOptions<S = ArtifactEventScope> {
  /** Where to watch. */
  scope: S;
  /** Extra conditions on `alias` / `tag`; default none. */
  filter?: ArtifactEventFilter;
}

function artifactEvent<T extends ArtifactEventType>(
  eventType: T,
  what: string,
  options: unknown,
): ArtifactMutationEvent<T> {
  const o = eventOptions(options, what);
  const scope = toScope(o.scope);
  if (eventType === 'CREATE_ARTIFACT' && scope.kind !== 'collection') {
    throw new ValidationError(
      'scope',
      `${what} needs an artifact collection scope, got a ${scope.kind} scope`,
    );
  }
  return new ArtifactMutationEvent(eventType, scope, artifactFilter(o.filter, what));
}

/**
 * A new artifact version is created in a collection (`CREATE_ARTIFACT`; collection scopes only).
 *
 * @example
 * ```ts
 * const collection = await api.artifactCollection('model', 'acme/vision/detector');
 * const event = OnCreateArtifact({ scope: collection });
 * ```
 */
export function OnCreateArtifact(
  options: ArtifactEventOptions<CollectionEventScope>,
): ArtifactMutationEvent<'CREATE_ARTIFACT'> {
  return artifactEvent('CREATE_ARTIFACT', 'OnCreateArtifact', options);
}

/**
 * An artifact version is linked to a collection (`LINK_MODEL`).
 *
 * @example
 * ```ts
 * const event = OnLinkArtifact({ scope: registry, filter: ArtifactEvent.alias.eq('prod') });
 * ```
 */
export function OnLinkArtifact(options: ArtifactEventOptions): ArtifactMutationEvent<'LINK_MODEL'> {
  return artifactEvent('LINK_MODEL', 'OnLinkArtifact', options);
}

/**
 * An artifact version is unlinked from a collection (`UNLINK_ARTIFACT`; servers with
 * `AUTOMATION_EVENT_UNLINK_ARTIFACT`).
 *
 * @example
 * ```ts
 * const event = OnUnlinkArtifact({ scope: collection });
 * ```
 */
export function OnUnlinkArtifact(options: ArtifactEventOptions): ArtifactMutationEvent<'UNLINK_ARTIFACT'> {
  return artifactEvent('UNLINK_ARTIFACT', 'OnUnlinkArtifact', options);
}

/**
 * An alias is added to an artifact version (`ADD_ARTIFACT_ALIAS`).
 *
 * @example
 * ```ts
 * const event = OnAddArtifactAlias({ scope: collection, filter: ArtifactEvent.alias.eq('prod') });
 * ```
 */
export function OnAddArtifactAlias(
  options: ArtifactEventOptions,
): ArtifactMutationEvent<'ADD_ARTIFACT_ALIAS'> {
  return artifactEvent('ADD_ARTIFACT_ALIAS', 'OnAddArtifactAlias', options);
}

/**
 * A tag is added to an artifact version (`ADD_ARTIFACT_TAG`; servers with
 * `AUTOMATION_EVENT_ADD_ARTIFACT_TAG`).
 *
 * @example
 * ```ts
 * const event = OnAddArtifactTag({ scope: collection, filter: ArtifactEvent.tag.eq('prod') });
 * ```
 */
export function OnAddArtifactTag(options: ArtifactEventOptions): ArtifactMutationEvent<'ADD_ARTIFACT_TAG'> {
  return artifactEvent('ADD_ARTIFACT_TAG', 'OnAddArtifactTag', options);
}

/**
 * A tag is removed from an artifact version (`REMOVE_ARTIFACT_TAG`; servers with
 * `AUTOMATION_EVENT_REMOVE_ARTIFACT_TAG`).
 *
 * @example
 * ```ts
 * const event = OnRemoveArtifactTag({ scope: collection, filter: ArtifactEvent.tag.eq('prod') });
 * ```
 */
export function OnRemoveArtifactTag(
  options: ArtifactEventOptions,
): ArtifactMutationEvent<'REMOVE_ARTIFACT_TAG'> {
  return artifactEvent('REMOVE_ARTIFACT_TAG', 'OnRemoveArtifactTag', options);
}

/**
 * A tag is added to an artifact collection (`ADD_COLLECTION_TAG`; servers with
 * `AUTOMATION_EVENT_ADD_COLLECTION_TAG`).
 *
 * @example
 * ```ts
 * const event = OnAddCollectionTag({ scope: project, filter: ArtifactEvent.tag.eq('gold') });
 * ```
 */
export function OnAddCollectionTag(
  options: ArtifactEventOptions,
): ArtifactMutationEvent<'ADD_COLLECTION_TAG'> {
  return artifactEvent('ADD_COLLECTION_TAG', 'OnAddCollectionTag', options);
}

/**
 * A tag is removed from an artifact collection (`REMOVE_COLLECTION_TAG`; servers with
 * `AUTOMATION_EVENT_REMOVE_COLLECTION_TAG`).
 *
 * @example
 * ```ts
 * const event = OnRemoveCollectionTag({ scope: project, filter: ArtifactEvent.tag.eq('gold') });
 * ```
 */
export function OnRemoveCollectionTag(
  options: ArtifactEventOptions,
): ArtifactMutationEvent<'REMOVE_COLLECTION_TAG'> {
  return artifactEvent('REMOVE_COLLECTION_TAG', 'OnRemoveCollectionTag', options);
}

/**
 * Options of {@link OnRunMetric}.
 *
 * @example
 * ```ts
 * const o: OnRunMetricOptions = { scope: project, filter: RunEvent.metric('loss').gt(1) };
 * ```
 */
export interface OnRunMetricOptions {
  /** A project, a registry, or a team/organization (not a collection). */
  scope: RunEventScope;
  /** A metric condition, optionally `.and(runFilter)`. */
  filter: MetricCondition | RunMetricFilter;
}

/**
 * A run metric meets a condition: a threshold (`RunEvent.metric('loss').mean(5).gt(0.5)`), a
 * change (`.changes({ by, relative, direction, window })`) or a z-score (`.zscore(30).gt(3)`),
 * optionally for the runs of a run filter.
 *
 * @example
 * ```ts
 * const event = OnRunMetric({
 *   scope: project,
 *   filter: RunEvent.metric('loss').mean(5).gt(0.5).and(RunEvent.name.contains('baseline')),
 * });
 * ```
 */
export function OnRunMetric(options: OnRunMetricOptions): RunMetricEvent {
  const o = eventOptions(options, 'OnRunMetric');
  const scope = runScope(o.scope, 'OnRunMetric');
  const f = o.filter;
  if (f instanceof RunMetricFilter) return new RunMetricEvent(scope, f);
  if (f instanceof MetricThreshold || f instanceof MetricChange || f instanceof MetricZScore) {
    return new RunMetricEvent(scope, new RunMetricFilter(f));
  }
  throw new ValidationError(
    'filter',
    `OnRunMetric expects a metric condition (RunEvent.metric(...).gt(...), ...), got ${describeValue(f)}`,
  );
}

/**
 * Options of {@link OnRunState}.
 *
 * @example
 * ```ts
 * const o: OnRunStateOptions = { scope: project, filter: RunEvent.state.eq('failed') };
 * ```
 */
export interface OnRunStateOptions {
  /** A project, a registry, or a team/organization (not a collection). */
  scope: RunEventScope;
  /** The states, optionally `.and(runFilter)`. */
  filter: StateCondition | RunStateFilter;
}

/**
 * A run reaches one of some states (`RunEvent.state.in(['FAILED'])`).
 *
 * @example
 * ```ts
 * const event = OnRunState({ scope: project, filter: RunEvent.state.in(['FAILED', 'FINISHED']) });
 * ```
 */
export function OnRunState(options: OnRunStateOptions): RunStateEvent {
  const o = eventOptions(options, 'OnRunState');
  const scope = runScope(o.scope, 'OnRunState');
  const f = o.filter;
  if (f instanceof RunStateFilter) return new RunStateEvent(scope, f);
  if (f instanceof StateCondition) return new RunStateEvent(scope, new RunStateFilter(f));
  throw new ValidationError(
    'filter',
    `OnRunState expects a state condition (RunEvent.state.eq(...) / .in([...])), got ${describeValue(f)}`,
  );
}

/**
 * Whether `value` is an event new automations can use.
 *
 * @example
 * ```ts
 * isAutomationEvent(OnCreateArtifact({ scope: collection })); // true
 * ```
 */
export function isAutomationEvent(value: unknown): value is AutomationEvent {
  return (
    value instanceof ArtifactMutationEvent ||
    value instanceof RunMetricEvent ||
    value instanceof RunStateEvent
  );
}
