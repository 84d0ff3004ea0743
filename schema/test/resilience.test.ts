import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Kind, parse, type FieldDefinitionNode, type ObjectTypeDefinitionNode } from 'graphql';
import { SUBGRAPH_NAMES } from '@talent-graph/platform';
import { subgraphSdlPath } from '../compose.ts';

/**
 * One subgraph's outage costs only its own fields (docs/partners.md, docs/reliability.md). GraphQL
 * nulls the nearest nullable parent of a failed non-null field, so a partner's field on another
 * subgraph's entity, or a reference to another subgraph's entity, declared non-null would take the
 * whole parent — often the whole root field — down with its owner. These rules keep that from
 * coming back.
 */
const ENTITIES_OWNED_BY_DIRECTORY = new Set(['Person', 'School', 'Program', 'Shop', 'State', 'MyData', 'ErasureReceipt']);

function typesOf(name: string): ObjectTypeDefinitionNode[] {
  return parse(readFileSync(subgraphSdlPath(name), 'utf8')).definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION);
}

const isKey = (type: ObjectTypeDefinitionNode, field: FieldDefinitionNode): boolean =>
  (type.directives ?? []).some((d) => d.name.value === 'key' && d.arguments?.some((a) => a.value.kind === Kind.STRING && a.value.value.split(/\s+/).includes(field.name.value)));
const isExternal = (field: FieldDefinitionNode): boolean => (field.directives ?? []).some((d) => d.name.value === 'external');

/** Non-null fields a partner adds to a directory entity, and non-null references to one. */
function fragileFields(name: string): string[] {
  const fragile: string[] = [];
  for (const type of typesOf(name)) {
    const contributed = ENTITIES_OWNED_BY_DIRECTORY.has(type.name.value);
    for (const field of type.fields ?? []) {
      if (field.type.kind !== Kind.NON_NULL_TYPE || isKey(type, field) || isExternal(field)) continue;
      const refersToDirectoryEntity = field.type.type.kind === Kind.NAMED_TYPE && ENTITIES_OWNED_BY_DIRECTORY.has(field.type.type.name.value);
      if (contributed || refersToDirectoryEntity) fragile.push(`${type.name.value}.${field.name.value}`);
    }
  }
  return fragile;
}

describe('subgraph SDL resilience', () => {
  it('finds a non-null contributed field and a non-null reference', () => {
    // The rule applied to the directory itself (which owns these types) flags its own fields: proof it can fail.
    expect(fragileFields('directory')).to.include.members(['Person.displayName', 'School.name']);
  });

  for (const name of SUBGRAPH_NAMES.filter((n) => n !== 'directory')) {
    it(`${name}: fields it adds to directory entities, and its references to them, are nullable`, () => {
      expect(fragileFields(name)).to.deep.equal([]);
    });
  }
});
