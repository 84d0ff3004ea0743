/**
 * The stock gateway the benchmark compares ours with: `new ApolloGateway` + `new ApolloServer` +
 * `startStandaloneServer`, every option at its default, with two additions so both gateways do
 * the same work for the subgraphs:
 *  - the caller named by the same x-dev-* headers our gateway reads in development, sent to the
 *    subgraphs in the same caller header;
 *  - the same request signature (signing.ts) over the exact body RemoteGraphQLDataSource sends,
 *    added by wrapping its default fetcher, so its HTTP client (make-fetch-happen) stays in place.
 * Stock refuses a supergraph that links @authenticated/@requiresScopes/@policy
 * (UNSUPPORTED_LINKED_FEATURE): stockSupergraph() removes those links and directives, so it
 * serves the same graph without the access checks ours performs.
 *
 *   env: STOCK_SUPERGRAPH_PATH, STOCK_PORT, SUBGRAPH_SIGNING_SECRET, SUBGRAPH_URL_<NAME>
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ApolloGateway, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ANONYMOUS, CALLER_HEADER, encodeCaller, SIGNATURE_HEADER, signRequest, type Caller } from '@talent-graph/platform';
import { callerFromDevHeaders } from '../gateway/src/plugins/identity.ts';

interface StockContext {
  caller: Caller;
}

class SigningDataSource extends RemoteGraphQLDataSource<StockContext> {
  constructor(url: string, secret: string) {
    super({ url });
    // Wraps the default fetcher (make-fetch-happen) rather than replacing it: the signature covers
    // the exact body string RemoteGraphQLDataSource hands to it.
    const defaultFetcher = this.fetcher;
    this.fetcher = (input, init) => {
      const headers = { ...(init?.headers as Record<string, string>) };
      headers[SIGNATURE_HEADER] = signRequest(secret, headers[CALLER_HEADER] ?? '', String(init?.body ?? ''));
      return defaultFetcher(input, { ...init, headers });
    };
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<StockContext>): void {
    request.http?.headers.set(CALLER_HEADER, encodeCaller(context.caller ?? ANONYMOUS));
  }
}

const secret = process.env.SUBGRAPH_SIGNING_SECRET ?? '';
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.STOCK_SUPERGRAPH_PATH!, 'utf8'),
  buildService: ({ name, url }) => new SigningDataSource(process.env[`SUBGRAPH_URL_${name.toUpperCase()}`] ?? url!, secret),
});
const server = new ApolloServer<StockContext>({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.STOCK_PORT), host: '127.0.0.1' },
  context: async ({ req }: { req: IncomingMessage }) => ({ caller: callerFromDevHeaders(req) }),
});
console.log(`stock gateway listening at ${url}`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
