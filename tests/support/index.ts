export * from './factories';
export * from './test-app';
export * from './schema-walk';
export * from './own-database';
export * from './performance';
export * from './api-process';
export * from './webhook-receiver';
