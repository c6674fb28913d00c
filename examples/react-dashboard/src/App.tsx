import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Api, type User } from 'wandb-api';
import { WandbProvider, useViewer } from 'wandb-api/react';
import { ErrorMessage } from './ErrorMessage';
import { ProjectsPage } from './ProjectsPage';
import { href, useRoute, type Route } from './route';
import { RunPage } from './RunPage';
import { RunsPage } from './RunsPage';
import { initialSettings, rememberSettings, type Settings } from './settings';
import { SettingsBar } from './SettingsBar';

function sessionStore(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined; // storage disabled by the browser
  }
}

/**
 * The dashboard: the settings bar, then (with a key) the signed-in user and the page of the
 * current hash route, all under one `<WandbProvider>` whose `Api` is made from the settings.
 *
 * @example
 * ```tsx
 * createRoot(document.getElementById('root')!).render(<App />);
 * ```
 */
export function App() {
  const [settings, setSettings] = useState<Settings>(() =>
    initialSettings(window.location.search, sessionStore(), import.meta.env),
  );
  useEffect(
    () => rememberSettings(settings, import.meta.env, sessionStore(), window.history, window.location),
    [settings],
  );
  const route = useRoute();
  // A new Api (and so a fresh cache) for every server / key; bad settings are the library's ValidationError.
  const connection = useMemo((): { api: Api } | { error: unknown } | undefined => {
    if (settings.apiKey === '') return undefined;
    try {
      return { api: new Api({ baseUrl: settings.baseUrl, apiKey: settings.apiKey }) };
    } catch (error) {
      return { error };
    }
  }, [settings.baseUrl, settings.apiKey]);
  return (
    <div className="app">
      <header>
        <a className="brand" href={href({ page: 'projects' })}>
          wandb-api dashboard
        </a>
        <SettingsBar settings={settings} onApply={setSettings} />
      </header>
      <main>
        {connection === undefined ? (
          <p data-testid="need-key">Enter the server&apos;s base URL and your API key above.</p>
        ) : 'error' in connection ? (
          <ErrorMessage error={connection.error} />
        ) : (
          <WandbProvider api={connection.api}>
            <SignedIn>
              {(viewer) => <Page route={route} entity={viewer.entity ?? viewer.username ?? ''} />}
            </SignedIn>
          </WandbProvider>
        )}
      </main>
    </div>
  );
}

/** Shows who the key belongs to, and the pages only once the server has accepted it. */
function SignedIn({ children }: { children: (viewer: User) => ReactNode }) {
  const viewer = useViewer();
  if (viewer.error) return <ErrorMessage error={viewer.error} />;
  if (!viewer.data) return <p className="loading">Signing in…</p>;
  return (
    <>
      <p className="viewer" data-testid="viewer">
        Signed in as <strong>{viewer.data.username}</strong> (entity {viewer.data.entity})
      </p>
      {children(viewer.data)}
    </>
  );
}

/** The page of a route; the projects page lists the viewer's entity. */
function Page({ route, entity }: { route: Route; entity: string }) {
  if (route.page === 'project') return <RunsPage entity={route.entity} project={route.project} />;
  if (route.page === 'run') return <RunPage entity={route.entity} project={route.project} run={route.run} />;
  return <ProjectsPage entity={entity} />;
}
