import { Actor, Role } from '@deskforce/platform';
import { AgentLifecycle } from './agent-lifecycle';
import { AgentRow } from './agent-row';

describe('AgentLifecycle', () => {
  const actor: Actor = { userId: 'u', tenantId: 't', role: Role.ADMIN, email: 'a@example.test' };
  const agent = { id: 'a1' } as AgentRow;

  it('runs the listeners in registration order, one after the other', async () => {
    const lifecycle = new AgentLifecycle();
    const calls: string[] = [];
    lifecycle.onAgentCreated(async (_actor, created) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      calls.push(`first:${created.id}`);
    });
    lifecycle.onAgentCreated(async (_actor, created) => {
      calls.push(`second:${created.id}`);
    });
    await lifecycle.agentCreated(actor, agent);
    expect(calls).toEqual(['first:a1', 'second:a1']);
  });

  it('passes a listener failure on to the caller (so the creating transaction rolls back)', async () => {
    const lifecycle = new AgentLifecycle();
    lifecycle.onAgentCreated(() => Promise.reject(new Error('refused')));
    await expect(lifecycle.agentCreated(actor, agent)).rejects.toThrow('refused');
  });

  it('does nothing when no one listens', async () => {
    await expect(new AgentLifecycle().agentCreated(actor, agent)).resolves.toBeUndefined();
  });
});
