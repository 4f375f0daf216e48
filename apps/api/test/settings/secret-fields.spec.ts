// The GraphQL output types list their `<name>Set` booleans by hand (type-graphql needs a class); the
// values come from redactSecrets, which follows the fields' `secret` flags. This keeps the two equal:
// a field flagged secret without its `Set` field, or a `Set` field for no secret, fails here.
import { isObjectType, type GraphQLSchema } from 'graphql';
import {
  companyMessageSettingsSchema,
  secretPaths,
  smsSettingsSchema,
  smtpAccountSchema,
  userMailSettingsSchema,
} from '@maestro/settings-schema';
import type { z } from 'zod';
import { buildGraphqlSchema } from '../../src/graphql/schema';

/** The secrets a record holds itself (nested records, such as `smtp`, have a type of their own). */
function ownSecrets(schema: z.ZodType): string[] {
  return secretPaths(schema).filter((path) => !path.includes('.'));
}

function fieldsOf(graphql: GraphQLSchema, typeName: string): string[] {
  const type = graphql.getType(typeName);
  if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
  return Object.keys(type.getFields());
}

const RECORDS: [string, z.ZodType][] = [
  ['SmtpAccountType', smtpAccountSchema],
  ['CompanyMessageSettingsType', companyMessageSettingsSchema],
  ['SmsSettingsType', smsSettingsSchema],
  ['UserMailSettingsType', userMailSettingsSchema],
];

describe('secret fields in the GraphQL contract', () => {
  it.each(RECORDS)('%s answers <name>Set for exactly the fields flagged secret, and never the secret itself', (typeName, schema) => {
    const fields = fieldsOf(buildGraphqlSchema(), typeName);
    const secrets = ownSecrets(schema);
    const setFields = fields.filter((name) => name.endsWith('Set') && secrets.includes(name.slice(0, -'Set'.length)));
    expect(setFields.sort()).toEqual(secrets.map((name) => `${name}Set`).sort());
    expect(fields.filter((name) => secrets.includes(name))).toEqual([]);
  });

  it('has no <name>Set boolean left over for a field that is no longer secret', () => {
    const graphql = buildGraphqlSchema();
    const leftovers = RECORDS.flatMap(([typeName, schema]) => {
      const type = graphql.getType(typeName);
      if (!isObjectType(type)) return [];
      const secrets = ownSecrets(schema);
      return Object.values(type.getFields())
        .filter((f) => f.name.endsWith('Set') && String(f.type) === 'Boolean!' && !secrets.includes(f.name.slice(0, -'Set'.length)))
        .map((f) => `${typeName}.${f.name}`);
    });
    expect(leftovers).toEqual([]);
  });
});
