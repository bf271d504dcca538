export * from './core';
export * from './lib/forecast.service';
export * from './lib/interaction-history.source';
export * from './lib/migrations';
export * from './lib/requirements.service';
export * from './lib/staffing.enums';
export * from './lib/staffing.module';
export * from './lib/staffing.permissions';
