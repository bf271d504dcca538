export * from './business-calendar';
export { zoneTransitions } from './zone-transitions';
export type { OffsetChange, ZoneTransitions } from './zone-transitions';
