export * from './breakdowns';
export * from './definitions';
export * from './funnel';
export * from './period';
export * from './values';
export * from './workingDays';
