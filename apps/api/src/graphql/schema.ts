import 'reflect-metadata';
import './enums';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchemaSync } from 'type-graphql';
import { authChecker } from './access';
import { RESOLVERS } from './resolvers';

let built: GraphQLSchema | undefined;

/** The executable schema. Built once per process: type-graphql's metadata is global anyway. */
export function buildGraphqlSchema(): GraphQLSchema {
  built ??= buildSchemaSync({ resolvers: [...RESOLVERS], authChecker, validate: false, authMode: 'error' });
  return built;
}

/** The SDL committed as apps/api/schema.graphql, sorted so a diff shows only real contract changes. */
export function printContract(): string {
  return printSchema(lexicographicSortSchema(buildGraphqlSchema())) + '\n';
}
