/**
 * A user's server-side render with `wandb-api/react`, compiled by test/package/package.test.ts as
 * ESM (`react.ts`) and as CJS (`react.cts`, the same text) against the installed tarball with
 * `skipLibCheck` false, then run: the hooks get the very `Api` the program made from `wandb-api`
 * (one class, not a copy inside the react entry), and the render shows the loading state.
 */
import { createElement, type ReactElement } from 'react';
import { renderToString } from 'react-dom/server';
import { Api, type Run } from 'wandb-api';
import { WandbProvider, useApi, useRuns, type WandbList, type WandbQuery } from 'wandb-api/react';

const api = new Api({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k'.repeat(40) });
let sameApi = false;

function Runs(): ReactElement {
  sameApi = useApi() === api && useApi() instanceof Api;
  const list: WandbList<Run> & { runs: Run[] } = useRuns('acme/vision', {
    pageSize: 5,
    order: '-created_at',
  });
  const query: Pick<WandbQuery<Run>, 'data'> = { data: list.runs[0] };
  return createElement('p', null, list.loading ? 'loading' : String(query.data?.id));
}

const html = renderToString(createElement(WandbProvider, { api }, createElement(Runs)));
console.log(JSON.stringify({ html, sameApi }));
