import type { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants.js';
import { NestFactory } from '@nestjs/core';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';

/** Where the published schema lives, from the repository's root. */
export const SCHEMA_FILE = 'apps/api/schema.graphql';
export const SCHEMA_COMMAND = 'npm run schema';

const HEADER = `# The GraphQL schema the api serves, printed from the code by \`${SCHEMA_COMMAND}\`: do not edit.
# A test fails when it differs from the running schema.

`;

/** The published form of a schema: sorted, so a change shows as a small diff. */
export function printSchemaFile(schema: GraphQLSchema): string {
  return `${HEADER}${printSchema(lexicographicSortSchema(schema))}\n`;
}

type Import = Type | DynamicModule | Promise<DynamicModule> | ForwardReference;

/** Every class a module tree provides, as Nest's GraphQL module gathers them to find resolvers. */
async function providedClasses(root: Import): Promise<Array<Type>> {
  const seen = new Set<unknown>();
  const classes = new Set<Type>();
  const visit = async (entry: Import | undefined): Promise<void> => {
    const resolved = await entry;
    if (!resolved || seen.has(resolved)) return;
    seen.add(resolved);
    if ('forwardRef' in resolved) return visit((resolved.forwardRef as () => Import)());
    const moduleClass = 'module' in resolved ? resolved.module : resolved;
    const dynamic = 'module' in resolved ? resolved : undefined;
    const metadata = (key: string): unknown[] =>
      (Reflect.getMetadata(key, moduleClass) as unknown[] | undefined) ?? [];
    const providers = [
      ...metadata(MODULE_METADATA.PROVIDERS),
      ...(dynamic?.providers ?? []),
    ] as Provider[];
    for (const provider of providers) {
      if (typeof provider === 'function') classes.add(provider);
      else if ('useClass' in provider) classes.add(provider.useClass);
    }
    const imports = [...metadata(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])] as Import[];
    for (const child of imports) await visit(child);
  };
  await visit(root);
  return [...classes];
}

/**
 * Builds the schema a module serves from its code alone, with no database: the resolvers are found
 * in the module tree the way the GraphQL module finds them, and only their metadata is read.
 */
export async function buildSchemaOf(root: DynamicModule): Promise<GraphQLSchema> {
  const classes = await providedClasses(root);
  const app = await NestFactory.createApplicationContext(GraphQLSchemaBuilderModule, {
    logger: false,
  });
  try {
    return await app.get(GraphQLSchemaFactory).create(classes, classes);
  } finally {
    await app.close();
  }
}

/** A message naming the first line where the file and the running schema part, and the fix. */
export function schemaDrift(published: string, running: string): string | undefined {
  if (published === running) return undefined;
  const a = published.split('\n');
  const b = running.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  const at = line === -1 ? a.length : line;
  return [
    `${SCHEMA_FILE} differs from the schema the api serves, from line ${at + 1}:`,
    `  file:    ${a[at] ?? '(end of file)'}`,
    `  running: ${b[at] ?? '(end of schema)'}`,
    `Run \`${SCHEMA_COMMAND}\` and commit ${SCHEMA_FILE}.`,
  ].join('\n');
}
