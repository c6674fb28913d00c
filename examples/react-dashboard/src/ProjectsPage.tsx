import { useProjects } from 'wandb-api/react';
import { ErrorMessage } from './ErrorMessage';
import { href } from './route';

/**
 * The projects of an entity (the viewer's), each a link to its runs.
 *
 * @example
 * ```tsx
 * <ProjectsPage entity="alice" />
 * ```
 */
export function ProjectsPage({ entity }: { entity: string }) {
  const projects = useProjects(entity);
  return (
    <section data-testid="projects">
      <h1>Projects of {entity}</h1>
      {projects.error && <ErrorMessage error={projects.error} />}
      <ul className="projects">
        {projects.items.map((project) => (
          <li key={`${project.entity}/${project.name}`}>
            <a
              data-testid="project-link"
              href={href({ page: 'project', entity: project.entity, project: project.name })}
            >
              {project.name}
            </a>
            {project.description && <span className="muted"> — {project.description}</span>}
          </li>
        ))}
      </ul>
      {projects.loading && <p className="loading">Loading projects…</p>}
      {!projects.loading && !projects.error && projects.items.length === 0 && <p>No projects yet.</p>}
      {projects.hasMore && !projects.loading && (
        <button type="button" onClick={projects.loadMore}>
          Load more
        </button>
      )}
    </section>
  );
}
