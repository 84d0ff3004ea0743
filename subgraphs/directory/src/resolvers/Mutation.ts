import type { Context } from '../context.ts';
import { changeConsent, type ConsentInput } from '../consentChanges.ts';
import { requestErasure } from '../erasure.ts';

export const Mutation = {
  grantConsent: (_: unknown, args: { input: ConsentInput; idempotencyKey?: string | null }, ctx: Context) => changeConsent(ctx, args.input, 'GRANTED', args.idempotencyKey),
  withdrawConsent: (_: unknown, args: { input: ConsentInput; idempotencyKey?: string | null }, ctx: Context) => changeConsent(ctx, args.input, 'WITHDRAWN', args.idempotencyKey),
  requestErasure: (_: unknown, args: { personId?: string | null; idempotencyKey?: string | null }, ctx: Context) => requestErasure(ctx, args.personId, args.idempotencyKey),
};
