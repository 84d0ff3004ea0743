import { expect } from 'chai';
import { academyProgress, academySummary, percent } from '../src/rules/academy.ts';
import { canLogHours, canSeeAcademyEnrollment, canSeeApprenticeship } from '../src/rules/access.ts';
import { hourLogProblems, isApprenticeshipEligible, percentComplete, startDateProblem } from '../src/rules/apprenticeship.ts';
import { goldClass, goldClassOf, monthsBefore } from '../src/rules/goldClass.ts';
import { completedCoursesOf, proLevelAchievements, proLevelInRole, proLevels, type CatalogueCourse } from '../src/rules/proLevel.ts';

/** A small catalogue: two refinish courses per level, one estimator course per level, academy courses in two areas. */
const track = (id: string, role: string, proLevel: number): CatalogueCourse => ({ id, role, proLevel, learningArea: 'REFINISH', academy: false });
const academy = (id: string, learningArea: string): CatalogueCourse => ({ id, role: null, proLevel: null, learningArea, academy: true });
const CATALOGUE: CatalogueCourse[] = [
  track('r1a', 'REFINISH_TECHNICIAN', 1), track('r1b', 'REFINISH_TECHNICIAN', 1),
  track('r2a', 'REFINISH_TECHNICIAN', 2), track('r2b', 'REFINISH_TECHNICIAN', 2),
  track('r3a', 'REFINISH_TECHNICIAN', 3), track('r3b', 'REFINISH_TECHNICIAN', 3),
  track('e1', 'ESTIMATOR', 1), track('e2', 'ESTIMATOR', 2), track('e3', 'ESTIMATOR', 3),
  track('s1', 'STEEL_STRUCTURAL_TECHNICIAN', 1), track('n1', 'NON_STRUCTURAL_TECHNICIAN', 1),
  academy('a-saf1', 'SAFETY_AND_TOOLS'), academy('a-saf2', 'SAFETY_AND_TOOLS'), academy('a-saf3', 'SAFETY_AND_TOOLS'),
  academy('a-ref1', 'REFINISH'), academy('a-ref2', 'REFINISH'),
];
const done = (...ids: string[]) => new Set(ids);

describe('icar rules: ProLevel', () => {
  it('is 0 while one level-1 course is missing, with that one course to go', () => {
    expect(proLevelInRole('REFINISH_TECHNICIAN', CATALOGUE, done('r1a'))).to.deep.equal({ role: 'REFINISH_TECHNICIAN', level: 0, platinum: false, coursesToNextLevel: 1 });
  });
  it('reaches 1 when every level-1 course is done and counts the level-2 courses still needed', () => {
    expect(proLevelInRole('REFINISH_TECHNICIAN', CATALOGUE, done('r1a', 'r1b', 'r2a'))).to.deep.equal({ role: 'REFINISH_TECHNICIAN', level: 1, platinum: false, coursesToNextLevel: 1 });
  });
  it('climbs levels in order: levels 2 and 3 complete do not count while level 1 is not', () => {
    expect(proLevelInRole('REFINISH_TECHNICIAN', CATALOGUE, done('r1a', 'r2a', 'r2b', 'r3a', 'r3b'))).to.deep.equal({ role: 'REFINISH_TECHNICIAN', level: 0, platinum: false, coursesToNextLevel: 1 });
  });
  it('is Platinum at 3 with nothing left to take', () => {
    expect(proLevelInRole('ESTIMATOR', CATALOGUE, done('e1', 'e2', 'e3'))).to.deep.equal({ role: 'ESTIMATOR', level: 3, platinum: true, coursesToNextLevel: 0 });
  });
  it('gives four entries in ICarRole order, ignoring academy courses', () => {
    expect(proLevels(CATALOGUE, done('s1', 'a-saf1', 'a-ref1', 'a-ref2'))).to.deep.equal([
      { role: 'STEEL_STRUCTURAL_TECHNICIAN', level: 1, platinum: false, coursesToNextLevel: 0 },
      { role: 'NON_STRUCTURAL_TECHNICIAN', level: 0, platinum: false, coursesToNextLevel: 1 },
      { role: 'REFINISH_TECHNICIAN', level: 0, platinum: false, coursesToNextLevel: 2 },
      { role: 'ESTIMATOR', level: 0, platinum: false, coursesToNextLevel: 1 },
    ]);
  });
  it('dates each level achieved by the last course it needed', () => {
    const completions = [
      { courseId: 'r1a', completedOn: '2024-03-01' },
      { courseId: 'r1b', completedOn: '2024-01-15' },
      { courseId: 'r2a', completedOn: '2024-06-30' },
      { courseId: 'r2b', completedOn: '2024-05-02' },
      { courseId: 'r3a', completedOn: '2025-01-10' },
      { courseId: 'e1', completedOn: '2023-11-20' },
    ];
    expect(proLevelAchievements(CATALOGUE, completions)).to.deep.equal([
      { role: 'REFINISH_TECHNICIAN', proLevel: 1, earnedOn: '2024-03-01' },
      { role: 'REFINISH_TECHNICIAN', proLevel: 2, earnedOn: '2024-06-30' },
      { role: 'ESTIMATOR', proLevel: 1, earnedOn: '2023-11-20' },
    ]);
  });
});

