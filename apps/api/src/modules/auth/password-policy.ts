import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { problem, type Problem } from '@maestro/settings-schema';

/** NIST SP 800-63B: length is what makes a password hard to guess; 12 leaves room for a few words. */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 1024;
/** zxcvbn's score 3: more than 10^8 guesses. Below it are common passwords and their easy variants. */
const MIN_SCORE = 3;

let estimator: Promise<ZxcvbnFactory> | undefined;

/**
 * Loaded on the first password set, not at start: the dictionaries take some 15 MB, in the worker too,
 * which never sets a password.
 */
function strength(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common')]).then(
    ([core, common]) => new core.ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }),
  );
  return estimator;
}

/**
 * What is wrong with a new login password: too short, or on zxcvbn's common-password list (or an easy
 * variant of one, a keyboard row, a date, or the user's own name), with the reason in Finnish and English.
 */
export async function passwordProblems(password: string, options: { path?: string; userInputs?: string[] } = {}): Promise<Problem[]> {
  const path = options.path ?? 'password';
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return [problem(path, 'PASSWORD_TOO_SHORT', { min: MIN_PASSWORD_LENGTH })];
  if (length > MAX_PASSWORD_LENGTH) return [problem(path, 'TOO_LONG', { max: MAX_PASSWORD_LENGTH })];
  // zxcvbn looks at the first 256 characters; a longer password is long enough.
  const result = (await strength()).check(password.slice(0, 256), (options.userInputs ?? []).filter(Boolean));
  return result.score < MIN_SCORE ? [problem(path, 'PASSWORD_TOO_COMMON')] : [];
}
