import { registerEnumType } from '@nestjs/graphql';

/**
 * The service channels a contact arrives on, shared by every domain. The four first ones are the original
 * set; WEB, API, MESSAGING and VOICEMAIL came with the help-desk connectors (issue 13), so a ticket is
 * filed as what it was rather than as the nearest of four. docs/help-desk.md ("Channels") says how each
 * vendor channel maps, docs/staffing.md how each is sized.
 */
export enum Channel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  CHAT = 'CHAT',
  SOCIAL = 'SOCIAL',
  WEB = 'WEB',
  API = 'API',
  MESSAGING = 'MESSAGING',
  VOICEMAIL = 'VOICEMAIL',
}

registerEnumType(Channel, {
  name: 'Channel',
  valuesMap: {
    PHONE: { description: 'Live calls (a queue: answered, abandoned, wait).' },
    EMAIL: { description: 'Email: deferred written work.' },
    CHAT: { description: 'Live web chat (a queue; agents hold several at once).' },
    SOCIAL: { description: 'Public social posts and mentions: deferred written work.' },
    WEB: { description: 'Web forms, portals, widgets and help centres: deferred written work.' },
    API: {
      description: 'Tickets created by an integration, trigger or automation: deferred written work.',
    },
    MESSAGING: {
      description: 'WhatsApp, SMS, in-app and web messaging, direct messages: a queue, several at once, like CHAT.',
    },
    VOICEMAIL: { description: 'Voicemails: deferred work (a call back), no live queue.' },
  },
});

export const CHANNELS: readonly Channel[] = Object.values(Channel);

/**
 * The channels with a live queue: a contact waits, then is answered or abandoned, so the queue fields
 * (answeredAt, abandonedAt, waitTimeSeconds) and the queue metrics (service level, abandonment, ASA) apply.
 * The others are deferred work; the database repeats this (interactions_queue_only_live).
 */
export const LIVE_CHANNELS: readonly Channel[] = [Channel.PHONE, Channel.CHAT, Channel.MESSAGING];

/**
 * SQL CHECK expression that a text[] column holds only the given channels. Migrations pass the list they
 * mean literally (a migration is history: it must create today what it created when it was written).
 */
export const CHANNEL_ARRAY_CHECK = (column: string, channels: readonly string[]) =>
  `${column} <@ ARRAY[${channels.map((c) => `'${c}'`).join(',')}]::text[]`;
