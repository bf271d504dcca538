import { identityLookup, namedIdentities } from './identity-lookup';

describe('identity lookup', () => {
  const resolved = {
    agents: new Map([
      ['zendesk:user:1', 'agent-1'],
      ['email:mapped@example.test', 'agent-2'],
    ]),
    teams: new Map([['zendesk:group:9', 'team-9']]),
    agentEmails: new Map([['own@example.test', 'agent-3']]),
  };
  const lookup = identityLookup(resolved);

  it('finds an agent by its reference, then a mapping of its email, then its own email', () => {
    expect(lookup.agentId({ ref: 'zendesk:user:1', email: 'own@example.test' })).toBe('agent-1');
    expect(lookup.agentId({ ref: 'zendesk:user:2', email: 'Mapped@Example.test' })).toBe('agent-2');
    expect(lookup.agentId({ ref: 'zendesk:user:3', email: 'own@example.test' })).toBe('agent-3');
    expect(lookup.agentId({ ref: 'email:OWN@example.test', email: null })).toBe('agent-3');
    expect(lookup.agentId({ ref: 'zendesk:user:4', email: null })).toBeNull();
    expect(lookup.teamId({ ref: 'zendesk:group:9' })).toBe('team-9');
    expect(lookup.teamId({ ref: 'zendesk:group:8' })).toBeNull();
  });

  it('asks for every reference and email a batch names, once', () => {
    expect(
      namedIdentities(
        [
          { ref: 'zendesk:user:1', email: 'A@x.test' },
          null,
          { ref: 'email:a@X.test', email: 'a@x.test' },
          { ref: 'zendesk:user:1', email: 'a@x.test' },
        ],
        [{ ref: 'zendesk:group:9' }, null, { ref: 'zendesk:group:9' }],
      ),
    ).toEqual({
      agentRefs: ['zendesk:user:1', 'email:a@x.test', 'email:a@X.test'],
      teamRefs: ['zendesk:group:9'],
      emails: ['a@x.test'],
    });
  });
});
