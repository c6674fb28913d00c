import { useState, type FormEvent } from 'react';
import type { Settings } from './settings';

/**
 * The login / settings bar: the server's base URL and the API key (a password field). Applying
 * it reconnects the whole dashboard with the new settings.
 *
 * @example
 * ```tsx
 * <SettingsBar settings={settings} onApply={setSettings} />
 * ```
 */
export function SettingsBar({ settings, onApply }: { settings: Settings; onApply(next: Settings): void }) {
  const [baseUrl, setBaseUrl] = useState(settings.baseUrl);
  const [apiKey, setApiKey] = useState(settings.apiKey);
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    onApply({ baseUrl: baseUrl.trim(), apiKey: apiKey.trim() });
  };
  return (
    <form className="settings" onSubmit={submit} data-testid="settings">
      <label>
        Base URL
        <input
          data-testid="settings-base-url"
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          spellCheck={false}
        />
      </label>
      <label>
        API key
        <input
          data-testid="settings-api-key"
          type="password"
          autoComplete="off"
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
        />
      </label>
      <button type="submit" data-testid="settings-apply">
        Connect
      </button>
    </form>
  );
}
