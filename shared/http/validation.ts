import * as z from 'zod/mini';
import { en } from 'zod/locales';
import { ValidationError } from '../domain/errors';

// zod/mini ships no messages; English ones make 400 answers readable.
z.config(en());

/** Parses `input` with `schema` or throws a `ValidationError` listing every issue with its path. */
export function parseWith<T>(schema: z.ZodMiniType<T>, input: unknown, what: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: [what, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ValidationError(`Invalid ${what}`, issues);
}
