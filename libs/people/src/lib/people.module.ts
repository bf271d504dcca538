import { IdentityModule } from '@deskforce/identity';
import { Module } from '@nestjs/common';
import './people.errors';
import { AgentLifecycle } from './agent-lifecycle';
import { AgentRepository } from './agent.repository';
import { AgentResolver, UserAgentResolver } from './agent.resolver';
import { AgentService } from './agent.service';
import { AuditLogResolver } from './audit-log.resolver';
import { TeamAccessService } from './team-access.service';
import { TeamRepository } from './team.repository';
import { TeamResolver } from './team.resolver';
import { TeamService } from './team.service';

@Module({
  imports: [IdentityModule],
  providers: [
    AgentLifecycle,
    AgentRepository,
    AgentResolver,
    AgentService,
    AuditLogResolver,
    TeamAccessService,
    TeamRepository,
    TeamResolver,
    TeamService,
    UserAgentResolver,
  ],
  exports: [AgentLifecycle, AgentService, TeamAccessService, TeamService],
})
export class PeopleModule {}
