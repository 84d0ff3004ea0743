import { expect } from 'chai';
import type { Caller } from '@talent-graph/platform';
import { ageBand, isMinor, isUnderCoppaAge } from '../src/rules/age.ts';
import { consentChangeNeeded, currentConsents } from '../src/rules/consent.ts';
import { compareNewestFirst, credentialStatus } from '../src/rules/credentials.ts';
import { displayName } from '../src/rules/names.ts';
import { isTechnician, joinRoles, parseRoles } from '../src/rules/roles.ts';
import { consentPermission, mayReadPrivate, mayViewPerson } from '../src/rules/visibility.ts';

const caller = (sub: string | null, roles: Caller['roles'] = [], extra: Partial<Caller> = {}): Caller => ({ sub, roles, scopes: [], ...extra });

describe('directory rules: age bands', () => {
  // Born 2010-06-15: 13 on 2023-06-15, 16 on 2026-06-15, 18 on 2028-06-15.
  const born = '2010-06-15';
  it('is UNDER_13 the day before the 13th birthday and AGE_13_15 on it', () => {
    expect([ageBand(born, '2023-06-14'), ageBand(born, '2023-06-15')]).to.deep.equal(['UNDER_13', 'AGE_13_15']);
  });
  it('is AGE_13_15 the day before the 16th birthday and AGE_16_17 on it', () => {
    expect([ageBand(born, '2026-06-14'), ageBand(born, '2026-06-15')]).to.deep.equal(['AGE_13_15', 'AGE_16_17']);
  });
  it('is AGE_16_17 the day before the 18th birthday and AGE_18_24 on it', () => {
    expect([ageBand(born, '2028-06-14'), ageBand(born, '2028-06-15')]).to.deep.equal(['AGE_16_17', 'AGE_18_24']);
  });
  it('moves to AGE_25_34, AGE_35_54 and AGE_55_PLUS exactly on the 25th, 35th and 55th birthdays', () => {
    expect([
      ageBand(born, '2035-06-14'), ageBand(born, '2035-06-15'),
      ageBand(born, '2045-06-14'), ageBand(born, '2045-06-15'),
      ageBand(born, '2065-06-14'), ageBand(born, '2065-06-15'),
    ]).to.deep.equal(['AGE_18_24', 'AGE_25_34', 'AGE_25_34', 'AGE_35_54', 'AGE_35_54', 'AGE_55_PLUS']);
  });
  it('puts a birth date in the future and a newborn in UNDER_13', () => {
    expect([ageBand('2030-01-01', '2026-09-01'), ageBand('2026-09-01', '2026-09-01')]).to.deep.equal(['UNDER_13', 'UNDER_13']);
  });
  it('is a minor until the day of the 18th birthday', () => {
    expect([isMinor(born, '2028-06-14'), isMinor(born, '2028-06-15'), isMinor(born, '2040-01-01')]).to.deep.equal([true, false, false]);
  });
  it('is under the COPPA age until the day of the 13th birthday', () => {
    expect([isUnderCoppaAge(born, '2023-06-14'), isUnderCoppaAge(born, '2023-06-15')]).to.deep.equal([true, false]);
  });
  it('gives a 29 February birthday its next year of age on 1 March in a common year', () => {
    expect([isMinor('2008-02-29', '2026-02-28'), isMinor('2008-02-29', '2026-03-01'), isMinor('2008-02-29', '2028-02-29')]).to.deep.equal([true, false, false]);
  });
});

describe('directory rules: display name', () => {
  it('is the given name and the initial of the family name', () => {
    expect(displayName('Maria', 'Garcia')).to.equal('Maria G.');
  });
  it('trims spaces and capitalises the initial', () => {
    expect(displayName('  Lee ', ' van Dyke')).to.equal('Lee V.');
  });
  it('is the given name alone when there is no family name', () => {
    expect(displayName('Ana', '  ')).to.equal('Ana');
  });
  it('keeps an initial outside the Basic Multilingual Plane whole', () => {
    expect(displayName('Kai', '𝓩ed')).to.equal('Kai 𝓩.');
  });
});

describe('directory rules: credentials', () => {
  it('is CURRENT the day before expiry and EXPIRED on the expiry date', () => {
    expect([credentialStatus('2026-09-02', '2026-09-01'), credentialStatus('2026-09-01', '2026-09-01'), credentialStatus('2020-01-01', '2026-09-01')]).to.deep.equal(['CURRENT', 'EXPIRED', 'EXPIRED']);
  });
  it('is always CURRENT without an expiry date', () => {
    expect(credentialStatus(null, '2099-12-31')).to.equal('CURRENT');
  });
  it('orders a wallet newest earned first, ties by id descending', () => {
    const wallet = [
      { id: 'a', earnedOn: '2020-01-01' },
      { id: 'b', earnedOn: '2024-05-01' },
      { id: 'c', earnedOn: '2024-05-01' },
    ];
    expect([...wallet].sort(compareNewestFirst).map((c) => c.id)).to.deep.equal(['c', 'b', 'a']);
  });
});

