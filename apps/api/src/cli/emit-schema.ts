import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { printContract } from '../graphql/schema';

/** Writes apps/api/schema.graphql, the contract the web's types are generated from. No database needed. */
const target = process.argv[2] ?? path.resolve(process.cwd(), 'schema.graphql');
writeFileSync(target, printContract());
console.log(`wrote ${target}`);
