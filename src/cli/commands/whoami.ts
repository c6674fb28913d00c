/**
 * `wandb-api whoami`: the user the API key belongs to (username, email, entity, teams).
 *
 * @example
 * ```sh
 * wandb-api whoami            # alice <alice@example.com>
 * wandb-api whoami --json     # {"username":"alice",...}
 * ```
 * @module
 */
import type { Command } from 'commander';
import type { CliEnv } from '../env.js';

/**
 * Registers `whoami`.
 *
 * @example
 * ```ts
 * register(program, env);
 * ```
 */
export function register(program: Command, env: CliEnv): void {
  program
    .command('whoami')
    .description('show the user of the API key')
    .option('--json', 'print a JSON object instead of text')
    .action(async (options: { json?: boolean }) => {
      const me = await env.api().viewer();
      const teams = [...me.teams];
      if (options.json === true) {
        const fields = { username: me.username, email: me.email, entity: me.entity, teams };
        env.stdout.write(`${JSON.stringify(fields)}\n`);
        return;
      }
      const email = me.email ? ` <${me.email}>` : '';
      env.stdout.write(`${me.username ?? '(no username)'}${email}\n`);
      if (me.entity) env.stdout.write(`entity: ${me.entity}\n`);
      if (teams.length > 0) env.stdout.write(`teams: ${teams.join(', ')}\n`);
    });
}