describe('directory rules: consent', () => {
  it('records a change only when the requested action differs from the latest', () => {
    expect([
      consentChangeNeeded(null, 'GRANTED'),
      consentChangeNeeded(null, 'WITHDRAWN'),
      consentChangeNeeded('GRANTED', 'GRANTED'),
      consentChangeNeeded('GRANTED', 'WITHDRAWN'),
      consentChangeNeeded('WITHDRAWN', 'WITHDRAWN'),
      consentChangeNeeded('WITHDRAWN', 'GRANTED'),
    ]).to.deep.equal([true, true, false, true, false, true]);
  });
  it('derives the current state of each purpose from its latest event', () => {
    const log = [
      { purpose: 'RESEARCH', action: 'GRANTED', seq: 1 },
      { purpose: 'MARKETING', action: 'GRANTED', seq: 2 },
      { purpose: 'RESEARCH', action: 'WITHDRAWN', seq: 3 },
    ];
    const current = currentConsents(log);
    expect(Object.fromEntries([...current].map(([purpose, e]) => [purpose, e.action]))).to.deep.equal({ RESEARCH: 'WITHDRAWN', MARKETING: 'GRANTED' });
  });
});

describe('directory rules: visibility', () => {
  const minor = { personId: 'per-2', isMinor: true, guardianIds: ['per-9'], publicProfile: false };
  const publicAdult = { personId: 'per-3', isMinor: false, guardianIds: [], publicProfile: true };
  const hiddenAdult = { personId: 'per-4', isMinor: false, guardianIds: [], publicProfile: false };
  it('lets the person, their guardian (per the table) and support read private fields, nobody else', () => {
    expect([
      mayReadPrivate(caller('per-2'), minor),
      mayReadPrivate(caller('per-9'), minor),
      mayReadPrivate(caller('per-7', ['support']), minor),
      mayReadPrivate(caller('per-8', ['guardian'], { wards: ['per-2'] }), minor),
      mayReadPrivate(caller('per-1', ['partner_admin'], { partner: 'ase' }), minor),
      mayReadPrivate(caller(null), minor),
    ]).to.deep.equal([true, true, true, false, false, false]);
  });
  it('ends guardian rights when the ward is an adult', () => {
    expect(mayReadPrivate(caller('per-9'), { ...minor, isMinor: false })).to.equal(false);
  });
  it('shows an adult with PUBLIC_PROFILE to anyone, never a minor with it', () => {
    expect([
      mayViewPerson(caller(null), publicAdult),
      mayViewPerson(caller(null), hiddenAdult),
      mayViewPerson(caller(null), { ...minor, publicProfile: true }),
      mayViewPerson(caller('per-5'), { ...minor, publicProfile: true }),
      mayViewPerson(caller('per-1', ['partner_admin'], { partner: 'icar' }), hiddenAdult),
    ]).to.deep.equal([true, false, false, false, true]);
  });
  it('lets only the person or a guardian change consents, and only a guardian under 13', () => {
    expect([
      consentPermission(caller('per-2'), { ...minor, underCoppaAge: false }),
      consentPermission(caller('per-2'), { ...minor, underCoppaAge: true }),
      consentPermission(caller('per-9'), { ...minor, underCoppaAge: true }),
      consentPermission(caller('per-7', ['support']), { ...minor, underCoppaAge: false }),
      consentPermission(caller('per-8', [], { wards: ['per-2'] }), { ...minor, underCoppaAge: false }),
    ]).to.deep.equal(['ALLOWED', 'GUARDIAN_REQUIRED', 'ALLOWED', 'NOT_SELF_OR_GUARDIAN', 'NOT_SELF_OR_GUARDIAN']);
  });
});

describe('directory rules: roles', () => {
  it('stores roles in a fixed order and reads them back', () => {
    expect([joinRoles(['TECHNICIAN', 'APPRENTICE']), parseRoles('TECHNICIAN,APPRENTICE,BOGUS')]).to.deep.equal(['APPRENTICE,TECHNICIAN', ['APPRENTICE', 'TECHNICIAN']]);
  });
  it('counts technicians and apprentices as a shop technician, not employers', () => {
    expect([isTechnician(['TECHNICIAN']), isTechnician(['APPRENTICE']), isTechnician(['EMPLOYER'])]).to.deep.equal([true, true, false]);
  });
});
