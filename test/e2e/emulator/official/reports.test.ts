// The official client's reports document (ProjectViews, wandb/apis/public/reports.py), in its
// shape (notes §1.8): `viewType` never sent (its default "runs" applies), `viewName` null or a
// name, paged on the last edge cursor with reportCursor / reportLimit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../../src/emulator/index.js';
import { KEY, official } from '../../../support/emulator-http.js';

const PROJECT_VIEWS = `query ProjectViews($project: String!, $entity: String!, $reportCursor: String,
    $reportLimit: Int!, $viewType: String = "runs", $viewName: String) {
  project(name: $project, entityName: $entity) {
    allViews(viewType: $viewType, viewName: $viewName, first: $reportLimit, after: $reportCursor) {
      edges {
        node {
          id
          name
          displayName
          description
          user { username photoUrl email }
          spec
          updatedAt
          createdAt
        }
        cursor
      }
      pageInfo { endCursor hasNextPage }
    }
  }
}`;

interface ViewsData {
  project: {
    allViews: {
      edges: {
        node: {
          id: string;
          name: string;
          displayName: string;
          description: string | null;
          user: { username: string; photoUrl: string | null; email: string } | null;
          spec: string | null;
          updatedAt: string;
          createdAt: string;
        };
        cursor: string;
      }[];
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
    };
  };
}

describe('official documents: reports', () => {
  let emu: Emulator;
  beforeAll(async () => {
    emu = await startEmulator({
      apiKey: KEY,
      viewer: { username: 'alice', email: 'alice@example.org', photoUrl: 'https://example.org/a.png' },
    });
    emu.seed.report({
      project: 'p',
      name: 'weekly01',
      displayName: 'Weekly sync',
      description: 'what happened',
      spec: { blocks: [{ type: 'paragraph' }] },
      createdAt: '2024-05-01T00:00:00Z',
      updatedAt: '2024-05-02T00:00:00Z',
    });
    emu.seed.report({
      project: 'p',
      name: 'weekly02',
      displayName: 'Second',
      createdAt: '2024-05-03T00:00:00Z',
    });
    emu.seed.report({ project: 'p', name: 'panel001', displayName: 'A workspace', type: 'project-view' });
  });
  afterAll(() => emu.close());

  it('answers ProjectViews with the reports only, paged on the last edge cursor', async () => {
    const vars = { project: 'p', entity: 'alice', viewName: null, reportCursor: null, reportLimit: 1 };
    const first = await official<ViewsData>(emu, PROJECT_VIEWS, vars);
    const edges = first.project.allViews.edges;
    expect(edges).toHaveLength(1);
    const names = [edges[0]?.node.name];
    let cursor = edges.at(-1)?.cursor;
    let more = first.project.allViews.pageInfo.hasNextPage;
    while (more) {
      const page = await official<ViewsData>(emu, PROJECT_VIEWS, { ...vars, reportCursor: cursor });
      names.push(...page.project.allViews.edges.map((e) => e.node.name));
      cursor = page.project.allViews.edges.at(-1)?.cursor;
      more = page.project.allViews.pageInfo.hasNextPage;
      expect(names.length).toBeLessThan(10);
    }
    expect(names.sort()).toEqual(['weekly01', 'weekly02']);
  });

  it('answers ProjectViews for one viewName, spec a JSON string, the author with photo and email', async () => {
    const d = await official<ViewsData>(emu, PROJECT_VIEWS, {
      project: 'p',
      entity: 'alice',
      viewName: 'weekly01',
      reportCursor: null,
      reportLimit: 50,
    });
    const node = d.project.allViews.edges[0]?.node;
    expect(node).toMatchObject({
      name: 'weekly01',
      displayName: 'Weekly sync',
      description: 'what happened',
      user: { username: 'alice', photoUrl: 'https://example.org/a.png', email: 'alice@example.org' },
      createdAt: '2024-05-01T00:00:00Z',
      updatedAt: '2024-05-02T00:00:00Z',
    });
    expect(JSON.parse(node?.spec ?? '')).toEqual({ blocks: [{ type: 'paragraph' }] });
    expect(Buffer.from(node?.id ?? '', 'base64').toString()).toMatch(/^View:\d+$/);
  });
});
