import { expect } from 'chai';
import { buildWorld, collisionCareersJobs, distanceMiles } from '../src/demo/world.ts';

describe('demo world', () => {
  const world = buildWorld(1);

  it('is the same on every build', () => {
    const again = buildWorld(1);
    expect(again.people.slice(0, 3)).to.deep.equal(world.people.slice(0, 3));
    expect(again.people.length).to.equal(world.people.length);
  });
  it('is sized as the foundation asks: ≥ 50 schools in ≥ 10 states, ≥ 200 shops, ≥ 2,000 people', () => {
    expect(world.schools.length).to.equal(60);
    expect(new Set(world.schools.map((s) => s.stateCode)).size).to.equal(12);
    expect(world.shops.length).to.equal(240);
    expect(world.people.length).to.be.greaterThan(2000);
  });
  it('grows with --scale', () => {
    const big = buildWorld(10);
    expect([big.schools.length, big.shops.length]).to.deep.equal([600, 2400]);
    expect(big.people.length).to.be.greaterThan(world.people.length * 9);
  });
  it('gives every minor student a guardian', () => {
    const minors = world.people.filter((p) => p.roles.includes('STUDENT') && p.birthDate > '2008-09-01');
    const wards = new Set(world.guardianships.map((g) => g.wardId));
    expect(minors.length).to.be.greaterThan(100);
    expect(minors.every((m) => wards.has(m.id))).to.equal(true);
  });
  it('pairs each apprentice with a more experienced mentor at the same shop', () => {
    const byId = new Map(world.people.map((p) => [p.id, p]));
    for (const a of world.apprenticeships) {
      expect(byId.get(a.apprenticeId)!.shopId).to.equal(a.shopId);
      expect(byId.get(a.mentorId)!.shopId).to.equal(a.shopId);
      expect(byId.get(a.mentorId)!.experienceYears).to.be.greaterThan(byId.get(a.apprenticeId)!.experienceYears);
    }
  });
  it('lists Collision Careers jobs only at collision shops', () => {
    const shops = new Map(world.shops.map((s) => [s.id, s]));
    const jobs = collisionCareersJobs(world);
    expect(jobs.length).to.be.greaterThan(50);
    expect(jobs.every((j) => shops.get(j.shopId)!.industry === 'COLLISION')).to.equal(true);
  });
  it('measures distances in miles', () => {
    // Columbus to Cleveland is about 125 miles as the crow flies.
    expect(Math.round(distanceMiles({ lat: 39.96, lon: -83.0 }, { lat: 41.5, lon: -81.69 }))).to.equal(127);
  });
});
