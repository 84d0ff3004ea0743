import { expect } from 'chai';
import { paginate, type Connection, type PageArgs } from '@talent-graph/platform';
import { databaseKinds } from '@talent-graph/platform/testing';
import { BenchmarkGrant } from '../src/entities/BenchmarkGrant.ts';
import { DonationClaim } from '../src/entities/DonationClaim.ts';
import { DonationOffer } from '../src/entities/DonationOffer.ts';
import { Donor } from '../src/entities/Donor.ts';
import { Scholarship } from '../src/entities/Scholarship.ts';
import { SchoolRef } from '../src/entities/SchoolRef.ts';
import { buildCrefData } from '../src/seedData.ts';
import { scholarshipCell, scholarshipCellTable, suppressedScholarshipCells } from '../src/rules/scholarshipCells.ts';
import { stateGrantPage } from '../src/stateGrants.ts';
import { caller, codes, run, startCref, type TestSubgraph } from './helpers.ts';

interface Totals {
  year: number | null;
  grantCount: number;
  grantsUsd: number;
  donationClaimCount: number;
  donationValueUsd: number;
  scholarshipCount: number | null;
  scholarshipsUsd: number | null;
  scholarshipsSuppressed: boolean;
}

const TOTALS = 'year grantCount grantsUsd donationClaimCount donationValueUsd scholarshipCount scholarshipsUsd scholarshipsSuppressed';
const cents = (n: number) => Math.round(n * 100) / 100;

/** Totals computed in the test from the rows themselves, to compare with what the graph says. */
function expectedTotals(
  rows: { grants: BenchmarkGrant[]; claims: DonationClaim[]; scholarships: Scholarship[] },
  keep: (row: { schoolId: string; stateCode: string }) => boolean,
  year: number | null,
  /** The scholarship cell of these totals (rules/scholarshipCells.ts), to know whether it is withheld. */
  cell: string,
): Totals {
  const withheld = suppressedScholarshipCells(rows.scholarships).has(scholarshipCell(cell, year));
  const inYear = (y: number) => year === null || y === year;
  const grants = rows.grants.filter((g) => keep(g) && inYear(g.year));
  const claims = rows.claims.filter((c) => keep(c) && inYear(Number(c.claimedOn.slice(0, 4))));
  const scholarships = rows.scholarships.filter((s) => keep(s) && inYear(s.year));
  return {
    year,
    grantCount: grants.length,
    grantsUsd: grants.reduce((s, g) => s + g.amountUsd, 0),
    donationClaimCount: claims.length,
    donationValueUsd: cents(claims.reduce((s, c) => s + c.valueUsd, 0)),
    scholarshipCount: withheld ? null : scholarships.length,
    scholarshipsUsd: withheld ? null : scholarships.reduce((s, x) => s + x.amountUsd, 0),
    scholarshipsSuppressed: withheld,
  };
}

