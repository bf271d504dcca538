import * as core from './core';

describe('core: the public API', () => {
  it('exposes every function the app uses, loadable without Nest or a database', () => {
    const functions = [
      'erlangB',
      'erlangC',
      'erlangCForAgents',
      'erlangA',
      'erlangAForAgents',
      'probabilityOfWaiting',
      'serviceLevel',
      'averageSpeedOfAnswer',
      'textbookErlangC',
      'grossUpForShrinkage',
      'chatRequirement',
      'deferredWorkRequirement',
      'forecast',
      'forecastAht',
      'wape',
      'solveSchedule',
      'greedySchedule',
      'validateSchedule',
      'evaluateSchedule',
      'solveInWorker',
    ] as const;
    for (const name of functions) expect(typeof core[name]).toBe('function');
    expect(new core.StaffingInputError('contacts', 'bad')).toMatchObject({
      field: 'contacts',
      message: 'bad',
      name: 'StaffingInputError',
    });
    expect(core.DEFAULT_SCHEDULE_WEIGHTS).toEqual({ underCoverage: 100, overCoverage: 2, cost: 1 });
  });

  it('chains forecast → Erlang C → schedule requirement on a tiny example', () => {
    const history = [0, 10, 20, 10, 0, 12, 22, 12];
    const volumes = core.forecast(history, { seasonLength: 4, horizon: 4 });
    const required = volumes.values.map(
      (contacts) =>
        core.erlangC({
          contacts,
          intervalSeconds: 900,
          ahtSeconds: 300,
          serviceLevelTarget: 0.8,
          targetAnswerSeconds: 20,
          shrinkage: 0.3,
          maxOccupancy: 0.9,
        }).scheduledAgents,
    );
    expect(required[0]).toBe(0);
    expect(required[2]).toBeGreaterThan(required[1]);
  });
});
