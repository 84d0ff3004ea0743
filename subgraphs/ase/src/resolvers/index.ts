import type { Resolvers } from '@talent-graph/platform';
import type { Loaders } from '../loaders.ts';
import { aseAccreditationResolvers } from './AseAccreditation.ts';
import { aseCertificationResolvers } from './AseCertification.ts';
import { erasureReceiptResolvers } from './ErasureReceipt.ts';
import { myDataResolvers } from './MyData.ts';
import { personResolvers } from './Person.ts';
import { programResolvers } from './Program.ts';
import { queryResolvers } from './Query.ts';
import { shopResolvers } from './Shop.ts';
import { stateResolvers } from './State.ts';

export const resolvers: Resolvers<Loaders> = {
  ...queryResolvers,
  ...personResolvers,
  ...aseCertificationResolvers,
  ...programResolvers,
  ...aseAccreditationResolvers,
  ...shopResolvers,
  ...stateResolvers,
  ...myDataResolvers,
  ...erasureReceiptResolvers,
};
