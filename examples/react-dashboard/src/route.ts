/**
 * Hash routes of the dashboard (no router library): `#/` the projects, `#/p/<entity>/<project>`
 * a project's runs, `#/r/<entity>/<project>/<run id>` one run.
 *
 * @example
 * ```ts
 * parseRoute('#/r/alice/vision/a1b2c3'); // { page: 'run', entity: 'alice', project: 'vision', run: 'a1b2c3' }
 * href({ page: 'project', entity: 'alice', project: 'vision' }); // '#/p/alice/vision'
 * ```
 * @module
 */
import { useEffect, useState } from 'react';

/**
 * A page of the dashboard.
 *
 * @example
 * ```ts
 * const route: Route = { page: 'project', entity: 'alice', project: 'vision' };
 * ```
 */
export type Route =
  | { page: 'projects' }
  | { page: 'project'; entity: string; project: string }
  | { page: 'run'; entity: string; project: string; run: string };

/**
 * The route of a location hash; anything unknown is the projects page.
 *
 * @example
 * ```ts
 * parseRoute('#/p/alice/vision'); // { page: 'project', entity: 'alice', project: 'vision' }
 * ```
 */
export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
  const [kind, entity, project, run] = parts;
  if (kind === 'p' && entity && project && parts.length === 3) return { page: 'project', entity, project };
  if (kind === 'r' && entity && project && run && parts.length === 4) {
    return { page: 'run', entity, project, run };
  }
  return { page: 'projects' };
}

/**
 * The hash link of a route.
 *
 * @example
 * ```ts
 * href({ page: 'run', entity: 'alice', project: 'vision', run: 'a1b2c3' }); // '#/r/alice/vision/a1b2c3'
 * ```
 */
export function href(route: Route): string {
  const enc = encodeURIComponent;
  if (route.page === 'project') return `#/p/${enc(route.entity)}/${enc(route.project)}`;
  if (route.page === 'run') return `#/r/${enc(route.entity)}/${enc(route.project)}/${enc(route.run)}`;
  return '#/';
}

/**
 * The current route, following `hashchange`.
 *
 * @example
 * ```tsx
 * const route = useRoute();
 * if (route.page === 'run') return <RunPage {...route} />;
 * ```
 */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
