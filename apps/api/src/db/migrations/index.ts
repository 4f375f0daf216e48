import { InitialSchema1764000000001 } from './1764000000001-initial-schema';

/** Every migration, in order. A test fails when the entities need a migration this list lacks. */
export const MIGRATIONS = [InitialSchema1764000000001];
