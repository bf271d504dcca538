import { registerEnumType } from '@nestjs/graphql';

/** The service channels a contact arrives on, shared by every domain. */
export enum Channel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  CHAT = 'CHAT',
  SOCIAL = 'SOCIAL',
}

registerEnumType(Channel, { name: 'Channel' });

export const CHANNELS: readonly Channel[] = Object.values(Channel);

/** SQL CHECK expression that a text[] column holds only known channels. */
export const CHANNEL_ARRAY_CHECK = (column: string) => `${column} <@ ARRAY['PHONE','EMAIL','CHAT','SOCIAL']::text[]`;
