import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { Kind, parse, visit } from 'graphql';
import { SUBGRAPH_NAMES } from '@talent-graph/platform';
import { subgraphSdlPath } from '../compose.ts';

/**
 * Every type, field, enum value and input field in every subgraph's SDL has a description:
 * the explorer's docs pane is how frontend teams and analysts learn the graph.
 */
function undocumented(sdl: string): string[] {
  const missing: string[] = [];
  let typeName = '';
  let typeKind: string = Kind.OBJECT_TYPE_DEFINITION;
  visit(parse(sdl), {
    enter(node) {
      switch (node.kind) {
        case Kind.OBJECT_TYPE_DEFINITION:
        case Kind.INTERFACE_TYPE_DEFINITION:
        case Kind.ENUM_TYPE_DEFINITION:
        case Kind.INPUT_OBJECT_TYPE_DEFINITION:
        case Kind.UNION_TYPE_DEFINITION:
        case Kind.SCALAR_TYPE_DEFINITION:
          typeName = node.name.value;
          typeKind = node.kind;
          // Root operation types are described by their fields.
          if (!node.description && !['Query', 'Mutation', 'Subscription'].includes(typeName)) missing.push(typeName);
          break;
        case Kind.FIELD_DEFINITION:
        case Kind.INPUT_VALUE_DEFINITION:
        case Kind.ENUM_VALUE_DEFINITION:
          // Field arguments are documented in their field's description.
          if (node.kind === Kind.INPUT_VALUE_DEFINITION && typeKind !== Kind.INPUT_OBJECT_TYPE_DEFINITION) break;
          if (!node.description) missing.push(`${typeName}.${node.name.value}`);
          break;
      }
    },
  });
  return missing;
}

describe('subgraph SDL descriptions', () => {
  it('finds what is undocumented', () => {
    const sdl = '"A shop." type Shop { id: ID! "Name." name: String } enum Kind { A "B." B } input In { x: Int } type Query { shop(id: ID!): Shop }';
    expect(undocumented(sdl)).to.deep.equal(['Shop.id', 'Kind', 'Kind.A', 'In', 'In.x', 'Query.shop']);
  });
  for (const name of SUBGRAPH_NAMES) {
    it(`${name}: every type, field, enum value and input field is described`, () => {
      expect(undocumented(readFileSync(subgraphSdlPath(name), 'utf8'))).to.deep.equal([]);
    });
  }
});
