import { Channel } from '@deskforce/platform';

/** A row of `teams` as TeamRepository returns it (a typed row, not a TypeORM entity). */
export interface TeamRow {
  tenantId: string;
  id: string;
  name: string;
  /** IANA time zone, e.g. Europe/Warsaw. */
  timeZone: string;
  channels: Channel[];
  leadAgentId: string | null;
  createdAt: Date;
  updatedAt: Date;
}
