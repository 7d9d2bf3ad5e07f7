export * from './quiet-hours.ts';
export * from './alert-routing.ts';
export * from './alert-retry.ts';
export * from './alert-messages.ts';
