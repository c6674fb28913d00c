/**
 * The API reference (TypeDoc, options in `typedoc.config.mjs`).
 *
 *   node scripts/docs.mjs          writes docs/api/ (npm run docs)
 *   node scripts/docs.mjs --check  builds nothing (npm run docs:check, part of npm test)
 *
 * Other arguments are TypeDoc's own (`--out`, `--logLevel`, ...), read after the config.
 *
 * Either fails (exit 1) on any error or warning TypeDoc reports, validation included: an export
 * without TSDoc, a `{@link}` that does not resolve or points at something not in the reference;
 * and on an export of an entry point without an `@example` (CONTRIBUTING: every public function,
 * class, option and type has one), which this script checks itself.
 * The one exception is a declaration of `src/generated/` without documentation: codegen writes
 * those files (the typed documents and their result types of `wandb-api/graphql`) without TSDoc,
 * and TypeDoc's `intentionallyNotDocumented` only takes names one by one, thousands here.
 */
import console from 'node:console';
import process from 'node:process';
import { relative } from 'node:path';
import {
  Application,
  ArgumentsReader,
  ConsoleLogger,
  ReflectionKind,
  TSConfigReader,
  TypeDocReader,
} from 'typedoc';

const args = process.argv.slice(2);
const check = args.includes('--check');
const typedocArgs = args.filter((arg) => arg !== '--check');
const GENERATED = 'defined in wandb-api/src/generated/';

/** TypeDoc's console logger, without the validation warnings about generated declarations (counted). */
class Logger extends ConsoleLogger {
  generated = 0;

  validationWarning(text, ...args) {
    if (text.includes(GENERATED) && text.includes('does not have any documentation')) {
      this.generated += 1;
      return;
    }
    super.validationWarning(text, ...args);
  }
}

/**
 * Reports each export of the entry points that has no `@example` (on itself or one of its
 * signatures). Re-exports of another entry's declarations are checked there; codegen's and
 * dependencies' declarations are not ours to document.
 */
function checkExamples(project, log) {
  const modules = project.children?.some((c) => c.kindOf(ReflectionKind.Module))
    ? project.children.filter((c) => c.kindOf(ReflectionKind.Module))
    : [project];
  for (const module of modules) {
    for (const child of module.children ?? []) {
      if (child.kindOf(ReflectionKind.Reference)) continue;
      const file = child.sources?.[0]?.fullFileName ?? '';
      if (/[/\\](src[/\\]generated|node_modules)[/\\]/.test(file)) continue;
      const comments = [child.comment, ...(child.signatures ?? []).map((s) => s.comment)];
      if (comments.some((comment) => comment?.getTag('@example'))) continue;
      const where = file ? `, defined in ${relative(process.cwd(), file)},` : '';
      log.validationWarning(`${child.getFriendlyFullName()}${where} has no @example`);
    }
  }
}

const started = Date.now();
const app = await Application.bootstrapWithPlugins(check ? { emit: 'none' } : {}, [
  new ArgumentsReader(0, typedocArgs), // `--options` first: it says where the config is
  new TypeDocReader(),
  new TSConfigReader(),
  new ArgumentsReader(300, typedocArgs),
]);
const logger = new Logger();
logger.level = app.logger.level;
app.logger = logger;

const project = await app.convert();
if (project) {
  app.validate(project);
  if (app.options.getValue('validation').notDocumented) checkExamples(project, logger);
  if (!check && !logger.hasErrors() && !logger.hasWarnings()) await app.generateOutputs(project);
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const failed = !project || logger.hasErrors() || logger.hasWarnings();
const summary =
  `docs${check ? ':check' : ''}: ${logger.errorCount} errors, ${logger.warningCount} warnings ` +
  `(${logger.generated} undocumented declarations of src/generated/ not counted) in ${seconds} s`;
console[failed ? 'error' : 'log'](summary);
process.exitCode = failed ? 1 : 0;
