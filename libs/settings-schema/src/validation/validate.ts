import type { z } from 'zod';
import { RETIRED_SEND_MODE } from '../enums';
import { PROBLEM_MESSAGES, problem, type Problem, type ProblemCode, type Result } from './problem';

function isProblemCode(code: unknown): code is ProblemCode {
  return typeof code === 'string' && code in PROBLEM_MESSAGES;
}

/** Turn zod's issues into our problems: a stable code, the field path and a Finnish/English text. */
export function toProblems(issues: readonly z.core.$ZodIssue[], pathPrefix = ''): Problem[] {
  return issues.map((issue) => {
    const path = [pathPrefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    switch (issue.code) {
      case 'custom': {
        const params = (issue.params ?? {}) as Record<string, string | number>;
        const code = params.problem;
        return isProblemCode(code) ? problem(path, code, params) : problem(path, 'INVALID_VALUE');
      }
      case 'invalid_type':
        return issue.input === undefined || issue.input === null
          ? problem(path, 'REQUIRED')
          : problem(path, 'INVALID_TYPE', { expected: issue.expected });
      case 'too_big':
        return issue.origin === 'array'
          ? problem(path, 'TOO_MANY', { max: Number(issue.maximum) })
          : problem(path, 'TOO_LONG', { max: Number(issue.maximum) });
      case 'too_small':
        return problem(path, 'REQUIRED');
      case 'invalid_value':
        // zod reports a missing enum value as a wrong choice; for a person it is a missing one.
        if (issue.input === undefined || issue.input === null) return problem(path, 'REQUIRED');
        if (issue.input === RETIRED_SEND_MODE) return problem(path, 'SEND_LATER_RETIRED');
        return problem(path, 'INVALID_CHOICE', { allowed: issue.values.map(String).join(', ') });
      default:
        return problem(path, 'INVALID_VALUE');
    }
  });
}

/** Check one record against its schema and return every problem at once, never just the first. */
export function validateRecord<S extends z.ZodType>(schema: S, input: unknown): Result<z.output<S>> {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, problems: toProblems(parsed.error.issues) };
}
