import { MentorCandidate, orientedPercentile, rankMentors, RANKING_WEIGHTS } from './mentor-ranking';

const skills = (entries: Record<string, number>) => new Map(Object.entries(entries));
const higherIsBetter = (metric: string) => metric !== 'FIRST_RESPONSE_TIME_MEDIAN';

describe('orientedPercentile', () => {
  it('counts the others beaten, ties half, either direction', () => {
    expect(orientedPercentile(5, [1, 2, 5, 9], true)).toBe(0.625);
    expect(orientedPercentile(5, [1, 2, 5, 9], false)).toBe(0.375);
    expect(orientedPercentile(5, [], true)).toBe(0.5);
  });
});

describe('rankMentors', () => {
  const mentee = { id: 'mentee', teamId: 't1', skills: skills({ billing: 2, returns: 1 }) };
  const candidate = (id: string, teamId: string, s: Record<string, number>, activeMentees = 0): MentorCandidate => ({
    id,
    teamId,
    skills: skills(s),
    capacity: 3,
    activeMentees,
  });

  it('without KPI values ranks by shared skills, team and free places, and says why', () => {
    const ranked = rankMentors(
      mentee,
      [
        candidate('far', 't2', {}),
        candidate('peer', 't1', { billing: 4, returns: 1 }, 1),
        candidate('full', 't1', { billing: 5 }, 3),
        candidate('mentee', 't1', {}),
      ],
      [],
      higherIsBetter,
    );
    expect(ranked.map((r) => r.mentorId)).toEqual(['peer', 'far']);
    const [peer] = ranked;
    // skills (1 + 0.5) / 2 = 0.75, same team 1, places 2/3, weights without the KPI part rescaled.
    const w = RANKING_WEIGHTS;
    expect(peer!.score).toBeCloseTo(
      (w.skills * 0.75 + w.team * 1 + w.capacity * (2 / 3)) / (w.skills + w.team + w.capacity),
      12,
    );
    expect(peer!.reasons).toEqual([
      'Knows billing better than the mentee.',
      'Shares the skill returns.',
      'Works on the same team.',
      '2 of 3 mentoring places free.',
    ]);
    expect(peer).toMatchObject({
      sameTeam: true,
      sharedSkills: ['billing', 'returns'],
      freeCapacity: 2,
      kpiStrengths: [],
    });
  });

  it('puts the mentor strongest on the mentee’s weakest metrics first', () => {
    const readings = [
      // CSAT: the mentee is worst; FRT (lower is better): the mentee is worst too; resolution: the mentee is best (not weak).
      { agentId: 'mentee', metric: 'CSAT', value: 70 },
      { agentId: 'a', metric: 'CSAT', value: 95 },
      { agentId: 'b', metric: 'CSAT', value: 80 },
      { agentId: 'mentee', metric: 'FIRST_RESPONSE_TIME_MEDIAN', value: 300 },
      { agentId: 'a', metric: 'FIRST_RESPONSE_TIME_MEDIAN', value: 60 },
      { agentId: 'b', metric: 'FIRST_RESPONSE_TIME_MEDIAN', value: 200 },
      { agentId: 'mentee', metric: 'RESOLUTION_RATE', value: 99 },
      { agentId: 'a', metric: 'RESOLUTION_RATE', value: 50 },
      { agentId: 'b', metric: 'RESOLUTION_RATE', value: 90 },
    ];
    // Alike in everything but the KPIs.
    const ranked = rankMentors(
      mentee,
      [candidate('b', 't2', { billing: 3 }), candidate('a', 't2', { billing: 3 })],
      readings,
      higherIsBetter,
    );
    expect(ranked[0]!.mentorId).toBe('a');
    expect(ranked[0]!.kpiStrengths.map((k) => k.metric).sort()).toEqual(['CSAT', 'FIRST_RESPONSE_TIME_MEDIAN']);
    expect(ranked[0]!.kpiStrengths.every((k) => k.mentorPercentile === 1)).toBe(true);
    expect(ranked[0]!.reasons[0]).toMatch(/^Strong on (CSAT|median first response time), one of the mentee's weakest/);
    expect(ranked[1]!.kpiStrengths.every((k) => k.mentorPercentile === 0.5)).toBe(true);
  });
});
