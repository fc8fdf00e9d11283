export * from './lifecycle';
export * from './documentFlow';
export * from './duplicates';
export * from './reviewForm';
export * from './escalation';
