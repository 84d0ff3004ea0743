import { integer, mapEntity, varchar } from './mapEntity.ts';

/** A BLS Standard Occupational Classification occupation and its national median pay. */
export class Occupation {
  socCode!: string;
  title!: string;
  medianAnnualPayUsd!: number;
  medianPayYear!: number;
}

mapEntity(Occupation, 'occupation', {
  socCode: { ...varchar('soc_code', 10), primary: true },
  title: varchar('title', 120),
  medianAnnualPayUsd: integer('median_annual_pay_usd'),
  medianPayYear: integer('median_pay_year'),
});
