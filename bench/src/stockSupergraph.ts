import { Kind, parse, print, visit, type ConstDirectiveNode, type DirectiveDefinitionNode, type ScalarTypeDefinitionNode } from 'graphql';

/**
 * The supergraph the stock gateway can load: stock @apollo/gateway refuses one that links
 * @authenticated, @requiresScopes or @policy (UNSUPPORTED_LINKED_FEATURE), because it would
 * ignore them. Removing the links, the directive definitions, their scalars and every use leaves
 * the same graph (types, fields, join metadata, so the same query plans) without access rules.
 */
const SECURITY_DIRECTIVES = new Set(['authenticated', 'requiresScopes', 'policy']);
const SECURITY_SCALARS = new Set(['policy__Policy', 'requiresScopes__Scope']);
const SECURITY_LINK = /^https:\/\/specs\.apollo\.dev\/(authenticated|requiresScopes|policy)\//;

function isSecurity(directive: ConstDirectiveNode): boolean {
  if (SECURITY_DIRECTIVES.has(directive.name.value)) return true;
  if (directive.name.value !== 'link') return false;
  const url = directive.arguments?.find((a) => a.name.value === 'url')?.value;
  return url?.kind === Kind.STRING && SECURITY_LINK.test(url.value);
}

export function stockSupergraph(supergraphSdl: string): string {
  const stripped = visit(parse(supergraphSdl), {
    Directive: (node) => (isSecurity(node as ConstDirectiveNode) ? null : undefined),
    DirectiveDefinition: (node: DirectiveDefinitionNode) => (SECURITY_DIRECTIVES.has(node.name.value) ? null : undefined),
    ScalarTypeDefinition: (node: ScalarTypeDefinitionNode) => (SECURITY_SCALARS.has(node.name.value) ? null : undefined),
  });
  return `${print(stripped)}\n`;
}
