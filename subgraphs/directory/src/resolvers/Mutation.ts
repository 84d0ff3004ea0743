import type { Context } from '../context.ts';
import { changeConsent, type ConsentInput } from '../consentChanges.ts';
import { requestErasure } from '../erasure.ts';

export const Mutation = {
  grantConsent: (_: unknown, args: { input: ConsentInput }, ctx: Context) => changeConsent(ctx, args.input, 'GRANTED'),
  withdrawConsent: (_: unknown, args: { input: ConsentInput }, ctx: Context) => changeConsent(ctx, args.input, 'WITHDRAWN'),
  requestErasure: (_: unknown, args: { personId?: string | null }, ctx: Context) => requestErasure(ctx, args.personId),
};
