export * from './definitions';
export * from './period';
export * from './values';
export * from './workingDays';