describe('icar rules: Academy progress', () => {
  it('rounds percentages to one decimal and gives 0 for an empty whole', () => {
    expect([percent(1, 3), percent(2, 3), percent(3, 3), percent(0, 0)]).to.deep.equal([33.3, 66.7, 100, 0]);
  });
  it('counts academy courses per learning area and overall, never role-track courses', () => {
    expect(academyProgress(CATALOGUE, done('a-saf1', 'a-saf2', 'a-ref1', 'r1a'))).to.deep.equal({
      progress: [
        { area: 'SAFETY_AND_TOOLS', completedCourses: 2, totalCourses: 3, percent: 66.7 },
        { area: 'NON_STRUCTURAL_REPAIR', completedCourses: 0, totalCourses: 0, percent: 0 },
        { area: 'STRUCTURAL_REPAIR', completedCourses: 0, totalCourses: 0, percent: 0 },
        { area: 'REFINISH', completedCourses: 1, totalCourses: 2, percent: 50 },
        { area: 'MECHANICAL_AND_ELECTRICAL', completedCourses: 0, totalCourses: 0, percent: 0 },
      ],
      overallPercent: 60,
    });
  });
  it('suppresses counts of 1–9 people and the average of fewer than 10 active learners', () => {
    const active = (p: number) => ({ completed: false, overallPercent: p });
    const finished = { completed: true, overallPercent: 100 };
    expect(academySummary([active(10), active(20), finished])).to.deep.equal({ enrollmentCount: null, activeCount: null, completedCount: null, averageActivePercent: null });
    // 11 enrolled and 10 active would give away the 1 completed: both parts are withheld.
    expect(academySummary([...Array.from({ length: 10 }, (_, i) => active(i * 10 + 5)), finished])).to.deep.equal({ enrollmentCount: 11, activeCount: null, completedCount: null, averageActivePercent: null });
    const many = (n: number, p: number) => Array.from({ length: n }, () => active(p));
    expect(academySummary([...many(12, 40), ...Array(10).fill(finished)])).to.deep.equal({ enrollmentCount: 22, activeCount: 12, completedCount: 10, averageActivePercent: 40 });
    expect(academySummary(many(12, 40))).to.deep.equal({ enrollmentCount: 12, activeCount: 12, completedCount: 0, averageActivePercent: 40 });
    expect(academySummary([])).to.deep.equal({ enrollmentCount: 0, activeCount: 0, completedCount: 0, averageActivePercent: null });
  });
});

