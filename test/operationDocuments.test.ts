import { apiSchemaOf } from '@talent-graph/gateway';
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'chai';
import { getVariableValues, Kind, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { ROOT, SUPERGRAPH_SDL } from './support/stack.ts';

/**
 * The canonical operations in schema/operations are read by the tests, the benchmark and the
 * persisted-documents manifest, and copied by people integrating with the graph: each must be a
 * valid request against the API schema clients actually see (the supergraph's, without
 * @inaccessible fields), with its variables beside it.
 */
const DIR = `${ROOT}schema/operations/`;
const API_SCHEMA = apiSchemaOf(SUPERGRAPH_SDL);
/** The caller headers the gateway reads in development (test/support/stack.ts devCaller). */
const CALLER_HEADERS = ['x-dev-user', 'x-dev-roles', 'x-dev-school', 'x-dev-shop', 'x-dev-partner', 'x-dev-wards'];

const files = readdirSync(DIR).sort();
const documents = files.filter((f) => f.endsWith('.graphql')).map((f) => f.slice(0, -'.graphql'.length));

function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

function load(name: string): { source: string; document: DocumentNode; operation: OperationDefinitionNode } {
  const source = readFileSync(`${DIR}${name}.graphql`, 'utf8');
  const document = parse(source);
  return { source, document, operation: operationsOf(document)[0]! };
}

function rootFields(operation: OperationDefinitionNode): string[] {
  return operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
}

describe('schema/operations', () => {
  it('holds only operation documents and the variables of one of them', () => {
    const strays = files.filter((f) => !f.endsWith('.graphql') && !(f.endsWith('.variables.json') && documents.includes(f.slice(0, -'.variables.json'.length))));
    expect(strays).to.deep.equal([]);
  });

  it('covers a state dashboard, a person profile, a job search and each mutation a client makes', () => {
    const covered = new Set<string>();
    for (const name of documents) {
      const { operation } = load(name);
      for (const field of rootFields(operation)) covered.add(`${operation.operation} ${field}`);
    }
    const required = [
      'query state',
      'query person',
      'query jobs',
      'mutation claimDonation',
      'mutation applyToJob',
      'mutation enrollInCourse',
      'mutation logApprenticeshipHours',
      'mutation grantConsent',
      'mutation withdrawConsent',
    ];
    expect(required.filter((r) => !covered.has(r)), 'missing').to.deep.equal([]);
  });

  for (const name of documents) {
    describe(`${name}.graphql`, () => {
      it('parses and has exactly one operation, named', () => {
        const document = parse(readFileSync(`${DIR}${name}.graphql`, 'utf8'));
        expect(document.definitions.map((d) => d.kind)).to.deep.equal([Kind.OPERATION_DEFINITION]);
        expect(operationsOf(document)[0]!.name?.value).to.be.a('string').and.not.equal('');
      });

      it("validates against the gateway's API schema", () => {
        const { document } = load(name);
        expect(validate(API_SCHEMA, document).map((e) => e.message)).to.deep.equal([]);
      });

      it('has a .variables.json exactly when it declares variables, naming only declared ones and every required one', () => {
        const { operation } = load(name);
        const declared = (operation.variableDefinitions ?? []).map((v) => v.variable.name.value);
        const hasFile = files.includes(`${name}.variables.json`);
        expect(hasFile, `declares ${declared.length} variable(s)`).to.equal(declared.length > 0);
        if (!hasFile) return;
        const variables = JSON.parse(readFileSync(`${DIR}${name}.variables.json`, 'utf8')) as Record<string, unknown>;
        expect(Object.keys(variables).filter((k) => !declared.includes(k)), 'undeclared').to.deep.equal([]);
        const required = (operation.variableDefinitions ?? []).filter((v) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue).map((v) => v.variable.name.value);
        expect(required.filter((k) => !(k in variables)), 'required but missing').to.deep.equal([]);
        // And the values are of the declared types, as the gateway would coerce them.
        const coerced = getVariableValues(API_SCHEMA, operation.variableDefinitions ?? [], variables);
        expect((coerced.errors ?? []).map((e) => e.message)).to.deep.equal([]);
      });

      if (load(name).operation.operation === 'mutation') {
        it('names the caller headers in its leading comment', () => {
          const { source } = load(name);
          const lines = source.split('\n');
          const comment = lines.slice(0, lines.findIndex((l) => !l.startsWith('#'))).join('\n');
          const named = [...comment.matchAll(/\b(x-dev-[a-z]+):/g)].map((m) => m[1]!);
          expect(named, 'x-dev-user and x-dev-roles').to.include.members(['x-dev-user', 'x-dev-roles']);
          expect(named.filter((h) => !CALLER_HEADERS.includes(h)), 'headers the gateway does not read').to.deep.equal([]);
        });
      }
    });
  }
});