for (const kind of databaseKinds()) {
  describe(`cref queries [${kind}]`, function () {
    let sg: TestSubgraph;
    let rows: { grants: BenchmarkGrant[]; claims: DonationClaim[]; scholarships: Scholarship[]; schools: SchoolRef[]; offers: DonationOffer[] };

    before(async function () {
      sg = await startCref(kind);
      rows = {
        grants: await sg.db.getRepository(BenchmarkGrant).find(),
        claims: await sg.db.getRepository(DonationClaim).find(),
        scholarships: await sg.db.getRepository(Scholarship).find(),
        schools: await sg.db.getRepository(SchoolRef).find({ order: { id: 'ASC' } }),
        offers: await sg.db.getRepository(DonationOffer).find(),
      };
    });
    after(async () => sg.stop());

    it('seeds the same rows the demo data describes (deterministic)', async () => {
      const data = buildCrefData(sg.world);
      expect({
        schools: rows.schools.length,
        donors: await sg.db.getRepository(Donor).count(),
        offers: rows.offers.length,
        claims: rows.claims.length,
        grants: rows.grants.length,
        scholarships: rows.scholarships.length,
      }).to.deep.equal({
        schools: data.schools.length,
        donors: data.donors.length,
        offers: data.offers.length,
        claims: data.claims.length,
        grants: data.grants.length,
        scholarships: data.scholarships.length,
      });
      const first = await sg.db.getRepository(DonationOffer).findOneByOrFail({ id: 'cref-offer-00001' });
      expect({ ...first }).to.deep.equal(data.offers[0]);
    });

    it('lists donation offers newest first, open only by default, with keyset pages', async () => {
      const q = 'query($after: String) { donationOffers(first: 3, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id offeredOn status quantityRemaining } } } }';
      const open = rows.offers.filter((o) => o.quantityClaimed < o.quantity).sort((a, b) => b.offeredOn.localeCompare(a.offeredOn) || b.id.localeCompare(a.id));
      const page1 = await run(sg, q);
      const c1 = page1.data!.donationOffers as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; status: string; quantityRemaining: number } }[] };
      expect(c1.totalCount).to.equal(open.length);
      expect(c1.edges.map((e) => e.node.id)).to.deep.equal(open.slice(0, 3).map((o) => o.id));
      expect(c1.edges.every((e) => e.node.status === 'OPEN' && e.node.quantityRemaining > 0)).to.equal(true);
      expect(c1.pageInfo.hasNextPage).to.equal(open.length > 3);
      const page2 = await run(sg, q, { after: c1.pageInfo.endCursor });
      expect((page2.data!.donationOffers as typeof c1).edges.map((e) => e.node.id)).to.deep.equal(open.slice(3, 6).map((o) => o.id));
    });

    it('filters offers by category and includes claimed ones when openOnly is false', async () => {
      const category = rows.offers.find((o) => o.quantityClaimed === o.quantity)!.category;
      const r = await run(sg, 'query($category: DonationCategory) { donationOffers(category: $category, openOnly: false, first: 100) { totalCount edges { node { category status } } } }', { category });
      const c = r.data!.donationOffers as { totalCount: number; edges: { node: { category: string; status: string } }[] };
      expect(c.totalCount).to.equal(rows.offers.filter((o) => o.category === category).length);
      expect(new Set(c.edges.map((e) => e.node.category))).to.deep.equal(new Set([category]));
      expect(c.edges.some((e) => e.node.status === 'CLAIMED')).to.equal(true);
    });

    it('refuses a bad cursor and a bad page size with BAD_USER_INPUT', async () => {
      const bad = await run(sg, '{ donationOffers(after: "not-a-cursor") { totalCount } }');
      expect(codes(bad)).to.deep.equal(['BAD_USER_INPUT']);
      expect(bad.errors![0]!.extensions!.fields).to.deep.equal([{ field: 'after', message: 'is not a cursor returned by this field' }]);
      expect(codes(await run(sg, '{ donationOffers(first: 1000) { totalCount } }'))).to.deep.equal(['BAD_USER_INPUT']);
    });

    it('shows an offer with its donor, claims, remaining quantity and status', async () => {
      const offer = rows.offers.find((o) => o.quantityClaimed > 0)!;
      const claims = rows.claims.filter((c) => c.offerId === offer.id).sort((a, b) => a.claimedOn.localeCompare(b.claimedOn) || a.id.localeCompare(b.id));
      const donor = await sg.db.getRepository(Donor).findOneByOrFail({ id: offer.donorId });
      const r = await run(sg, 'query($id: ID!) { donationOffer(id: $id) { id donor { name kind } quantity quantityClaimed quantityRemaining status claims { id quantity valueUsd school { id } offer { id } } } }', { id: offer.id });
      expect(r.data!.donationOffer).to.deep.equal({
        id: offer.id,
        donor: { name: donor.name, kind: donor.kind },
        quantity: offer.quantity,
        quantityClaimed: offer.quantityClaimed,
        quantityRemaining: offer.quantity - offer.quantityClaimed,
        status: offer.quantityClaimed === offer.quantity ? 'CLAIMED' : 'OPEN',
        claims: claims.map((c) => ({ id: c.id, quantity: c.quantity, valueUsd: c.valueUsd, school: { id: c.schoolId }, offer: { id: offer.id } })),
      });
      expect((await run(sg, '{ donationOffer(id: "cref-offer-nope") { id } }')).data).to.deep.equal({ donationOffer: null });
    });

    it('lists donors by name', async () => {
      const r = await run(sg, '{ crefDonors { name } }');
      const names = (r.data!.crefDonors as { name: string }[]).map((d) => d.name);
      expect(names.length).to.equal(25);
      expect(names).to.deep.equal([...names].sort((a, b) => a.localeCompare(b, 'en')));
      expect(names[0]).to.equal('3M');
    });

    it('crefTotals with no years gives every year present, ascending, with exact values', async () => {
      const r = await run(sg, `{ crefTotals { ${TOTALS} } }`);
      const years = [...new Set([...rows.grants.map((g) => g.year), ...rows.claims.map((c) => Number(c.claimedOn.slice(0, 4))), ...rows.scholarships.map((s) => s.year)])].sort();
      expect(r.data!.crefTotals).to.deep.equal(years.map((y) => expectedTotals(rows, () => true, y, 'all')));
      const asked = await run(sg, `{ crefTotals(years: [2023, 1999]) { ${TOTALS} } }`);
      expect(asked.data!.crefTotals).to.deep.equal([expectedTotals(rows, () => true, 2023, 'all'), expectedTotals(rows, () => true, 1999, 'all')]);
    });

    it('School totals per year and for all years match the rows, through _entities', async () => {
      const school = rows.schools.find((s) => rows.grants.some((g) => g.schoolId === s.id))!;
      const r = await run(sg, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on School { id all: crefTotals { ${TOTALS} } y2023: crefTotals(year: 2023) { ${TOTALS} } } } }`, {
        reps: [{ __typename: 'School', id: school.id }],
      });
      const mine = (row: { schoolId: string }) => row.schoolId === school.id;
      expect(r.data!._entities).to.deep.equal([{ id: school.id, all: expectedTotals(rows, mine, null, `school:${school.id}`), y2023: expectedTotals(rows, mine, 2023, `school:${school.id}`) }]);
    });

    it('one SQL statement per batch of schools for totals, however many schools and years, and none while the tables are unchanged', async () => {
      const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on School { crefTotals { grantsUsd } y: crefTotals(year: 2024) { grantsUsd } } } }`;
      const many = [...rows.schools.map((s) => s.id), ...Array.from({ length: 200 }, (_, i) => `sch-x${i}`)];
      sg.counter.reset();
      sg.counter.keep = true;
      try {
        const r = await run(sg, q, { reps: many.map((id) => ({ __typename: 'School', id })) });
        // data_revision, then the totals of the schools not kept yet (the made-up ones at least).
        expect(sg.counter.statements.map((sql) => (/data_revision/.test(sql) ? 'revisions' : /GROUP BY school_id/.test(sql) ? 'totals' : sql))).to.deep.equal(['revisions', 'totals']);
        expect((r.data!._entities as unknown[]).length).to.equal(many.length);
      } finally {
        sg.counter.keep = false;
      }
      sg.counter.reset();
      await run(sg, q, { reps: [{ __typename: 'School', id: rows.schools[0]!.id }] });
      expect(sg.counter.count).to.equal(1);
    });

    it('School grants, claims and requests for many schools cost one statement each', async () => {
      const q = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on School { id benchmarkGrants { id amountUsd } donationClaims { id offer { id } } donationRequests { id status } } } }';
      const reps = rows.schools.map((s) => ({ __typename: 'School', id: s.id }));
      sg.counter.reset();
      const r = await run(sg, q, { reps });
      // grants, claims, requests, and the offers of all claims.
      expect(sg.counter.count).to.equal(4);
      const first = (r.data!._entities as { id: string; benchmarkGrants: { id: string }[] }[])[0]!;
      const grants = rows.grants.filter((g) => g.schoolId === first.id).sort((a, b) => b.awardedOn.localeCompare(a.awardedOn) || b.id.localeCompare(a.id));
      expect(first.benchmarkGrants.map((g) => g.id)).to.deep.equal(grants.map((g) => g.id));
    });

    it('withholds scholarship figures of 1–9 students, and any a published total minus nested published totals would give away', async () => {
      const table = scholarshipCellTable(rows.scholarships);
      const withheld = suppressedScholarshipCells(rows.scholarships);
      const size = (cell: string) => table.people.get(cell)?.size ?? 0;
      // Every small cell is withheld.
      const small = [...table.people.keys()].filter((c) => size(c) > 0 && size(c) < 10);
      expect(small.length, 'the demo data has small cells').to.be.greaterThan(0);
      expect(small.filter((c) => !withheld.has(c))).to.deep.equal([]);
      // For every published cell and each way it splits, the students in its withheld parts are 0 or at least 10.
      const leaks: string[] = [];
      for (const [cell, splits] of table.decompositions) {
        if (withheld.has(cell) || size(cell) === 0) continue;
        for (const parts of splits) {
          const hidden = new Set(parts.filter((p) => withheld.has(p)).flatMap((p) => [...(table.people.get(p) ?? [])]));
          if (hidden.size > 0 && hidden.size < 10) leaks.push(`${cell} − published parts = ${hidden.size} students`);
        }
      }
      expect(leaks).to.deep.equal([]);
      // A cell is never withheld for nothing: all of CREF over all years is published when it has 10 students or more.
      expect(withheld.has(scholarshipCell('all', null))).to.equal(size(scholarshipCell('all', null)) < 10);
    });

    it('a state total minus its published schools never isolates fewer than 10 students, through the graph', async () => {
      // The attack, as a client would run it: ask a state's total and every school's in the state.
      const code = rows.scholarships[0]!.stateCode;
      const schools = rows.schools.filter((s) => s.stateCode === code);
      const r = await run(sg, `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on State { crefTotals { scholarshipCount scholarshipsSuppressed } } ... on School { id crefTotals { scholarshipCount scholarshipsSuppressed } } } }`, {
        reps: [{ __typename: 'State', code }, ...schools.map((s) => ({ __typename: 'School', id: s.id }))],
      });
      const [state, ...perSchool] = r.data!._entities as { id?: string; crefTotals: { scholarshipCount: number | null; scholarshipsSuppressed: boolean } }[];
      const hiddenSchools = perSchool.filter((s) => s.crefTotals.scholarshipsSuppressed).map((s) => s.id!);
      const students = new Set(rows.scholarships.filter((x) => hiddenSchools.includes(x.schoolId)).map((x) => x.personId));
      // Published state figure minus published school figures = the hidden schools' students: none, or 10+.
      expect(!state!.crefTotals.scholarshipsSuppressed && students.size > 0 && students.size < 10, `${hiddenSchools.length} hidden schools, ${students.size} students`).to.equal(false);
      expect(hiddenSchools.length).to.be.greaterThan(0);
      expect(perSchool.every((s) => s.crefTotals.scholarshipsSuppressed === (s.crefTotals.scholarshipCount === null))).to.equal(true);
    });

    it('keeps the withheld cells in memory, yet a write to scholarships by any writer shows in the very next request', async () => {
      // A year with no scholarships at this school: an empty cell is shown (0 people), one student is withheld.
      const school = rows.scholarships[0]!.schoolId;
      const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on School { y2031: crefTotals(year: 2031) { scholarshipCount scholarshipsSuppressed } y2032: crefTotals(year: 2032) { scholarshipCount scholarshipsSuppressed } } } }`;
      const cells = async () => ((await run(sg, q, { reps: [{ __typename: 'School', id: school }] })).data!._entities as Record<string, unknown>[])[0];
      const shown = { scholarshipCount: 0, scholarshipsSuppressed: false };
      const withheld = { scholarshipCount: null, scholarshipsSuppressed: true };
      expect(await cells()).to.deep.equal({ y2031: shown, y2032: shown });
      sg.counter.reset();
      sg.counter.keep = true;
      try {
        await cells();
        // The totals read scholarship sums; only the suppression reads who the students are.
        expect(sg.counter.statements.filter((sql) => /person_id/.test(sql)), 'scholarships read again though nothing changed').to.deep.equal([]);
      } finally {
        sg.counter.keep = false;
      }
      const stateCode = rows.schools.find((s) => s.id === school)!.stateCode;
      await sg.db.getRepository(Scholarship).insert({ id: 'cref-sch-test-1', personId: 'per-99998', schoolId: school, stateCode, year: 2031, amountUsd: 500 });
      try {
        expect(await cells(), 'after an insert').to.deep.equal({ y2031: withheld, y2032: shown });
        // An operator's SQL, not the subgraph's entities, moves it to another year.
        await sg.db.query(`UPDATE scholarship SET year = 2032 WHERE id = 'cref-sch-test-1'`);
        expect(await cells(), 'after an update').to.deep.equal({ y2031: shown, y2032: withheld });
      } finally {
        await sg.db.getRepository(Scholarship).delete({ id: 'cref-sch-test-1' });
      }
      expect(await cells(), 'after a delete').to.deep.equal({ y2031: shown, y2032: shown });
    });

    it('keeps totals in memory, yet a new grant or claim shows in the very next request', async () => {
      const school = rows.schools.find((s) => s.id === rows.grants[0]!.schoolId)!;
      const q = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on School { crefTotals(year: 2031) { grantCount grantsUsd donationClaimCount donationValueUsd } } ... on State { crefTotals(year: 2031) { grantCount donationClaimCount } } } }`;
      const totals = async () => (await run(sg, q, { reps: [{ __typename: 'School', id: school.id }, { __typename: 'State', code: school.stateCode }] })).data!._entities;
      const none = { grantCount: 0, grantsUsd: 0, donationClaimCount: 0, donationValueUsd: 0 };
      expect(await totals()).to.deep.equal([{ crefTotals: none }, { crefTotals: { grantCount: 0, donationClaimCount: 0 } }]);
      sg.counter.reset();
      await totals();
      // data_revision only: neither the school's nor the state's totals are read again.
      expect(sg.counter.count, 'totals read again though nothing changed').to.equal(1);
      const grant = { id: 'cref-grant-test-1', schoolId: school.id, stateCode: school.stateCode, year: 2031, amountUsd: 5000, awardedOn: '2031-02-01', purpose: 'test' };
      const claim = { id: 'cref-claim-test-1', offerId: rows.offers[0]!.id, schoolId: school.id, stateCode: school.stateCode, quantity: 1, valueUsd: 12.5, claimedOn: '2031-03-01', claimedBy: null, requestId: null };
      await sg.db.getRepository(BenchmarkGrant).insert(grant);
      try {
        expect(await totals(), 'after a grant').to.deep.equal([{ crefTotals: { ...none, grantCount: 1, grantsUsd: 5000 } }, { crefTotals: { grantCount: 1, donationClaimCount: 0 } }]);
        await sg.db.getRepository(DonationClaim).insert(claim);
        expect(await totals(), 'after a claim').to.deep.equal([
          { crefTotals: { grantCount: 1, grantsUsd: 5000, donationClaimCount: 1, donationValueUsd: 12.5 } },
          { crefTotals: { grantCount: 1, donationClaimCount: 1 } },
        ]);
      } finally {
        await sg.db.getRepository(DonationClaim).delete({ id: claim.id });
        await sg.db.getRepository(BenchmarkGrant).delete({ id: grant.id });
      }
      expect(await totals(), 'after deletes').to.deep.equal([{ crefTotals: none }, { crefTotals: { grantCount: 0, donationClaimCount: 0 } }]);
    });

    it('State totals and grants (a keyset connection) match the rows', async () => {
      const code = rows.grants[0]!.stateCode;
      const inState = (row: { stateCode: string }) => row.stateCode === code;
      const q = `query($reps: [_Any!]!, $after: String) { _entities(representations: $reps) { ... on State { code crefTotals { ${TOTALS} } t2022: crefTotals(year: 2022) { ${TOTALS} } benchmarkGrants(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id year school { id } } } } } } }`;
      const r = await run(sg, q, { reps: [{ __typename: 'State', code }] });
      const state = (r.data!._entities as Record<string, unknown>[])[0] as { crefTotals: Totals; t2022: Totals; benchmarkGrants: { totalCount: number; pageInfo: { endCursor: string; hasNextPage: boolean }; edges: { node: { id: string } }[] } };
      expect(state.crefTotals).to.deep.equal(expectedTotals(rows, inState, null, `state:${code}`));
      expect(state.t2022).to.deep.equal(expectedTotals(rows, inState, 2022, `state:${code}`));
      const grants = rows.grants.filter(inState).sort((a, b) => b.awardedOn.localeCompare(a.awardedOn) || b.id.localeCompare(a.id));
      expect(state.benchmarkGrants.totalCount).to.equal(grants.length);
      expect(state.benchmarkGrants.edges.map((e) => e.node.id)).to.deep.equal(grants.slice(0, 2).map((g) => g.id));
      const next = await run(sg, q, { reps: [{ __typename: 'State', code }], after: state.benchmarkGrants.pageInfo.endCursor });
      const page2 = (next.data!._entities as { benchmarkGrants: typeof state.benchmarkGrants }[])[0]!.benchmarkGrants;
      expect(page2.edges.map((e) => e.node.id)).to.deep.equal(grants.slice(2, 4).map((g) => g.id));
    });

    it("State grant pages in plain SQL are the platform paginate's pages, cursor for cursor", async () => {
      const byPaginate = (code: string, year: number | null, args: PageArgs) => {
        const qb = sg.db.getRepository(BenchmarkGrant).createQueryBuilder('grant').where('grant.stateCode = :code', { code });
        if (year !== null) qb.andWhere('grant.year = :year', { year });
        return paginate(qb, args, { column: 'grant.awardedOn', property: 'awardedOn', direction: 'DESC' }, 'grant.id');
      };
      const plain = (c: Connection<BenchmarkGrant>) => ({ ...c, edges: c.edges.map((e) => ({ cursor: e.cursor, node: { ...e.node } })) });
      const states = [...new Set(rows.grants.map((g) => g.stateCode))].slice(0, 3);
      let pages = 0;
      for (const code of [...states, 'ZZ']) {
        for (const year of [null, 2022, 2024]) {
          for (const first of [0, 1, 3, 100]) {
            let after: string | null = null;
            do {
              const expected = plain(await byPaginate(code, year, { first, after }));
              expect(plain(await stateGrantPage(sg.db, code, year, { first, after })), `${code} ${year} first ${first} after ${after}`).to.deep.equal(expected);
              pages += 1;
              after = expected.pageInfo.hasNextPage ? expected.pageInfo.endCursor : null;
            } while (after);
          }
        }
      }
      expect(pages).to.be.greaterThan(20);
      const refusal = async (p: Promise<unknown>) => p.then(() => null, (e: { extensions?: unknown }) => e.extensions);
      expect(await refusal(stateGrantPage(sg.db, states[0]!, null, { after: 'nope' }))).to.deep.equal(await refusal(byPaginate(states[0]!, null, { after: 'nope' })));
      expect(await refusal(stateGrantPage(sg.db, states[0]!, null, { first: 101 }))).to.deep.equal(await refusal(byPaginate(states[0]!, null, { first: 101 })));
    });

    it('State grants filter by year', async () => {
      const g = rows.grants[rows.grants.length - 1]!;
      const r = await run(sg, 'query($reps: [_Any!]!, $year: Int) { _entities(representations: $reps) { ... on State { benchmarkGrants(year: $year, first: 100) { totalCount edges { node { year } } } } } }', {
        reps: [{ __typename: 'State', code: g.stateCode }],
        year: g.year,
      });
      const c = (r.data!._entities as { benchmarkGrants: { totalCount: number; edges: { node: { year: number } }[] } }[])[0]!.benchmarkGrants;
      expect(c.totalCount).to.equal(rows.grants.filter((x) => x.stateCode === g.stateCode && x.year === g.year).length);
      expect(new Set(c.edges.map((e) => e.node.year))).to.deep.equal(new Set([g.year]));
    });

    it('Donor and DonationOffer resolve through _entities in one statement each', async () => {
      const offers = rows.offers.slice(0, 5);
      sg.counter.reset();
      const r = await run(sg, 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on DonationOffer { id title } ... on Donor { id name } } }', {
        reps: [...offers.map((o) => ({ __typename: 'DonationOffer', id: o.id })), { __typename: 'Donor', id: 'cref-donor-001' }, { __typename: 'Donor', id: 'cref-donor-005' }],
      });
      expect(sg.counter.count).to.equal(2);
      expect(r.data!._entities).to.deep.equal([...offers.map((o) => ({ id: o.id, title: o.title })), { id: 'cref-donor-001', name: 'Axalta Coating Systems' }, { id: 'cref-donor-005', name: '3M' }]);
    });

    it('a student sees their own scholarships; a stranger gets FORBIDDEN and null', async () => {
      const s = rows.scholarships[0]!;
      const q = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id scholarships { id year amountUsd school { id } } } } }';
      const reps = [{ __typename: 'Person', id: s.personId }];
      const own = await run(sg, q, { reps }, caller({ sub: s.personId, roles: ['student'] }));
      const mine = rows.scholarships.filter((x) => x.personId === s.personId).sort((a, b) => b.year - a.year || b.id.localeCompare(a.id));
      expect(own.data!._entities).to.deep.equal([{ id: s.personId, scholarships: mine.map((x) => ({ id: x.id, year: x.year, amountUsd: x.amountUsd, school: { id: x.schoolId } })) }]);
      const stranger = await run(sg, q, { reps }, caller({ sub: 'per-00002', roles: ['employer'] }));
      expect(stranger.data!._entities).to.deep.equal([{ id: s.personId, scholarships: null }]);
      expect(codes(stranger)).to.deep.equal(['FORBIDDEN']);
      expect(stranger.errors![0]!.path).to.deep.equal(['_entities', 0, 'scholarships']);
    });

    it('CREF admins and guardians read scholarships; anonymous callers and other partners do not', async () => {
      const s = rows.scholarships[0]!;
      const q = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { scholarships { id } } } }';
      const reps = [{ __typename: 'Person', id: s.personId }];
      expect(codes(await run(sg, q, { reps }, caller({ roles: ['partner_admin'], partner: 'cref' })))).to.deep.equal([]);
      expect(codes(await run(sg, q, { reps }, caller({ sub: 'per-00003', roles: ['guardian'], wards: [s.personId] })))).to.deep.equal([]);
      expect(codes(await run(sg, q, { reps }))).to.deep.equal(['FORBIDDEN']);
      expect(codes(await run(sg, q, { reps }, caller({ roles: ['partner_admin'], partner: 'wrenchway' })))).to.deep.equal(['FORBIDDEN']);
    });
  });
}