describe('icar rules: Gold Class', () => {
  const TODAY = '2026-09-01';
  const coverAll = (completedOn: string) => [
    [{ courseId: 'r1a', completedOn }, { courseId: 'r1b', completedOn }, { courseId: 'e1', completedOn }],
    [{ courseId: 's1', completedOn }, { courseId: 'n1', completedOn }],
  ];
  it('qualifies a collision shop whose technicians cover every role with current training', () => {
    expect(goldClass('COLLISION', coverAll('2026-01-10'), CATALOGUE, TODAY)).to.deep.equal({
      qualified: true,
      coveredRoles: ['STEEL_STRUCTURAL_TECHNICIAN', 'NON_STRUCTURAL_TECHNICIAN', 'REFINISH_TECHNICIAN', 'ESTIMATOR'],
      missingRoles: [],
    });
  });
  it('names the role nobody is trained in', () => {
    const techs = [[{ courseId: 'r1a', completedOn: '2026-05-01' }, { courseId: 'r1b', completedOn: '2026-05-01' }, { courseId: 's1', completedOn: '2026-05-01' }, { courseId: 'n1', completedOn: '2026-05-01' }]];
    expect(goldClass('COLLISION', techs, CATALOGUE, TODAY)).to.deep.equal({ qualified: false, coveredRoles: ['STEEL_STRUCTURAL_TECHNICIAN', 'NON_STRUCTURAL_TECHNICIAN', 'REFINISH_TECHNICIAN'], missingRoles: ['ESTIMATOR'] });
  });
  it('counts training exactly 12 months old and not a day older (yearly renewal)', () => {
    expect(goldClass('COLLISION', coverAll('2025-09-01'), CATALOGUE, TODAY).qualified).to.equal(true);
    expect(goldClass('COLLISION', coverAll('2025-08-31'), CATALOGUE, TODAY)).to.deep.equal({
      qualified: false,
      coveredRoles: [],
      missingRoles: ['STEEL_STRUCTURAL_TECHNICIAN', 'NON_STRUCTURAL_TECHNICIAN', 'REFINISH_TECHNICIAN', 'ESTIMATOR'],
    });
  });
  it('renews a ProLevel held for years with any recent course', () => {
    const techs = [[{ courseId: 'r1a', completedOn: '2019-02-01' }, { courseId: 'r1b', completedOn: '2019-03-01' }, { courseId: 'a-saf1', completedOn: '2026-04-01' }]];
    expect(goldClass('COLLISION', techs, CATALOGUE, TODAY).coveredRoles).to.deep.equal(['REFINISH_TECHNICIAN']);
  });
  it('does not renew with a course dated after today', () => {
    const techs = [[{ courseId: 'r1a', completedOn: '2019-02-01' }, { courseId: 'r1b', completedOn: '2019-03-01' }, { courseId: 'a-saf1', completedOn: '2026-09-02' }]];
    expect(goldClass('COLLISION', techs, CATALOGUE, TODAY).coveredRoles).to.deep.equal([]);
  });
  it('decides on what a technician completed and their latest completion up to today, as the loader reads them', () => {
    const completions = [{ courseId: 'r1a', completedOn: '2026-03-01' }, { courseId: 'r1b', completedOn: '2026-07-15' }, { courseId: 'a-saf1', completedOn: '2026-09-02' }];
    expect(completedCoursesOf(completions, TODAY)).to.deep.equal({ completed: new Set(['r1a', 'r1b', 'a-saf1']), lastCompletedOn: '2026-07-15' });
    expect(completedCoursesOf([], TODAY)).to.deep.equal({ completed: new Set(), lastCompletedOn: null });
    expect(goldClassOf('COLLISION', [completedCoursesOf(completions, TODAY)], CATALOGUE, TODAY)).to.deep.equal({
      qualified: false,
      coveredRoles: ['REFINISH_TECHNICIAN'],
      missingRoles: ['STEEL_STRUCTURAL_TECHNICIAN', 'NON_STRUCTURAL_TECHNICIAN', 'ESTIMATOR'],
    });
  });
  it('never qualifies a shop outside collision', () => {
    expect(goldClass('AUTOMOTIVE', coverAll('2026-01-10'), CATALOGUE, TODAY)).to.deep.equal({
      qualified: false,
      coveredRoles: [],
      missingRoles: ['STEEL_STRUCTURAL_TECHNICIAN', 'NON_STRUCTURAL_TECHNICIAN', 'REFINISH_TECHNICIAN', 'ESTIMATOR'],
    });
  });
  it('steps back whole months, clamping to the end of a shorter month', () => {
    expect([monthsBefore('2026-09-01', 12), monthsBefore('2026-03-31', 1), monthsBefore('2024-02-29', 12)]).to.deep.equal(['2025-09-01', '2026-02-28', '2023-02-28']);
  });
});

