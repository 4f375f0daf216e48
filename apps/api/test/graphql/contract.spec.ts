import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isObjectType, type GraphQLObjectType } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { PUBLIC_OPERATIONS } from '../../src/graphql/access';
import { buildGraphqlSchema, printContract } from '../../src/graphql/schema';

describe('the GraphQL contract', () => {
  it('declares for every query and mutation who may call it', () => {
    const schema = buildGraphqlSchema();
    const storage = getMetadataStorage();
    const operations = [...storage.queries, ...storage.mutations];
    const declared = (op: (typeof operations)[number]) =>
      storage.authorizedFields.some((a) => a.target === op.target && a.fieldName === op.methodName) || PUBLIC_OPERATIONS.has(op.methodName);
    const undeclared = operations.filter((op) => !declared(op)).map((op) => op.schemaName);
    expect(undeclared).toEqual([]);
    // And the schema holds nothing the metadata does not know about.
    const names = new Set(operations.map((op) => op.schemaName));
    const schemaOps = [...Object.keys(schema.getQueryType()?.getFields() ?? {}), ...Object.keys(schema.getMutationType()?.getFields() ?? {})];
    expect(schemaOps.filter((name) => !names.has(name))).toEqual([]);
  });

  it('lets only login and refreshSession (the httpOnly cookie) be called without a token', () => {
    expect([...PUBLIC_OPERATIONS].sort()).toEqual(['login', 'refreshSession']);
  });

  it('is committed as apps/api/schema.graphql, up to date (regenerate with `npm run schema -w @maestro/api`)', () => {
    const committed = readFileSync(path.resolve(__dirname, '../../schema.graphql'), 'utf8');
    expect(committed).toBe(printContract());
  });

  it('never answers a password, a hash or a sealed secret: they exist in inputs only', () => {
    const schema = buildGraphqlSchema();
    const outputFields = Object.values(schema.getTypeMap())
      .filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) => Object.keys(type.getFields()).map((field) => `${type.name}.${field}`));
    const leaks = outputFields.filter((name) => /\.(password|passwordHash|secretHash|\w+Sealed|gatewayPassword|oauthClientSecret|oauthServiceAccountKey)$/.test(name));
    expect(leaks).toEqual([]);
    expect(outputFields).toContain('SmtpAccountType.passwordSet');
  });
});
