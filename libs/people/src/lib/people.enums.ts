import { registerEnumType } from '@nestjs/graphql';
import { AgentLevel, EmploymentStatus } from './people-vocabulary';

export { AgentLevel, EmploymentStatus };

registerEnumType(AgentLevel, { name: 'AgentLevel' });
registerEnumType(EmploymentStatus, { name: 'EmploymentStatus' });
