import { WandbError } from 'wandb-api';

/**
 * An error as the user sees it: the library's typed error code (e.g. `AUTHENTICATION`) and its
 * message, which names what failed and what to do (and never contains the API key). The code,
 * not `error.name`, is shown: a minified build renames classes.
 *
 * @example
 * ```tsx
 * {error && <ErrorMessage error={error} />}
 * ```
 */
export function ErrorMessage({ error }: { error: unknown }) {
  const code = error instanceof WandbError ? error.code : 'ERROR';
  const message = error instanceof Error ? error.message : String(error);
  return (
    <p className="error" role="alert" data-testid="error" data-error-code={code}>
      <strong>{code}</strong> {message}
    </p>
  );
}
