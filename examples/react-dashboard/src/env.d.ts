// The variables serve.ts (or the user's own environment / .env file) hands to the app through Vite.
interface ImportMetaEnv {
  /** The W&B server the dashboard starts with. */
  readonly VITE_WANDB_BASE_URL?: string;
  /** The API key the dashboard starts with. */
  readonly VITE_WANDB_API_KEY?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
