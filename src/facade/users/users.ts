/**
 * The admin-only user methods (wandb-ops.md §6.1): `api.users(query)`, `api.user(usernameOrEmail)`
 * and `api.createUser(email, { admin })`. The server answers them only to an instance admin; its
 * refusal becomes a {@link PermissionError} saying that an admin API key is needed.
 *
 * @example
 * ```ts
 * const admin = new Api({ apiKey: process.env.WANDB_ADMIN_KEY });
 * const bob = await admin.user('bob@example.com');
 * ```
 * @module
 */
import { documents } from '../core/lazy.js';
import { GraphQLRequestError, PermissionError, ValidationError } from '../../errors/index.js';
import type { FacadeContext, RequestOptions } from '../core/context.js';
import { optionalBoolean, optionalSignal, optionsObject } from '../core/validate.js';
import { UserImpl } from './user-impl.js';
import type { User } from './user.js';

/**
 * Options of {@link Api.createUser}.
 *
 * @example
 * ```ts
 * const options: CreateUserOptions = { admin: true };
 * ```
 */
export interface CreateUserOptions extends Pick<RequestOptions, 'signal'> {
  /** Whether the new user is an instance admin. Default `false`. */
  admin?: boolean;
}

/** The server's refusal of an admin-only call: HTTP 403, or a GraphQL error saying only admins may. */
function isAdminRefusal(e: unknown): boolean {
  if (e instanceof PermissionError) return true;
  // "only admins can use createUser()" is the W&B server's wording (github:wandb/wandb#1056).
  const refusal = /\bonly (instance )?admins\b|\badmin (privileges|rights|access) (are |is )?required\b/i;
  return e instanceof GraphQLRequestError && e.errors.some((g) => refusal.test(g.message));
}

async function asAdmin<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (!isAdminRefusal(e)) throw e;
    const err = e as PermissionError | GraphQLRequestError;
    throw new PermissionError(
      `${what} needs an admin API key: the server answers it only to instance admins (${err.message})`,
      {
        cause: err,
        ...(err.status === undefined ? {} : { status: err.status }),
        ...(err.request === undefined ? {} : { request: err.request }),
      },
    );
  }
}

function requireText(value: unknown, parameter: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new ValidationError(parameter, `expected ${what}`);
  return value.trim();
}

/**
 * The users whose username or email matches `query` (the server matches parts of them), with
 * their API key names. Admin only.
 *
 * @internal Users call the `Api` method.
 * @example
 * ```ts
 * const found = await searchUsers(ctx, 'example.com');
 * ```
 */
export async function searchUsers(
  ctx: FacadeContext,
  query: string,
  options: RequestOptions = {},
): Promise<User[]> {
  const q = requireText(query, 'query', 'a username, an email or a part of one');
  const signal = optionalSignal(optionsObject(options).signal);
  return asAdmin('api.users()', () => search(ctx, q, signal));
}

async function search(ctx: FacadeContext, query: string, signal: AbortSignal | undefined): Promise<User[]> {
  const data = await ctx.request((await documents()).SearchUsersDocument, { query }, { signal });
  return (data.users?.edges ?? []).flatMap((e) => (e.node ? [new UserImpl(ctx, e.node)] : []));
}

/**
 * The user with this username or email: an exact match (ignoring case) when the server's answer
 * has one, else its first answer, else `null`. Admin only.
 *
 * @internal Users call the `Api` method.
 * @example
 * ```ts
 * const bob = await findUser(ctx, 'bob');
 * ```
 */
export async function findUser(
  ctx: FacadeContext,
  usernameOrEmail: string,
  options: RequestOptions = {},
): Promise<User | null> {
  const q = requireText(usernameOrEmail, 'usernameOrEmail', 'a username or an email');
  const signal = optionalSignal(optionsObject(options).signal);
  const users = await asAdmin('api.user()', () => search(ctx, q, signal));
  const wanted = q.toLowerCase();
  const exact = users.find((u) => u.username?.toLowerCase() === wanted || u.email?.toLowerCase() === wanted);
  return exact ?? users[0] ?? null;
}

/**
 * Creates a user from an email (admin only) and answers it.
 *
 * @internal Users call the `Api` method.
 * @example
 * ```ts
 * const carol = await createUser(ctx, 'carol@example.com', { admin: false });
 * ```
 */
export async function createUser(
  ctx: FacadeContext,
  email: string,
  options: CreateUserOptions = {},
): Promise<User> {
  const address = requireText(email, 'email', 'an email address');
  if (!/^[^@\s]+@[^@\s]+$/.test(address)) {
    throw new ValidationError('email', `${JSON.stringify(address)} is not an email address (name@host)`);
  }
  const opts = optionsObject(options);
  const admin = optionalBoolean(opts.admin, 'admin') ?? false;
  const signal = optionalSignal(opts.signal);
  const { CreateUserFromAdminDocument } = await documents();
  const data = await asAdmin('api.createUser()', () =>
    ctx.request(CreateUserFromAdminDocument, { email: address, admin }, { signal }),
  );
  const user = data.result?.user;
  if (!user) throw new ValidationError('email', `the server created no user for ${JSON.stringify(address)}`);
  return new UserImpl(ctx, user);
}