describe('icar rules: apprenticeships', () => {
  it('makes a person eligible on their 16th birthday and not the day before', () => {
    expect(isApprenticeshipEligible('2010-09-01', '2026-09-01')).to.equal(true);
    expect(isApprenticeshipEligible('2010-09-02', '2026-09-01')).to.equal(false);
  });
  it('accepts a valid day of hours', () => {
    expect(hourLogProblems({ apprenticeshipId: 'apr-0001', workedOn: '2026-09-01', hours: 12, activity: 'MIG welding' }, '2026-09-01')).to.deep.equal([]);
  });
  it('names every bad field at once', () => {
    expect(hourLogProblems({ apprenticeshipId: ' ', workedOn: '2026-02-30', hours: 0, activity: 'ab' }, '2026-09-01')).to.deep.equal([
      { field: 'input.apprenticeshipId', message: 'must be an apprenticeship id' },
      { field: 'input.workedOn', message: 'must be a date in the form YYYY-MM-DD' },
      { field: 'input.hours', message: 'must be more than 0 and at most 12' },
      { field: 'input.activity', message: 'must be 3 to 500 characters' },
    ]);
  });
  it('refuses a future day, more than 12 hours and an activity over 500 characters', () => {
    expect(hourLogProblems({ apprenticeshipId: 'apr-0001', workedOn: '2026-09-02', hours: 12.25, activity: 'x'.repeat(501) }, '2026-09-01')).to.deep.equal([
      { field: 'input.workedOn', message: 'cannot be in the future' },
      { field: 'input.hours', message: 'must be more than 0 and at most 12' },
      { field: 'input.activity', message: 'must be 3 to 500 characters' },
    ]);
  });
  it('refuses a day before the apprenticeship started, and accepts the start day', () => {
    expect(startDateProblem('2025-03-31', '2025-04-01')).to.deep.equal({ field: 'input.workedOn', message: 'cannot be before the apprenticeship started (2025-04-01)' });
    expect(startDateProblem('2025-04-01', '2025-04-01')).to.equal(null);
  });
  it('rounds percent complete to one decimal and caps it at 100', () => {
    expect([percentComplete(1234.5, 4000), percentComplete(0, 4000), percentComplete(4100, 4000)]).to.deep.equal([30.9, 0, 100]);
  });
});

describe('icar rules: access', () => {
  const parties = { apprenticeId: 'per-1', mentorId: 'per-2' };
  const caller = (over: object) => ({ sub: 'per-9', roles: [], scopes: [], ...over });
  it('shows an apprenticeship to its parties, the apprentice’s guardian, I-CAR admins and support only', () => {
    expect([
      canSeeApprenticeship(caller({ sub: 'per-1' }), parties),
      canSeeApprenticeship(caller({ sub: 'per-2' }), parties),
      canSeeApprenticeship(caller({ roles: ['guardian'], wards: ['per-1'] }), parties),
      canSeeApprenticeship(caller({ roles: ['partner_admin'], partner: 'icar' }), parties),
      canSeeApprenticeship(caller({ roles: ['support'] }), parties),
      canSeeApprenticeship(caller({ roles: ['partner_admin'], partner: 'ase' }), parties),
      canSeeApprenticeship(caller({ roles: ['employer'] }), parties),
    ]).to.deep.equal([true, true, true, true, true, false, false]);
  });
  it('lets support read but not log hours', () => {
    expect([canLogHours(caller({ sub: 'per-2' }), parties), canLogHours(caller({ roles: ['support'] }), parties)]).to.deep.equal([true, false]);
  });
  it('shows Academy progress to an instructor of the delivering school only', () => {
    expect([
      canSeeAcademyEnrollment(caller({ roles: ['instructor'], schoolId: 'sch-1' }), 'per-1', 'sch-1'),
      canSeeAcademyEnrollment(caller({ roles: ['instructor'], schoolId: 'sch-2' }), 'per-1', 'sch-1'),
      canSeeAcademyEnrollment(caller({ roles: ['school_admin'], schoolId: 'sch-1' }), 'per-1', 'sch-1'),
    ]).to.deep.equal([true, false, false]);
  });
});
