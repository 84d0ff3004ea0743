import type { SchoolAssistLink as SchoolAssistLinkRow } from '../entities/SchoolAssistLink.ts';

export const SchoolAssistLink = {
  school: (link: SchoolAssistLinkRow) => ({ __typename: 'School', id: link.schoolId }),
  shop: (link: SchoolAssistLinkRow) => ({ __typename: 'Shop', id: link.shopId }),
};
