import { expect } from 'chai';
import { addDays, addYears, ageOn, isIsoDate } from '../src/dates.ts';

describe('dates', () => {
  it('computes whole years of age, turning a year older on the birthday itself', () => {
    expect(ageOn('2010-06-15', '2026-06-14')).to.equal(15);
    expect(ageOn('2010-06-15', '2026-06-15')).to.equal(16);
  });
  it('adds years and days to ISO dates', () => {
    expect(addYears('2021-03-31', 5)).to.equal('2026-03-31');
    expect(addDays('2026-12-31', 1)).to.equal('2027-01-01');
  });
  it('accepts only real calendar dates in YYYY-MM-DD form', () => {
    expect([isIsoDate('2026-02-28'), isIsoDate('2026-02-30'), isIsoDate('26-02-01'), isIsoDate('2026-2-1')]).to.deep.equal([true, false, false, false]);
  });
});
