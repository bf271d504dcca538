import { Actor } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { AgentRow } from './agent-row';

/** Called with the agent just created, inside the transaction that creates it. */
export type AgentCreatedListener = (actor: Actor, agent: AgentRow) => Promise<void>;

/**
 * The extension point through which other domains react to people's events without people knowing them
 * (training assigns onboarding paths to new agents). Listeners register at module init and run inside the
 * creating transaction, in registration order: a listener that throws undoes the creation, so an agent
 * never exists without what its rules promise.
 */
@Injectable()
export class AgentLifecycle {
  private readonly createdListeners: AgentCreatedListener[] = [];

  onAgentCreated(listener: AgentCreatedListener): void {
    this.createdListeners.push(listener);
  }

  /** Runs every listener in turn; call inside the tenant transaction that created the agent. */
  async agentCreated(actor: Actor, agent: AgentRow): Promise<void> {
    for (const listener of this.createdListeners) await listener(actor, agent);
  }
}
