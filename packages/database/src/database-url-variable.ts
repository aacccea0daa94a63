import { env } from '@nlai/config';
import { databaseUrlProblem } from './database-options';

/** A service's `*_DATABASE_URL`: `mysql://user:password@host:port/database`, with reviewed options only; unset means SQLite. */
export const databaseUrlVariable = () =>
  env.databaseUrl().superRefine((url, context) => {
    const problem = url === undefined ? undefined : databaseUrlProblem(url);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });
