import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Caller } from '@talent-graph/platform/core';
import { mayRunAdHoc } from './trustedDocuments.ts';

/**
 * Introspection per caller. Apollo Server's `introspection` switch is all or nothing, so it stays
 * on and this plugin decides: in development everybody may introspect (the explorer needs it); in
 * production only analysts and partner admins, who write ad hoc queries. `__typename` is not
 * introspection here: clients add it everywhere.
 */
export function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export function introspectionPlugin<TContext extends { caller: Caller }>(production: boolean): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      if (!production) return;
      return {
        // After validation, before planning: a refused introspection calls nothing.
        async didResolveOperation({ document, contextValue }) {
          if (mayRunAdHoc(contextValue.caller) || !usesIntrospection(document)) return;
          throw new GraphQLError('Introspection is off in production for your role', { extensions: { code: 'INTROSPECTION_DISABLED', http: { status: 403 } } });
        },
      };
    },
  };
}
